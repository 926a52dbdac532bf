"""Stills to look at: the last frame of every beat of a section (and one from its middle).

    python -m scenes.builder.stills s3                 # 480p15, no voice: out/stills/s3/*.png
    python -m scenes.builder.stills s1,s5 --quality h  # 1080p60
    python -m scenes.builder.stills s3 --voice kokoro  # timed by the real voice

A section is rendered by the film builder (reused when unchanged since its last stills), then
for each beat the frame just before the beat ends and the frame in its middle are written as
``<nn>_<beat>_end.png`` / ``_mid.png``, with ``sheet.png``: every beat's last frame in a grid,
labelled with its id. Open them after changing a scene -- what the layout check cannot judge
(scale, balance, pacing against the narration) is judged here. (:func:`skipped_stills` draws the
end of every beat without rendering, for the recording page.)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..paths import OUT
from ..sections import Section, parse_section_list
from .cli import QUALITIES, parse_plan

__all__ = ["stills", "skipped_stills", "main"]

#: how long before a beat's end its "end" still is taken (the next beat's fade has not begun)
BEFORE_END = 0.12


def stills(
    section_ids: list[str],
    quality: str = "l",
    voice: str = "none",
    out: Path = OUT / "stills",
    say=print,
) -> list[Path]:
    """Render ``section_ids`` and write their beat stills; return the sheets."""
    from ..common.media import frames_at
    from .progress import Progress
    from .render import render_section
    from .report import frame_grid

    plan, _ = parse_plan(
        [
            "--quality",
            quality,
            "--voice",
            voice,
            "--out",
            str(out / "build"),
            "--sections",
            ",".join(section_ids),
        ]
    )
    sheets = []
    with Progress([s.id for s in plan.sections], live=False) as progress:
        for sec in plan.sections:
            made = render_section(sec, plan, progress)
            beats = made.beat_log()
            ends = [max(b["start"] + b["duration"] - BEFORE_END, b["start"]) for b in beats]
            mids = [b["start"] + b["duration"] / 2 for b in beats]
            frames = frames_at(made.mp4, ends + mids)
            folder = out / sec.id
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.png"):
                old.unlink()
            labels = []
            for k, b in enumerate(beats):
                stem = f"{k + 1:02d}_{b['id']}"
                frames[k].save(folder / f"{stem}_end.png")
                frames[len(beats) + k].save(folder / f"{stem}_mid.png")
                labels.append(f"{b['id']}  end {ends[k]:.1f}s")
            frame_grid(frames[: len(beats)], folder / "sheet.png", labels, columns=4, width=480)
            sheets.append(folder / "sheet.png")
            say(f"{sec.id}: {len(beats)} beats -> {folder}")
    return sheets


def skipped_stills(sec: Section) -> dict[str, bytes]:
    """PNG bytes of the screen at the end of every beat of ``sec``, 640x360.

    In seconds instead of a render: the section runs with its animations skipped (their end states
    are drawn) and the voice off; the screen is drawn after the last animation or wait of each
    beat. The recording page shows them.
    """
    import io

    from manim import config
    from PIL import Image

    from .script import run_skipping

    shots: dict[str, object] = {}

    def capture(base):
        class Capture(base):
            def _grab(self):
                beat = self.beats[-1] if getattr(self, "beats", None) else None
                if (
                    beat is not None
                    and self.frame <= round((beat.start + beat.duration) * config.frame_rate) + 1
                ):
                    self.renderer.update_frame(self, ignore_skipping=True)
                    shots[beat.beat_id] = self.renderer.get_frame()[:, :, :3].copy()

            def play(self, *args, **kwargs):
                super().play(*args, **kwargs)
                self._grab()

            def wait(self, *args, **kwargs):
                super().wait(*args, **kwargs)
                self._grab()

        return Capture

    run_skipping(sec, capture, pixel_width=640, pixel_height=360)
    out = {}
    for bid, pixels in shots.items():
        buf = io.BytesIO()
        Image.fromarray(pixels).save(buf, format="PNG")
        out[bid] = buf.getvalue()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.builder.stills", description=__doc__.split("\n")[0]
    )
    parser.add_argument("sections", help="comma-separated section ids, e.g. s3 or s1,s5")
    parser.add_argument("--quality", choices=list(QUALITIES), default="l")
    parser.add_argument(
        "--voice", default="none", help="none (default: timing estimated from the text) or kokoro"
    )
    parser.add_argument("--out", type=Path, default=OUT / "stills")
    args = parser.parse_args(argv)
    try:
        ids = parse_section_list(args.sections)
    except ValueError as exc:
        parser.error(str(exc))
    stills(ids, args.quality, args.voice, args.out)
    return 0


if __name__ == "__main__":
    from ..common.errors import run_tool

    sys.exit(run_tool("python -m scenes.builder.stills", main))
