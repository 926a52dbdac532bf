"""Figures: the numbers the film shows on their own, in one typeface.

Bar values, readouts, axis ticks and table entries are *figures*; they are set in the film's
sans-serif font (:data:`~scenes.kit.style.FIGURE_FONT`, lining digits that stay legible at small
sizes), the same everywhere. Formulas stay LaTeX. A number that changes during an animation is a
:class:`Figure`: each distinct string is typeset once and then reused, so a figure can follow a
:class:`~manim.ValueTracker` every frame.

The layout check (``python -m scenes.builder.layout``) reports any manim ``DecimalNumber`` on
screen: those are LaTeX digits, a second voice for figures.
"""

from __future__ import annotations

import math

import numpy as np
from manim import DOWN, LEFT, Axes, Text, VGroup

from .style import FIGURE_FONT, LABEL_SIZE, MUTED, TEXT_COLOR

__all__ = ["Figure", "figure_string", "figure_text", "figure_axes"]

#: the minus sign of typesetting, not the hyphen
MINUS = "\u2212"
_TYPESET: dict[tuple, Text] = {}


def figure_string(value: float, decimals: int = 2, sign: bool = False) -> str:
    """A figure as it is printed: fixed decimals, a true minus sign, ``−0.00`` shown as ``0.00``.

    >>> (figure_string(0.1667), figure_string(-1), figure_string(-0.001),
    ...  figure_string(0.4, 1, sign=True))
    ('0.17', '−1.00', '0.00', '+0.4')
    >>> figure_string(float("inf"))
    '∞'
    """
    if math.isinf(value):
        return "∞" if value > 0 else MINUS + "∞"
    text = f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}"
    if float(text) == 0:
        text = text.replace("-", "+" if sign else "")
    return text.replace("-", MINUS)


def figure_text(
    value: float | str, decimals: int = 2, size: float = LABEL_SIZE, color=TEXT_COLOR
) -> Text:
    """A figure that does not change (a tick label, a table entry), in the figure font."""
    text = value if isinstance(value, str) else figure_string(value, decimals)
    key = (text, float(size), str(color))
    if key not in _TYPESET:
        _TYPESET[key] = Text(text, font=FIGURE_FONT, font_size=size, color=color)
    return _TYPESET[key].copy()


class Figure(VGroup):
    """A figure that can change every frame; its left edge stays where it is (like manim's numbers).

    ``figure.set_value(v)`` swaps in the typeset string of ``v``; ``figure.get_value()`` returns it.
    """

    def __init__(
        self,
        value: float = 0.0,
        *,
        decimals: int = 2,
        size: float = LABEL_SIZE,
        color=TEXT_COLOR,
        sign: bool = False,
    ):
        super().__init__()
        self.decimals, self.sign, self.font_size, self.figure_color = decimals, sign, size, color
        self.value = float("nan")
        self.set_value(value)

    def get_value(self) -> float:
        return self.value

    @property
    def text(self) -> str:
        """The string shown (what the layout check and the tests read)."""
        return figure_string(self.value, self.decimals, self.sign)

    def set_color(self, color, family: bool = True) -> Figure:
        self.figure_color = color  # the strings typeset later take it too
        return super().set_color(color, family)

    def set_value(self, value: float) -> Figure:
        value = float(value)
        if self.submobjects and figure_string(value, self.decimals, self.sign) == self.text:
            self.value = value
            return self
        new_text = figure_string(value, self.decimals, self.sign)
        glyphs = figure_text(new_text, size=self.font_size, color=self.figure_color)
        if self.submobjects:
            old = self.submobjects[0]
            # a figure that was scaled (with its chart, say) keeps that scale for its new digits
            typeset = figure_text(self.text, size=self.font_size, color=self.figure_color)
            if typeset.height > 0:
                glyphs.scale(old.height / typeset.height)
            glyphs.move_to(old.get_left(), LEFT)
            # the digits sit on one baseline whatever the string (a
            # minus sign or a "7" has no descent)
            glyphs.shift(DOWN * (glyphs.get_bottom()[1] - old.get_bottom()[1]))
            glyphs.set_opacity(old.get_fill_opacity())
            # During an animation the renderer keeps drawing the pieces that were on screen when it
            # began; the outgoing digits are made invisible so that they leave no ghost behind.
            old.set_opacity(0)
        self.value = value
        self.submobjects = [glyphs]
        return self


def _decimals_for(step: float) -> int:
    """How many decimals show a tick step exactly (0.25 -> 2, 0.5 -> 1, 60 -> 0)."""
    for d in range(4):
        if abs(round(step, d) - step) < 1e-9:
            return d
    return 3


def figure_axes(
    x_range,
    y_range,
    x_length: float,
    y_length: float,
    *,
    size: float = LABEL_SIZE,
    color=MUTED,
    exclude_zero: bool = True,
    **kwargs,
) -> Axes:
    """Axes in the film's style, their tick labels set as figures."""
    ax = Axes(
        x_range=x_range,
        y_range=y_range,
        x_length=x_length,
        y_length=y_length,
        tips=False,
        axis_config={"color": color, "include_numbers": False},
        **kwargs,
    )
    for axis, (lo, hi, step) in ((ax.x_axis, x_range), (ax.y_axis, y_range)):
        d = _decimals_for(step)
        ticks = [
            v for v in np.arange(lo, hi + step / 2, step) if not (exclude_zero and abs(v) < 1e-9)
        ]
        # add_labels sets every label to its font_size argument (manim: 36 when none is given)
        axis.add_labels(
            {float(v): figure_text(float(v), d, size=size, color=color) for v in ticks},
            font_size=size,
        )
    return ax
