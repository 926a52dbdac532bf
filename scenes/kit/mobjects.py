"""Shared mobjects: probability bar charts, die faces, live readouts, title cards.

Everything that changes is updated in place (``set_values``), never rebuilt per frame:
rebuilt mobjects render several times slower than real time at 1080p60.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    Brace,
    DashedLine,
    Dot,
    Line,
    Rectangle,
    RoundedRectangle,
    VGroup,
)

from .figures import Figure
from .style import (
    ENTROPY_COLOR,
    FAINT,
    FIGURE_BESIDE_TEX,
    FORMULA_SIZE,
    GAP,
    KL_COLOR,
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    SMALL_SIZE,
    STRONG_LABEL_SIZE,
    TEXT_COLOR,
    TITLE_SIZE,
    tex,
    zh,
)

__all__ = [
    "ProbabilityChart",
    "BarSeries",
    "DieFace",
    "Readout",
    "EntropyGap",
    "gap_marker",
    "legend_entry",
    "pq_legend",
    "title_card",
]

_MIN_BAR = 1e-3  # a zero bar keeps a hairline height so it can grow again


class BarSeries(VGroup):
    """One distribution drawn as bars (with value labels) on a :class:`ProbabilityChart`."""

    def __init__(
        self,
        chart: ProbabilityChart,
        values,
        color,
        offset: float,
        bar_width: float,
        show_values: bool,
        decimals: int,
        opacity: float,
        label_size: float = SMALL_SIZE,
    ):
        super().__init__()
        self.chart = chart
        self.values = np.zeros(chart.n)
        self.bars = VGroup(
            *[
                Rectangle(
                    width=bar_width,
                    height=1.0,
                    stroke_width=0,
                    fill_color=color,
                    fill_opacity=opacity,
                )
                for _ in range(chart.n)
            ]
        )
        for bar, slot in zip(self.bars, chart.slots):
            bar.move_to(slot.get_center() + RIGHT * offset)
        self.labels = (
            VGroup(
                *[
                    Figure(0, decimals=decimals, size=label_size, color=color)
                    for _ in range(chart.n)
                ]
            )
            if show_values
            else VGroup()
        )
        self.add(self.bars, self.labels)
        self.set_values(values)

    def set_values(self, values) -> BarSeries:
        """Move bars and labels to ``values`` in place (cheap enough to call every frame)."""
        values = np.asarray(values, dtype=float)
        if values.shape != (self.chart.n,):
            raise ValueError(f"expected {self.chart.n} values, got shape {values.shape}")
        self.values = values
        base_y = self.chart.baseline.get_center()[1]
        for i, (bar, v) in enumerate(zip(self.bars, values)):
            h = max(self.chart.height_of(v), _MIN_BAR)
            x = bar.get_center()[0]
            bar.stretch_to_fit_height(h)
            bar.move_to([x, base_y + h / 2, 0])
            if len(self.labels):
                label = self.labels[i]
                label.set_value(v)
                label.next_to(bar, UP, buff=0.08)
        return self

    def follow(self, values_fn: Callable[[], Sequence[float]]) -> BarSeries:
        """Keep the bars at ``values_fn()`` on every frame (e.g. a function of a ValueTracker)."""
        self.add_updater(lambda m: m.set_values(values_fn()))
        return self


class ProbabilityChart(VGroup):
    """Bars for one or more distributions over the same outcomes, side by side per outcome.

    ``categories`` are strings (``""`` for none) or mobjects (die faces, say) placed under the
    slots. ``chart.add_series(values, P_COLOR)`` returns a :class:`BarSeries` to update in place.
    """

    def __init__(
        self,
        categories: Sequence,
        max_value: float = 1.0,
        height: float = 3.0,
        slot_width: float = 0.9,
        category_size: float = LABEL_SIZE,
        axis_label: str | None = None,
    ):
        super().__init__()
        self.n = len(categories)
        self.max_value = max_value
        self.plot_height = height
        self.slot_width = slot_width
        self.slots = VGroup(
            *[
                Rectangle(width=slot_width, height=height, stroke_width=0, fill_opacity=0)
                for _ in categories
            ]
        ).arrange(RIGHT, buff=0)
        self.baseline = Line(
            self.slots.get_corner(DOWN + LEFT),
            self.slots.get_corner(DOWN + RIGHT),
            color=MUTED,
            stroke_width=2,
        )
        self.category_labels = VGroup(*[self._category_label(c, category_size) for c in categories])
        for label, slot in zip(self.category_labels, self.slots):
            label.next_to(slot, DOWN, buff=0.15)
            label.set_x(slot.get_x())
        self.series: list[BarSeries] = []
        self.add(self.slots, self.baseline, self.category_labels)
        if axis_label:
            self.axis_label = zh(axis_label, size=SMALL_SIZE, color=MUTED)
            self.axis_label.next_to(self.category_labels, DOWN, buff=0.15)
            self.add(self.axis_label)

    @staticmethod
    def _category_label(c, size):
        if not isinstance(c, str):
            return c
        if not c.strip():
            return Dot(radius=0.01, fill_opacity=0, stroke_width=0)  # no label, keeps the layout
        return zh(c, size=size, color=MUTED)

    def height_of(self, value: float) -> float:
        return self.plot_height * float(value) / self.max_value

    def add_series(
        self,
        values,
        color,
        *,
        show_values: bool = True,
        decimals: int = 2,
        opacity: float = 0.85,
        label_size: float = SMALL_SIZE,
    ) -> BarSeries:
        """Add a distribution. Series share each outcome's slot, in the order they are added."""
        k = len(self.series) + 1
        bar_width = self.slot_width * 0.78 / k
        # re-space the existing series so that all k sit side by side in each slot
        offsets = [(i - (k - 1) / 2) * bar_width for i in range(k)]
        for s, off in zip(self.series, offsets):
            for bar, slot in zip(s.bars, self.slots):
                bar.stretch_to_fit_width(bar_width)
                bar.set_x(slot.get_x() + off)
            s.set_values(s.values)
        series = BarSeries(
            self, values, color, offsets[-1], bar_width, show_values, decimals, opacity, label_size
        )
        self.series.append(series)
        self.add(series)
        return series


