"""Export every section's narration as a recording script.

    python -m scenes.kit.script                 # all sections that exist
    python -m scenes.kit.script --sections s3   # just one
    python -m scenes.kit.script --out DIR       # default: out/recording_script

For each section it writes ``<section>.md`` (beat id, text, estimated length) and a folder
``<section>/`` holding one ``<beat id>.txt`` per beat. To record a beat, read its text,
save the audio as ``assets/voice/<section>/<beat id>.wav`` and copy the ``.txt`` next to
it: the toolkit then uses the recording and warns when the narration changes later.

The scenes are run with animations skipped and the voice off, so this takes seconds.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from ..sections import SECTIONS, parse_section_list, section as lookup_section
from .voice import REPO_ROOT, VoiceSettings
from .text import estimate_seconds


def collect_beats(section) -> list[dict]:
    """Run one section with animations skipped and return its beats (id, text, estimate).

    ``section`` is a section id (``"s3"``) or a :class:`scenes.sections.Section`.
    """
    from manim import tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer

    info = lookup_section(section) if isinstance(section, str) else section
    spec = importlib.util.spec_from_file_location(f"_script_{info.module}", info.path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = getattr(module, info.scene)
    old = os.environ.get("EXPLAINER_VOICE")
    os.environ["EXPLAINER_VOICE"] = "none"
    try:
        with tempconfig({"dry_run": True, "disable_caching": True, "quality": "low_quality",
                         "verbosity": "ERROR", "progress_bar": "none"}):
            scene = cls(renderer=CairoRenderer(skip_animations=True))
            scene.render()
    finally:
        if old is None:
            os.environ.pop("EXPLAINER_VOICE", None)
        else:
            os.environ["EXPLAINER_VOICE"] = old
    cps = VoiceSettings.from_env().chars_per_second
    return [
        {"id": b.beat_id, "text": b.text, "estimate": estimate_seconds(b.text, cps)}
        for b in scene.beats
    ]


def write_script(section_id: str, beats: list[dict], out: Path) -> Path:
    info = lookup_section(section_id)
    folder = out / section_id
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    total = sum(b["estimate"] for b in beats)
    lines = [
        f"# {info.id} — {info.title}",
        "",
        f"Target {info.target_minutes:g} min; narration about {total / 60:.1f} min at the default pace.",
        f"Save each recording as `assets/voice/{info.id}/<beat id>.wav` with the `.txt` from "
        f"`{folder.relative_to(out)}/` beside it.",
        "",
        "| beat id | seconds (est.) | text |",
        "| --- | ---: | --- |",
    ]
    for b in beats:
        (folder / f"{b['id']}.txt").write_text(b["text"] + "\n", encoding="utf-8")
        lines.append(f"| `{b['id']}` | {b['estimate']:.1f} | {b['text'].replace('|', '｜')} |")
    md = out / f"{section_id}.md"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scenes.kit.script", description=__doc__.split("\n")[0])
    parser.add_argument("--sections", default=None, help="comma-separated ids, e.g. s1,s3 (default: all that exist)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "out" / "recording_script")
    args = parser.parse_args(argv)
    if args.sections:
        try:
            ids = parse_section_list(args.sections)
        except ValueError as exc:
            parser.error(str(exc))
    else:
        ids = [s.id for s in SECTIONS if s.path.is_file()]
    for sid in ids:
        if not lookup_section(sid).path.is_file():
            print(f"{sid}: no scene file yet, skipped", file=sys.stderr)
            continue
        beats = collect_beats(sid)
        md = write_script(sid, beats, args.out)
        print(f"{sid}: {len(beats)} beats -> {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
