"""The listen check's score: how well every beat of the narration is understood.

    python -m scenes.builder.listen --sections s3    # the command (see scenes.builder.listen)

Every beat's audio (the clip the film uses: recording or synthetic voice) is transcribed
(:mod:`scenes.speech.transcribe`) and compared with the beat's text. The score is the syllable
error rate: the edit distance between the toneless pinyin of what was said (the beat's text
made speakable exactly as the voice speaks it) and of what was heard, divided by the number of
said syllables.

The report lists the error rate per section and overall, and the worst beats with what was
said and what was heard, so that an educator can add a word to ``assets/pronunciation.toml``.
Recorded beats are listed apart, each with the words of its text that were not heard (skipped
while recording, or said unclearly).
Target for the default voice: overall <= 3 %, no beat above 10 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..speech.align import skipped_words
from ..speech.transcribe import syllables, transcribe

__all__ = ["TARGET_OVERALL", "TARGET_BEAT", "error_rate", "BeatScore", "score_beat", "report"]

TARGET_OVERALL = 0.03
TARGET_BEAT = 0.10


def _edit_distance(a: list[str], b: list[str]) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def error_rate(said: list[str], heard: list[str]) -> tuple[int, int]:
    """(errors, syllables said): substitutions, deletions and insertions against what was said."""
    return _edit_distance(said, heard), len(said)


@dataclass(frozen=True)
class BeatScore:
    section: str
    beat_id: str
    voice: str
    said: str
    heard: str
    errors: int
    syllables: int
    skipped: tuple[
        str, ...
    ] = ()  # stretches of the text not heard (:func:`scenes.speech.align.skipped_words`)

    @property
    def rate(self) -> float:
        return self.errors / self.syllables if self.syllables else 0.0


def score_beat(
    section: str, beat_id: str, voice: str, text: str, audio: Path, lexicon_path: str | None = None
) -> BeatScore:

    heard = transcribe(audio)
    errors, n = error_rate(syllables(text, lexicon_path), syllables(heard, lexicon_path))
    return BeatScore(
        section,
        beat_id,
        voice,
        text,
        heard,
        errors,
        n,
        tuple(skipped_words(text, heard, lexicon_path)),
    )


def _pct(errors: int, n: int) -> str:
    return f"{100 * errors / n:.1f} %" if n else "—"


def report(scores: list[BeatScore], title: str, worst: int = 15) -> str:
    """The listen report as Markdown: per section, overall, and the worst beats."""
    total_e = sum(s.errors for s in scores)
    total_n = sum(s.syllables for s in scores)
    over = [s for s in scores if s.rate > TARGET_BEAT]
    ok = total_n and total_e / total_n <= TARGET_OVERALL and not over
    lines = [
        f"# Listen check — {title}",
        "",
        f"Overall syllable error rate: **{_pct(total_e, total_n)}** ({total_e} of {total_n} "
        f"syllables); beats above {TARGET_BEAT:.0%}: {len(over)}. Target: ≤ {TARGET_OVERALL:.0%} "
        f"overall, no beat above {TARGET_BEAT:.0%} — " + ("**met**." if ok else "**not met**."),
        "",
        "| section | beats | syllables | errors | error rate |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for sec in dict.fromkeys(s.section for s in scores):
        mine = [s for s in scores if s.section == sec]
        e, n = sum(s.errors for s in mine), sum(s.syllables for s in mine)
        lines.append(f"| {sec} | {len(mine)} | {n} | {e} | {_pct(e, n)} |")
    lines.append(f"| all | {len(scores)} | {total_n} | {total_e} | {_pct(total_e, total_n)} |")
    recorded = [s for s in scores if s.voice == "recorded"]
    if recorded:
        lines += [
            "",
            "## Recorded beats",
            "",
            "Did each recording say its text? The words not heard were skipped, or said unclearly.",
            "",
            "| beat | error rate | not heard |",
            "| --- | ---: | --- |",
        ]
        lines += [
            f"| {s.section}/{s.beat_id} | {_pct(s.errors, s.syllables)} | "
            f"{'、'.join(s.skipped) or '—'} |"
            for s in recorded
        ]
    bad = sorted((s for s in scores if s.errors), key=lambda s: (-s.rate, -s.errors))[:worst]
    if bad:
        lines += [
            "",
            f"## The worst beats (up to {worst})",
            "",
            "A word heard wrong in several beats is worth an entry in `assets/pronunciation.toml`.",
            "",
        ]
        for s in bad:
            lines += [
                f"### {s.section}/{s.beat_id} — {_pct(s.errors, s.syllables)} ({s.voice})",
                "",
                f"- said:  {s.said}",
                f"- heard: {s.heard}",
                *([f"- not heard: {'、'.join(s.skipped)}"] if s.skipped else []),
                "",
            ]
    return "\n".join(lines) + "\n"