class DieFace(VGroup):
    """A die face with ``n`` pips (1-6)."""

    _PIPS = {
        1: [(0, 0)],
        2: [(-1, 1), (1, -1)],
        3: [(-1, 1), (0, 0), (1, -1)],
        4: [(-1, 1), (1, 1), (-1, -1), (1, -1)],
        5: [(-1, 1), (1, 1), (0, 0), (-1, -1), (1, -1)],
        6: [(-1, 1), (1, 1), (-1, 0), (1, 0), (-1, -1), (1, -1)],
    }

    def __init__(
        self, n: int, size: float = 0.8, color=TEXT_COLOR, pip_color=None, fill_opacity=0.0
    ):
        super().__init__()
        if n not in self._PIPS:
            raise ValueError(f"a die face shows 1 to 6 pips, got {n}")
        self.square = RoundedRectangle(
            corner_radius=size * 0.15,
            width=size,
            height=size,
            color=color,
            stroke_width=3,
            fill_opacity=fill_opacity,
        )
        step = size * 0.27
        self.pips = VGroup(
            *[
                Dot(
                    self.square.get_center() + step * (x * RIGHT + y * UP),
                    radius=size * 0.075,
                    color=pip_color or color,
                )
                for x, y in self._PIPS[n]
            ]
        )
        self.add(self.square, self.pips)


class Readout(VGroup):
    """A label and a live number with its unit, e.g. ``H(P,Q) = 2.58 比特``.

    The number follows ``value_fn`` every frame (``set_value`` in place).
    """

    def __init__(
        self,
        label_tex: str,
        value_fn: Callable[[], float] | None = None,
        *,
        unit: str = "比特",
        decimals: int = 2,
        color=TEXT_COLOR,
        size: float = FORMULA_SIZE,
        value: float = 0.0,
        relation: str = "=",
    ):
        super().__init__()
        self.label = tex(label_tex, {"=": "=", "≈": r"\approx"}[relation], size=size)
        self.number = Figure(
            value, decimals=decimals, size=size * FIGURE_BESIDE_TEX * 1.1, color=color
        )
        self.unit = zh(unit, size=size * 0.8, color=color)
        self.add(self.label, self.number, self.unit)
        self.arrange(RIGHT, buff=0.15)
        self.unit.align_to(self.number, DOWN)
        if value_fn is not None:
            self.follow(value_fn)

    def set_value(self, value: float) -> Readout:
        self.number.set_value(value)
        self.number.next_to(self.label, RIGHT, buff=0.15)
        self.unit.next_to(self.number, RIGHT, buff=0.15).align_to(self.number, DOWN)
        return self

    def follow(self, value_fn: Callable[[], float]) -> Readout:
        self.add_updater(lambda m: m.set_value(value_fn()))
        return self


