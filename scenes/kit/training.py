"""Pictures of training a model: a replay clock, a growing loss curve, marked eyes, a raster scan.

Section 5 replays a real training run (computed by :mod:`infotheory` before the scene starts)
and shows a model that paints a picture pixel by pixel. These are its moving parts:

* :func:`replay_step` -- the replay's clock (0 to 1) to a training step; early steps, which
  change the most, get more of the time;
* :class:`GrowingCurve` -- a recorded loss curve on axes, drawn up to a step (clipped at the
  top of the axes, where the first steps of a steep fall lie off the chart);
* :func:`eye_pixels` -- the eyes a face has drawn (the faces of :mod:`infotheory.faces`), to
  mark them in colour;
* :class:`RasterScan` -- one image painted in raster order: pixels not drawn yet are gray, a
  cursor frames the pixel being predicted;
* :func:`log_axes` -- axes for a loss that falls over decades: the y axis logarithmic, so the
  first steps (hundreds of bits) and the floors (a few bits, one bit) are on one chart.
"""

from __future__ import annotations

import math

import numpy as np
from manim import Axes, LogBase, Square, VMobject

from infotheory.faces import eye_slots

from .figures import figure_text
from .pixels import PixelMosaic
from .style import ACCENT, LABEL_SIZE, MUTED

__all__ = ["replay_step", "GrowingCurve", "eye_pixels", "RasterScan", "log_axes"]


def replay_step(clock: float, steps: int, bend: float = 6.0) -> int:
    """The training step shown at replay time ``clock`` in [0, 1].

    The step is ``steps * (e^(bend·clock) - 1) / (e^bend - 1)``.

    >>> [replay_step(c, 300) for c in (0, 0.3, 0.55, 1)]
    [0, 4, 19, 300]
    """
    clock = min(max(float(clock), 0.0), 1.0)
    return int(round(steps * math.expm1(bend * clock) / math.expm1(bend)))


class GrowingCurve(VMobject):
    """The curve through ``(x[k], y[k])`` on ``axes``, drawn from its start up to ``show_until(x)``.

    Points above ``top`` are off the chart: the curve begins where the values first come
    down to ``top``. One straight segment per recorded point, so the share drawn is exact.
    """

    def __init__(self, axes: Axes, xs, ys, top: float, **style):
        super().__init__(**style)
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        inside = np.flatnonzero(ys <= top)
        self.first = int(inside[0]) if inside.size else len(xs)
        self.xs = xs[self.first :]
        self.full = VMobject(**style)
        if len(self.xs) >= 2:
            self.full.set_points_as_corners(
                [axes.c2p(x, y) for x, y in zip(self.xs, ys[self.first :])]
            )
        self.show_until(xs[0])

    def show_until(self, x: float) -> GrowingCurve:
        if len(self.xs) < 2 or x <= self.xs[0]:
            self.set_points(np.zeros((0, 3)))
            return self
        share = float(np.interp(x, self.xs, np.linspace(0, 1, len(self.xs))))
        self.pointwise_become_partial(self.full, 0, share)
        return self


def eye_pixels(images) -> np.ndarray:
    """Where the eyes are drawn in each face: a mask to mark them.

    ``images`` are faces as in :mod:`infotheory.faces`.
    """
    images = np.asarray(images)
    return (images == 0) & eye_slots(images.shape[1]).any(axis=0)


class RasterScan(PixelMosaic):
    """One image painted pixel by pixel in raster order.

    ``show(i)`` draws pixels ``0 .. i-1`` and frames pixel ``i``. ``cursor`` is the frame around
    the pixel being predicted (add it to the scene separately).
    """

    def __init__(self, image, n_levels: int, side: float):
        self.image = np.asarray(image)[None]
        super().__init__(self.image, n_levels, side, rows=1)
        self.order = np.arange(self.image[0].size).reshape(self.image[0].shape)
        self.cursor = Square(self.pixel_size, color=ACCENT, stroke_width=4)
        self.show(0)

    @property
    def pixels(self) -> int:
        return int(self.image[0].size)

    def show(self, i: int) -> RasterScan:
        """Pixels before ``i`` drawn, the rest not yet; the cursor on pixel ``i``.

        Past the last pixel the cursor is hidden.
        """
        self.set_levels(self.image, hidden=(self.order >= i)[None])
        r, c = divmod(min(int(i), self.pixels - 1), self.image.shape[2])
        self.cursor.move_to(self.pixel_center(0, r, c))
        self.cursor.set_stroke(opacity=1.0 if i < self.pixels else 0.0)
        return self


def log_axes(
    x_range,
    low: float,
    high: float,
    x_length: float,
    y_length: float,
    *,
    size: float = LABEL_SIZE,
    color=MUTED,
) -> Axes:
    """Axes with a logarithmic y axis from ``low`` to ``high`` (values above 0) and a linear x axis.

    The y axis has a tick and a label at each power of ten above ``low`` and up to ``high``, the x
    axis at every step of ``x_range`` but 0; the labels are figures (:mod:`scenes.kit.figures`).
    ``axes.c2p(x, y)`` takes the values themselves (``y`` = 8 bits, not log 8). The x axis sits at
    ``low``.
    """
    if not 0 < low < high:
        raise ValueError(f"a logarithmic axis needs 0 < low < high, got {low!r} and {high!r}")
    y_range = [math.log10(low), math.log10(high), 1]
    ax = Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={"color": color, "include_numbers": False},
        y_axis_config={"scaling": LogBase(custom_labels=False)},
    )
    powers = [10.0**k for k in range(math.ceil(y_range[0]), math.floor(y_range[1] + 1e-9) + 1)]
    y_labels = {
        v: figure_text(f"{v:g}", size=size, color=color) for v in powers if v > low * (1 + 1e-9)
    }
    ax.y_axis.add_labels(y_labels, font_size=size)
    lo, hi, step = x_range
    xs = [float(v) for v in np.arange(lo, hi + step / 2, step) if abs(v) > 1e-9]
    ax.x_axis.add_labels(
        {v: figure_text(f"{v:g}", size=size, color=color) for v in xs}, font_size=size
    )
    return ax
