"""The kit's one door to the builder: what building and checking the film may use of the kit.

The builder (:mod:`scenes.builder`) builds, checks and reports on the film; it never draws. What
it needs to know about the kit is here, so that the kit's inside can change without the builder
noticing (``tests/test_layering.py`` keeps it so: a builder module imports nothing else of the kit):

* the examples file: :data:`DEFAULT_FILE`, :data:`EXAMPLES_ENV`, :class:`ExampleError`,
  :func:`load_examples`, :func:`section_values`, and :func:`examples_in_use` (another file for the
  length of a ``with`` block);
* reading a script with its animations reduced to their timing: :func:`frame_count`;
* the layout check: :func:`texts_on_screen`, :func:`drawings_on_screen`, :func:`cap_height`,
  :func:`empty_series_labels` and :func:`safe_margin` -- the kit knows its own mobjects (a
  :class:`~scenes.kit.figures.Figure` is text, a
  :class:`~scenes.kit.mobjects.BarSeries` has labels).

manim is imported only when a function needs it: the builder's command line starts on a bare Python.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from pathlib import Path

from . import examples as _examples
from .examples import DEFAULT_FILE, EXAMPLES_ENV, ExampleError, section_values
from .examples import load as load_examples

__all__ = [
    "DEFAULT_FILE",
    "EXAMPLES_ENV",
    "ExampleError",
    "load_examples",
    "section_values",
    "examples_in_use",
    "frame_count",
    "texts_on_screen",
    "drawings_on_screen",
    "cap_height",
    "empty_series_labels",
    "safe_margin",
]


# --- the examples file
# --------------------------------------------------------------------------------
def _reload_readers() -> None:
    """Import again the kit modules that read the examples at import (they hold :func:`current`)."""
    for name, module in list(sys.modules.items()):
        if (
            name.startswith("scenes.kit.")
            and module is not _examples
            and getattr(module, "current", None) is _examples.current
        ):
            importlib.reload(module)


@contextlib.contextmanager
def examples_in_use(examples: Path):
    """:func:`~scenes.kit.examples.current` reads ``examples`` inside.

    Kit modules that read it at import read it again. The build sets the same file for the whole
    build (nothing is read again); a test that loads another file gets the process back as it was.
    """
    old = os.environ.get(EXAMPLES_ENV)
    same = (
        old is not None
        and Path(old).expanduser().resolve() == examples
        or old is None
        and examples == DEFAULT_FILE
    )
    os.environ[EXAMPLES_ENV] = str(examples)
    if not same:
        _reload_readers()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(EXAMPLES_ENV, None)
        else:
            os.environ[EXAMPLES_ENV] = old
        if not same:
            _reload_readers()


# --- timing
# ---------------------------------------------------------------------------------------------
def frame_count(run_time: float, still: bool = False) -> int:
    """The frames manim writes for ``run_time`` seconds (:func:`scenes.kit.frames.frame_count`)."""
    from .frames import frame_count as count

    return count(run_time, still=still)


# --- what is on screen
# ----------------------------------------------------------------------------------
def _text_kinds() -> tuple[type, ...]:
    from manim import DecimalNumber, MathTex, SingleStringMathTex, Text

    from .figures import Figure

    return Text, SingleStringMathTex, MathTex, DecimalNumber, Figure


def texts_on_screen(scene) -> list:
    """Every visible piece of text on screen (not descending into a text's own glyphs)."""
    kinds = _text_kinds()
    out, stack = [], list(scene.mobjects)
    while stack:
        mob = stack.pop()
        if isinstance(mob, kinds):
            family = mob.get_family()
            visible = any(
                m.get_fill_opacity() > 0.05 or m.get_stroke_opacity() > 0.05
                for m in family
                if len(getattr(m, "points", []))
            )
            if visible and mob.width > 1e-3 and mob.height > 1e-3:
                out.append(mob)
            continue
        stack.extend(getattr(mob, "submobjects", []))
    return out


def drawings_on_screen(scene) -> list:
    """Every visible drawing on screen that is not text: the pieces of shapes, lines and images.

    A mobject marked ``bleed = True`` (a picture meant to reach the frame's edge) is skipped with
    all its parts.
    """
    from manim import ImageMobject, VMobject

    texts = _text_kinds()
    out, stack = [], list(scene.mobjects)
    while stack:
        mob = stack.pop()
        if isinstance(mob, texts) or getattr(mob, "bleed", False):
            continue
        if isinstance(mob, ImageMobject):
            out.append(mob)
            continue
        if (
            isinstance(mob, VMobject)
            and len(mob.points)
            and (
                mob.get_fill_opacity() > 0.05
                or (mob.get_stroke_opacity() > 0.05 and mob.get_stroke_width() > 0)
            )
        ):
            out.append(mob)
        stack.extend(getattr(mob, "submobjects", []))
    return out


def cap_height(mob) -> float | None:
    """The height of a text's capitals in pixels at 1080p; None for a mobject with no font size."""
    from manim import Text

    from .figures import Figure
    from .style import CAP_PER_POINT

    size = getattr(mob, "font_size", None)
    if size is None:
        return None
    return float(size) * CAP_PER_POINT["text" if isinstance(mob, (Text, Figure)) else "tex"]


def empty_series_labels(scene) -> list[list]:
    """For each chart series on screen that has no bars yet, its value labels (they read "0.00")."""
    from .mobjects import BarSeries

    series = {m for top in scene.mobjects for m in top.get_family() if isinstance(m, BarSeries)}
    return [list(s.labels) for s in series if not s.values.any()]


def safe_margin() -> float:
    """The title-safe margin, as a share of the frame on each side."""
    from .style import SAFE_MARGIN

    return SAFE_MARGIN