class EntropyGap(VGroup):
    """H(P) and H(P, Q) as bars on one scale, with the gap between them (the KL divergence).

    Parts, for staged animation: ``bar_p``, ``bar_pq``, ``label_p``, ``label_pq``,
    ``value_p``, ``value_pq`` (the figure), ``floor`` (dashed line at H(P)), ``gap``,
    ``brace`` and ``gap_label``.
    """

    def __init__(
        self,
        h_p: float,
        h_pq: float,
        *,
        value_text,
        gap_text: str,
        scale: float = 3.0,
        bar_height: float = 0.55,
    ):
        super().__init__()

        def bar(width, color):
            return Rectangle(
                width=width * scale,
                height=bar_height,
                fill_color=color,
                fill_opacity=0.85,
                stroke_width=0,
            )

        def label(formula, words):
            return VGroup(
                tex(formula, size=LEAD_SIZE), zh(words, size=LABEL_SIZE, color=MUTED)
            ).arrange(DOWN, buff=0.1)

        # entropy green, as everywhere
        self.bar_p, self.bar_pq = (
            bar(h_p, ENTROPY_COLOR),
            bar(h_pq, Q_COLOR),
        )
        VGroup(self.bar_p, self.bar_pq).arrange(DOWN, buff=0.9, aligned_edge=LEFT)
        self.label_p = label(r"H(P)", "真实的熵").next_to(self.bar_p, LEFT, buff=GAP)
        self.label_pq = label(r"H(P, Q)", "交叉熵").next_to(self.bar_pq, LEFT, buff=GAP)
        self.value_p = zh(value_text(h_p), size=LABEL_SIZE).next_to(self.bar_p, RIGHT, buff=0.2)
        self.value_pq = zh(value_text(h_pq), size=LABEL_SIZE).next_to(self.bar_pq, RIGHT, buff=0.2)
        self.floor = DashedLine(
            self.bar_p.get_corner(UR) + UP * 0.25,
            [self.bar_p.get_right()[0], self.bar_pq.get_bottom()[1] - 0.25, 0],
            color=MUTED,
        )
        self.gap = Rectangle(
            width=(h_pq - h_p) * scale,
            height=bar_height,
            stroke_color=KL_COLOR,
            stroke_width=4,
            fill_opacity=0,
        )
        self.gap.align_to(self.bar_pq, RIGHT).align_to(self.bar_pq, UP)
        self.brace = Brace(self.gap, DOWN, color=KL_COLOR)
        self.gap_label = zh(gap_text, size=LABEL_SIZE, color=KL_COLOR).next_to(
            self.brace, DOWN, buff=0.15
        )
        self.figure = VGroup(
            self.bar_p, self.bar_pq, self.label_p, self.label_pq, self.value_p, self.value_pq
        )
        # a narrow gap near the end: keep it inside
        if self.gap_label.get_right()[0] > self.figure.get_right()[0]:
            self.gap_label.align_to(self.figure, RIGHT)
        self.add(self.figure, self.floor, self.gap, self.brace, self.gap_label)


def gap_marker(
    start, end, *, color=KL_COLOR, stroke_width: float = 7, tick: float = 0.24, tick_side=None
) -> VGroup:
    """A gap as a length on a plot: a line from ``start`` to ``end`` with a short tick at each end.

    The ticks are centred on the ends, or all on ``tick_side`` of them (``LEFT``: a marker just
    right of a curve's end, kept inside the frame). ``Create`` draws it from ``start``.
    """
    ticks = []
    for point in (start, end):
        mark = Line(LEFT * tick / 2, RIGHT * tick / 2, color=color, stroke_width=5).move_to(point)
        if tick_side is not None:
            mark.next_to(point, tick_side, buff=0)
        ticks.append(mark)
    return VGroup(Line(start, end, color=color, stroke_width=stroke_width), *ticks)


def legend_entry(color, label: str, size: float = LABEL_SIZE) -> VGroup:
    """A colour swatch and its label, as used under bar charts."""
    swatch = Rectangle(width=0.35, height=0.25, fill_color=color, fill_opacity=0.85, stroke_width=0)
    return VGroup(swatch, zh(label, size=size)).arrange(RIGHT, buff=0.15)


def pq_legend(
    p_label: str, q_label: str, direction=DOWN, buff: float = 0.2, size: float = LABEL_SIZE
) -> VGroup:
    """The P / Q legend in their fixed colours: ``legend[0]`` is P's entry, ``legend[1]`` Q's."""
    stacked = np.isclose(direction[0], 0.0)  # one above the other: line the swatches up
    return VGroup(
        legend_entry(P_COLOR, p_label, size), legend_entry(Q_COLOR, q_label, size)
    ).arrange(direction, aligned_edge=LEFT if stacked else ORIGIN, buff=buff)


def title_card(number: int, title: str) -> VGroup:
    """The card that opens a section: its number and Chinese title."""
    kicker = zh(f"第 {number} 节", size=STRONG_LABEL_SIZE, color=MUTED)
    heading = zh(title, size=TITLE_SIZE)
    rule = Line(LEFT, RIGHT, color=FAINT).set(width=heading.width + 0.6)
    return VGroup(kicker, heading, rule).arrange(DOWN, buff=GAP)
