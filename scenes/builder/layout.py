"""The layout check: is every piece of text on screen readable, in the frame and clear of the rest.

    python -m scenes.builder.layout scenes/s3_cross_entropy.py   # findings, and out/layout/s3.png
    python -m scenes.builder.layout --sections s1,s3

A section is run with animations skipped (scene geometry, not pixels: a few seconds) and the
mobjects on screen are inspected after every animation and wait. Each finding names the
section, the beat, the rule and the text:

* **safe area** -- text, or a drawing (a shape, a line, an image), outside the title-safe area
  (5 % margin on each side); a picture meant to reach the edge is marked ``bleed = True``;
* **subtitle band** -- text or a drawing in the bottom 12 % of the frame, where players draw soft
  subtitles;
* **overlap** -- two pieces of text whose boxes overlap (a mobject with ``overlay = True`` is
  an intended overlay and exempt);
* **size** -- text whose capital letters would be under :data:`MIN_CAP_PX` pixels tall at 1080p
  (cap height: for Chinese text the font's Latin capitals, which are a little smaller than its
  Chinese characters, so the rule is the stricter one);
* **contrast** -- text whose colour has a WCAG contrast ratio under 4.5 against the background;
* **figure font** -- a manim ``DecimalNumber`` (LaTeX digits): figures are set with
  :mod:`scenes.kit.figures`, in one typeface;
* **stray marks** -- the value labels of a chart series that has no bars yet (a series shown
  before it is introduced: its labels read "0.00").

The sheet shows the frames with findings, the offending text boxed in red.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from ..kit.tools import (
    cap_height,
    drawings_on_screen,
    empty_series_labels,
    safe_margin,
    texts_on_screen,
)
from ..paths import OUT
from ..sections import SECTIONS, Section, parse_section_list
from ..sections import section as lookup_section
from .script import run_skipping

__all__ = ["MIN_CAP_PX", "MIN_CONTRAST", "Finding", "contrast_ratio", "check_section", "main"]

MIN_CAP_PX = 24.0
MIN_CONTRAST = 4.5
SUBTITLE_BAND = 0.12


@dataclass(frozen=True)
class Finding:
    section: str
    beat: str
    rule: str
    text: str
    detail: str
    time: float

    def __str__(self) -> str:
        return (
            f"{self.section}/{self.beat} @{self.time:.1f}s {self.rule}: {self.text!r} {self.detail}"
        )


def _luminance(rgb) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg, bg) -> float:
    """WCAG 2 contrast ratio of two RGB colours (components in 0..1).

    >>> round(contrast_ratio((1, 1, 1), (0, 0, 0)), 1)
    21.0
    """
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _label(mob) -> str:
    for attr in ("text", "tex_string", "original_text"):
        value = getattr(mob, attr, None)
        if isinstance(value, str) and value.strip():
            return value.strip()[:40]
    if callable(getattr(type(mob), "get_value", None)):
        return f"{mob.get_value():g}"
    return type(mob).__name__


def _box(mob):
    return mob.get_left()[0], mob.get_bottom()[1], mob.get_right()[0], mob.get_top()[1]


def _overlap(a, b, slack: float = 0.02) -> bool:
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    return min(ax1, bx1) - max(ax0, bx0) > slack and min(ay1, by1) - max(ay0, by0) > slack


def inspect_frame(scene, section: str, beat: str) -> list[tuple[Finding, object]]:
    """The findings on screen now, each with its mobject."""
    from manim import DecimalNumber, config
    from manim.utils.color import ManimColor

    w, h = config.frame_width / 2, config.frame_height / 2
    margin = safe_margin()
    sx, sy = w * (1 - 2 * margin), h * (1 - 2 * margin)
    band = -h + 2 * h * SUBTITLE_BAND
    bg = ManimColor(config.background_color).to_rgb()
    texts = texts_on_screen(scene)
    found = []

    def add(mob, rule, detail):
        found.append((Finding(section, beat, rule, _label(mob), detail, round(scene.time, 2)), mob))

    boxes = [(m, _box(m)) for m in texts]
    for mob, (x0, y0, x1, y1) in boxes:
        if x0 < -sx or x1 > sx or y1 > sy or y0 < -sy:
            add(mob, "safe area", f"box x {x0:.2f}..{x1:.2f}, y {y0:.2f}..{y1:.2f}")
        elif y0 < band:
            add(mob, "subtitle band", f"bottom at y {y0:.2f} (band below {band:.2f})")
        cap = cap_height(mob)
        if cap is not None and cap < MIN_CAP_PX - 0.5:
            add(mob, "size", f"capitals {cap:.0f} px at 1080p (at least {MIN_CAP_PX:.0f})")
        ratio = contrast_ratio(ManimColor(mob.get_color()).to_rgb(), bg)
        if ratio < MIN_CONTRAST:
            add(
                mob, "contrast", f"{ratio:.1f}:1 against the background (at least {MIN_CONTRAST}:1)"
            )
        if isinstance(mob, DecimalNumber):
            add(
                mob,
                "figure font",
                "a number in LaTeX digits: show figures with scenes.kit.figures "
                "(Figure, figure_text, axes) so that they share one typeface",
            )
    for mob in drawings_on_screen(scene):
        x0, y0, x1, y1 = _box(mob)
        if x0 < -sx - 0.01 or x1 > sx + 0.01 or y1 > sy + 0.01 or y0 < -sy - 0.01:
            add(mob, "safe area", f"a drawing's box x {x0:.2f}..{x1:.2f}, y {y0:.2f}..{y1:.2f}")
        elif y0 < band - 0.01:
            add(mob, "subtitle band", f"a drawing's bottom at y {y0:.2f} (band below {band:.2f})")
    for labels in empty_series_labels(scene):
        shown = [lab for lab in labels if lab in texts]
        if shown:
            add(
                shown[0], "stray marks", f"{len(shown)} value label(s) of a series with no bars yet"
            )
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1 :]:
            if getattr(a, "overlay", False) or getattr(b, "overlay", False):
                continue
            if _overlap(ba, bb):
                add(a, "overlap", f"with {_label(b)!r}")
    return found


def check_section(section: str | Section, sheet: Path | None = None) -> list[Finding]:
    """Run ``section`` with animations skipped and return every layout finding (each once)."""
    info = lookup_section(section) if isinstance(section, str) else section
    seen: dict[tuple, Finding] = {}
    frames: list[tuple[object, list]] = []

    def probing(base):
        class Probe(base):
            def _probe(self):
                beat = self.beats[-1].beat_id if self.beats else "before the first beat"
                now = [
                    (f, m)
                    for f, m in inspect_frame(self, info.id, beat)
                    if (f.beat, f.rule, f.text) not in seen
                ]
                for f, _ in now:
                    seen[(f.beat, f.rule, f.text)] = f
                if now and sheet is not None and len(frames) < 24:
                    self.renderer.update_frame(self, ignore_skipping=True)
                    frames.append((self.renderer.get_frame().copy(), [_box(m) for _, m in now]))

            def play(self, *args, **kwargs):
                super().play(*args, **kwargs)
                self._probe()

            def wait(self, *args, **kwargs):
                super().wait(*args, **kwargs)
                self._probe()

        return Probe

    run_skipping(info, probing, pixel_width=480, pixel_height=270)
    if sheet is not None and frames:
        _write_sheet(frames, sheet)
    return list(seen.values())


def _write_sheet(frames, path: Path) -> None:
    from manim import config
    from PIL import Image, ImageDraw

    from .report import frame_grid

    imgs = []
    for pixels, boxes in frames:
        img = Image.fromarray(pixels[:, :, :3])
        draw = ImageDraw.Draw(img)
        sx, sy = img.width / config.frame_width, img.height / config.frame_height
        for x0, y0, x1, y1 in boxes:
            draw.rectangle(
                [
                    (x0 + config.frame_width / 2) * sx,
                    (config.frame_height / 2 - y1) * sy,
                    (x1 + config.frame_width / 2) * sx,
                    (config.frame_height / 2 - y0) * sy,
                ],
                outline=(255, 40, 40),
                width=2,
            )
        imgs.append(img)
    frame_grid(imgs, path, columns=4, width=imgs[0].width)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scenes.builder.layout", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="section files (default: see --sections)"
    )
    parser.add_argument(
        "--sections", default=None, help="comma-separated ids, e.g. s1,s3 (default: all)"
    )
    parser.add_argument("--out", type=Path, default=OUT / "layout")
    args = parser.parse_args(argv)
    by_file = {s.path.resolve(): s for s in SECTIONS}
    try:
        chosen = (
            [by_file[f.resolve()] for f in args.files]
            if args.files
            else [
                lookup_section(i)
                for i in (
                    parse_section_list(args.sections) if args.sections else [s.id for s in SECTIONS]
                )
            ]
        )
    except KeyError as exc:
        parser.error(f"not a section file: {exc.args[0]}")
    except ValueError as exc:
        parser.error(str(exc))
    total = 0
    for sec in chosen:
        sheet = args.out / f"{sec.id}.png"
        findings = check_section(sec, sheet)
        total += len(findings)
        for f in findings:
            print(f)
        print(f"{sec.id}: {len(findings)} finding(s)" + (f"; frames: {sheet}" if findings else ""))
    return 1 if total else 0


if __name__ == "__main__":
    from ..common.errors import run_tool

    sys.exit(run_tool("python -m scenes.builder.layout", main))
