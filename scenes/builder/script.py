"""Reading a section's narration without rendering it, and the recording-script export.

    python -m scenes.builder.script                 # all sections that exist
    python -m scenes.builder.script --sections s3   # just one
    python -m scenes.builder.script --out DIR       # default: out/recording_script

For each section it writes ``<section>.md`` (beat id, where the text is in the scene file,
estimated length, text) and a folder ``<section>/`` holding one ``<beat id>.txt`` per beat.
To record a beat, read its text, save the audio as ``assets/voice/<section>/<beat id>.wav``
and copy the ``.txt`` next to it: the toolkit then uses the recording and warns when the
narration changes later. A recording whose beat was renumbered (a block inserted before it)
is still found by its text; the export lists such recordings so they can be renamed.

The scenes are run with animations skipped and the voice off, so this takes seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import OUT
from ..sections import SECTIONS, Section, parse_section_list
from ..sections import section as lookup_section
from ..speech.options import VOICE_ENV, VoiceSettings
from ..speech.recordings import recordings_by_text
from ..speech.spoken import estimate_seconds

__all__ = [
    "SectionReading",
    "run_skipping",
    "timing_only",
    "read_section",
    "collect_beats",
    "write_script",
    "main",
]


@dataclass(frozen=True)
class SectionReading:
    beats: list[dict]  # id, text, estimate, source ("scenes/s3_….py:120"), anchors
    animations: int  # how many play()/wait() calls the render will make


def run_skipping(section: str | Section, wrap=None, **config):
    """Run one section with animations skipped and the voice off; return the scene afterwards.

    ``wrap(cls)`` may return a subclass of the section's scene to run instead (the layout check
    looks at the screen after every animation); ``config`` overrides manim settings.
    """
    from manim import tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer

    info = lookup_section(section) if isinstance(section, str) else section
    spec = importlib.util.spec_from_file_location(f"_script_{info.module}", info.path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = getattr(module, info.scene)
    cls = wrap(cls) if wrap else cls
    name = VOICE_ENV["mode"]
    old = os.environ.get(name)
    os.environ[name] = "none"
    try:
        with tempconfig(
            {
                "dry_run": True,
                "disable_caching": True,
                "quality": "low_quality",
                "verbosity": "ERROR",
                "progress_bar": "none",
                **config,
            }
        ):
            scene = cls(renderer=CairoRenderer(skip_animations=True))
            scene.render()
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old
    return scene


def timing_only(cls):
    """``cls`` with ``play`` and ``wait`` reduced to their bookkeeping: the clock and the count.

    A skipped animation is still begun, finished and deep-copied by manim, which is most of the
    time a skipped run takes; the narration only needs the times (anchors and beat ends are
    computed from them) and how many animations the render will make, and both come out the
    same as manim's own: ``play`` and ``wait`` advance the scene's frame clock by the frames
    manim would write for them (:func:`~scenes.kit.frames.frame_count`).
    """
    from manim import Wait

    from ..kit.tools import frame_count

    class TimingOnly(cls):
        def play(
            self, *args, subcaption=None, subcaption_duration=None, subcaption_offset=0, **kwargs
        ):
            animations = self.compile_animations(*args, **kwargs)
            if len(animations) == 1 and isinstance(animations[0], Wait):
                wait = animations[0]
                return self.wait(wait.run_time, frozen_frame=wait.is_static_wait)
            self.add_mobjects_from_animations(animations)
            self.renderer.num_plays += 1
            self.advance_clock(frame_count(self.get_run_time(animations)))

        def wait(self, duration=1.0, stop_condition=None, frozen_frame=None):
            still = frozen_frame if frozen_frame is not None else self.wait_is_still()
            self.renderer.num_plays += 1
            self.advance_clock(frame_count(duration, still=still))

    TimingOnly.__name__ = TimingOnly.__qualname__ = cls.__name__
    return TimingOnly


def read_section(section: str | Section) -> SectionReading:
    """What one section will say (a second or two).

    The scene runs with its animations reduced to their timing (:func:`timing_only`). Should a
    scene depend on an animation's end state to go on, it is read again the slow way, with every
    skipped animation carried out (:func:`run_skipping`), which also reports a real error.
    """
    try:
        scene = run_skipping(section, timing_only)
    except Exception:
        scene = run_skipping(section)
    cps = VoiceSettings.from_env().chars_per_second
    beats = [{**b, "estimate": estimate_seconds(b["text"], cps)} for b in scene.beat_log()]
    return SectionReading(beats, scene.renderer.num_plays)


def collect_beats(section: str | Section) -> list[dict]:
    """The beats of one section: id, text, estimated seconds, source line, anchors."""
    return read_section(section).beats


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
        f"Target {info.target_minutes:g} min; narration about {total / 60:.1f} min at the default "
        "pace.",
        f"Save each recording as `assets/voice/{info.id}/<beat id>.wav` with the `.txt` from "
        f"`{folder.relative_to(out)}/` beside it.",
        "",
        "| beat id | in the scene file | seconds (est.) | text |",
        "| --- | --- | ---: | --- |",
    ]
    for b in beats:
        (folder / f"{b['id']}.txt").write_text(b["text"] + "\n", encoding="utf-8")
        lines.append(
            f"| `{b['id']}` | `{b['source']}` | {b['estimate']:.1f} | "
            f"{b['text'].replace('|', '｜')} |"
        )
    moved = renumbered_recordings(section_id, beats)
    if moved:
        lines += [
            "",
            "## Recordings whose beat was renumbered",
            "",
            "They are still used (found by their text); rename them to keep them tidy:",
            "",
        ]
        lines += [f"- `{old}` → `{new}`" for old, new in moved]
    md = out / f"{section_id}.md"
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return md


def renumbered_recordings(section_id: str, beats: list[dict]) -> list[tuple[str, str]]:
    """(recording file, beat id it now belongs to) for recordings saved under another id."""
    by_text = recordings_by_text(VoiceSettings.from_env(), section_id)
    moved = []
    for b in beats:
        path = by_text.get(" ".join(b["text"].split()))
        if path is not None and path.stem != b["id"]:
            moved.append((path.name, f"{b['id']}{path.suffix}"))
    return moved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.builder.script", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--sections", default=None, help="comma-separated ids, e.g. s1,s3 (default: all that exist)"
    )
    parser.add_argument("--out", type=Path, default=OUT / "recording_script")
    args = parser.parse_args(argv)
    try:
        ids = (
            parse_section_list(args.sections)
            if args.sections
            else [s.id for s in SECTIONS if s.path.is_file()]
        )
    except ValueError as exc:
        parser.error(str(exc))
    for sid in ids:
        if not lookup_section(sid).path.is_file():
            print(f"{sid}: no scene file yet, skipped", file=sys.stderr)
            continue
        beats = collect_beats(sid)
        md = write_script(sid, beats, args.out)
        print(f"{sid}: {len(beats)} beats -> {md}")
    return 0


if __name__ == "__main__":
    from ..common.errors import run_tool

    sys.exit(run_tool("python -m scenes.builder.script", main))
