"""The listen check over whole sections (the scoring itself is :mod:`scenes.builder.scoring`).

    python -m scenes.builder.listen                    # all sections, the default voice
    python -m scenes.builder.listen --sections s3      # one section
    python -m scenes.builder.listen --out FILE.md      # default: out/listen.md

Every beat's audio (the clip the film uses: recording or synthetic voice; missing clips are
made first) is transcribed offline and compared with the beat's text. The report lists the
syllable error rate per section and overall and the worst beats, with what was said and
heard. Exit status 1 when the target (overall <= 3 %, no beat above 10 %) is not met.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..common.files import atomic_write_text
from ..paths import OUT
from ..sections import SECTIONS, Section, parse_section_list
from .scoring import TARGET_BEAT, TARGET_OVERALL, BeatScore, report, score_beat
from .script import collect_beats

__all__ = ["listen_sections", "check", "main"]


def listen_sections(sections: list[str | Section], progress=print) -> list[BeatScore]:
    """Score every beat of the given sections with the voice settings of the environment."""
    from ..speech.options import VoiceSettings
    from ..speech.voice import clip_for

    settings = VoiceSettings.from_env()
    if settings.mode == "none":
        raise ValueError("the voice is off (EXPLAINER_VOICE=none): there is nothing to listen to")
    lexicon = str(settings.lexicon) if settings.lexicon else None
    scores = []
    for sec in sections:
        sid = sec if isinstance(sec, str) else sec.id
        beats = collect_beats(sec)
        for i, b in enumerate(beats, 1):
            clip = clip_for(settings, sid, b["id"], b["text"], splits=tuple(b.get("splits", ())))
            scores.append(score_beat(sid, b["id"], clip.source, b["text"], clip.path, lexicon))
            progress(f"[listen] {sid} {i}/{len(beats)} {b['id']}: {scores[-1].rate:.0%}")
    return scores


def check(sections: list[str | Section], out: Path) -> int:
    """Score ``sections``, write the report to ``out``; 0 when the target is met."""
    scores = listen_sections(sections)
    ids = [s if isinstance(s, str) else s.id for s in sections]
    atomic_write_text(out, report(scores, ", ".join(ids)))
    errors, n = sum(s.errors for s in scores), sum(s.syllables for s in scores) or 1
    worst = max((s.rate for s in scores), default=0.0)
    ok = errors / n <= TARGET_OVERALL and worst <= TARGET_BEAT
    print(
        f"[listen] {errors / n:.1%} of {n} syllables misheard, worst beat {worst:.0%}: "
        f"{'target met' if ok else 'target NOT met'}; report {out}",
        flush=True,
    )
    return 0 if ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.builder.listen", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sections", default=None, help="comma-separated ids, e.g. s1,s3 (default: all)"
    )
    parser.add_argument("--out", type=Path, default=OUT / "listen.md")
    args = parser.parse_args(argv)
    try:
        ids = parse_section_list(args.sections) if args.sections else [s.id for s in SECTIONS]
    except ValueError as exc:
        parser.error(str(exc))
    return check(ids, args.out)


if __name__ == "__main__":
    from ..common.errors import run_tool

    sys.exit(run_tool("python -m scenes.builder.listen", main))
