"""A record of outcomes scored by forecasters: the film's picture of cross-entropy from data.

Section 1 keeps a weather record: each day's weather, and for each forecaster a bar as tall as
the surprise of what happened under its forecast (``-log₂`` of the probability it gave), with
the running average of those surprises drawn as a dashed level across the bars. The average
surprise of what happened is the cross-entropy of the record and the forecast; a forecaster who
says the record's own frequencies scores its entropy, the lowest possible. Section 6 shows the
same look for coin flips (the average negative log-likelihood), and the closing card answers
the opening question with it.

    record = SurpriseRecord(days, [Forecaster("甲", [0.8, 0.2], Q_COLOR), …], icon=day_icon)
    self.play(record.show_days(range(3), rows=[0]))      # the first three days, first row
    record.average(0)                                    # the row's average, as computed

Every figure comes from :func:`infotheory.surprises` and :func:`infotheory.running_average`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    AnimationGroup,
    DashedLine,
    FadeIn,
    GrowFromEdge,
    Line,
    Mobject,
    Rectangle,
    Transform,
    ValueTracker,
    VGroup,
)

import infotheory as it

from .figures import Figure, figure_text
from .style import GAP, LABEL_SIZE, MUTED, SMALL_SIZE, STRONG_LABEL_SIZE, zh

__all__ = ["Forecaster", "SurpriseRecord"]


@dataclass(frozen=True)
class Forecaster:
    r"""Who forecasts: a label, the forecast and a colour.

    The label may run over lines (``预报甲\n天天报雨 80%``); the forecast is a probability per
    outcome.
    """

    label: str
    forecast: Sequence[float]
    color: str


class _Row(VGroup):
    """One forecaster's bars, values, baseline, average level and average readout."""

    def __init__(self, outcomes, who: Forecaster, xs, column: float, unit: float, unit_label: str):
        super().__init__()
        self.surprises = it.surprises(outcomes, who.forecast)
        self.running = it.running_average(outcomes, who.forecast)
        self.unit = unit
        width = column * 0.5
        self.bars = VGroup(
            *[
                Rectangle(
                    width=width,
                    height=max(s * unit, 0.02),
                    stroke_width=0,
                    fill_color=who.color,
                    fill_opacity=0.85,
                ).move_to([x, 0, 0], aligned_edge=DOWN)
                for x, s in zip(xs, self.surprises)
            ]
        )
        # the values sit under the baseline, clear of the bars and of the average's dashed level
        self.values = VGroup(
            *[
                figure_text(float(s), 2, size=SMALL_SIZE, color=who.color)
                .move_to([x, 0, 0])
                .shift(DOWN * 0.25)
                for x, s in zip(xs, self.surprises)
            ]
        )
        left, right = xs[0] - column / 2, xs[-1] + column / 2
        self.baseline = Line([left, 0, 0], [right, 0, 0], color=MUTED, stroke_width=2)
        lines = who.label.split("\n")
        self.label = VGroup(
            *[zh(line, size=LABEL_SIZE, color=who.color) for line in lines]
        ).arrange(DOWN, buff=0.1, aligned_edge=RIGHT)
        self.label.next_to(self.baseline, LEFT, buff=GAP).align_to(self.baseline, DOWN).shift(
            UP * 0.05
        )
        self.level = ValueTracker(0.0)
        self.mean_line = DashedLine(
            [left, 0, 0], [right, 0, 0], color=who.color, stroke_width=3, dash_length=0.12
        )
        self.mean_line.add_updater(
            lambda m: m.set_y(self.baseline.get_y() + self.level.get_value() * self.unit)
        )
        self.mean_value = Figure(0.0, decimals=2, size=STRONG_LABEL_SIZE, color=who.color)
        self.mean_unit = zh(unit_label, size=LABEL_SIZE, color=who.color)
        self.mean_name = zh("平均", size=LABEL_SIZE, color=who.color)
        self.readout = VGroup(self.mean_name, self.mean_value, self.mean_unit).arrange(
            RIGHT, buff=0.12
        )
        self.mean_unit.align_to(self.mean_value, DOWN)
        self.mean_name.align_to(self.mean_value, DOWN)
        self.readout.next_to(self.baseline, RIGHT, buff=GAP).align_to(self.baseline, DOWN)

        def follow(_):
            self.mean_value.set_value(self.level.get_value())
            self.mean_value.next_to(self.mean_name, RIGHT, buff=0.12).align_to(self.mean_name, DOWN)
            self.mean_unit.next_to(self.mean_value, RIGHT, buff=0.12).align_to(self.mean_name, DOWN)

        self.readout.add_updater(follow)
        self.add(self.baseline, self.label, self.bars, self.values, self.mean_line, self.readout)


def _hidden(mobject) -> bool:
    return all(
        m.get_fill_opacity() == 0 and m.get_stroke_opacity() == 0
        for m in mobject.family_members_with_points()
    )


class SurpriseRecord(VGroup):
    """Outcomes in a row of icons, and a row of surprise bars per forecaster (see the module).

    Parts: ``icons`` (one per outcome), ``rows[k]`` with ``bars``, ``values``, ``baseline``,
    ``label``, ``mean_line`` and ``readout``; ``heading`` (the label of the icon row).
    Build it, position it, then reveal with :meth:`show_days` (nothing of a row but its baseline,
    label and a zero average is meant to be on screen before).
    """

    def __init__(
        self,
        outcomes: Sequence[int],
        forecasters: Sequence[Forecaster],
        icon: Callable[[int], Mobject],
        *,
        heading: str = "",
        column: float = 0.8,
        unit: float = 0.55,
        unit_label: str = "比特",
        icon_height: float = 0.5,
        row_gap: float = 0.75,
    ):
        super().__init__()
        self.outcomes = np.asarray(outcomes, dtype=int)
        xs = [k * column for k in range(len(self.outcomes))]
        self.icons = VGroup(
            *[
                icon(int(o)).set(height=icon_height).move_to([x, 0, 0])
                for x, o in zip(xs, self.outcomes)
            ]
        )
        self.heading = zh(heading, size=LABEL_SIZE, color=MUTED)
        self.rows = VGroup(
            *[_Row(self.outcomes, who, xs, column, unit, unit_label) for who in forecasters]
        )
        top = self.icons.get_bottom()[1] - GAP
        for row in self.rows:  # each row below the last, bars growing up
            tallest = max(row.surprises.max() * unit, 0.02) + 0.2
            row.shift(UP * (top - tallest - row.baseline.get_y()))
            top = row.values.get_bottom()[1] - row_gap
        label_right = max(row.label.get_right()[0] for row in self.rows)
        for row in self.rows:  # the labels right-aligned in one column
            row.label.shift(RIGHT * (label_right - row.label.get_right()[0]))
        self.heading.next_to(self.icons, LEFT, buff=GAP).align_to(self.rows[0].label, RIGHT)
        self.add(self.heading, self.icons, self.rows)

    def average(self, row: int) -> float:
        """A forecaster's average surprise over the whole record."""
        return float(self.rows[row].running[-1])

    def hide_all(self) -> VGroup:
        """The parts :meth:`show_days` reveals, made invisible.

        Call it before the record is first shown.
        """
        parts = VGroup(*self.icons, *[m for row in self.rows for m in (*row.bars, *row.values)])
        for m in parts:
            m.set_opacity(0)
        return parts

    def show_days(
        self, days: Iterable[int], rows: Iterable[int] | None = None, **kwargs
    ) -> AnimationGroup:
        """Reveal ``days``: their icons, and their bars and values in ``rows``.

        The averages follow.
        """
        days = list(days)
        rows = list(range(len(self.rows))) if rows is None else list(rows)
        anims = []
        for d in days:  # only what is hidden is revealed
            if _hidden(self.icons[d]):
                anims.append(FadeIn(self.icons[d].set_opacity(1), shift=DOWN * 0.1))
            for r in rows:
                row = self.rows[r]
                if _hidden(row.bars[d]):
                    anims.append(GrowFromEdge(row.bars[d].set_opacity(0.85), DOWN))
                if _hidden(row.values[d]):
                    anims.append(FadeIn(row.values[d].set_opacity(1)))
        anims.extend(
            self.rows[r].level.animate.set_value(float(self.rows[r].running[days[-1]]))
            for r in rows
        )
        return AnimationGroup(*anims, **kwargs)

    def rename(self, row: int, name: str, color=None) -> Transform:
        """The animation giving a row's average its name (``平均`` -> ``交叉熵``), in ``color``."""
        part = self.rows[row]
        color = color or part.mean_name.get_color()
        new = zh(name, size=LABEL_SIZE, color=color).move_to(part.mean_name, aligned_edge=LEFT)
        new.align_to(part.mean_name, DOWN)
        part.mean_value.set_color(color)
        part.mean_unit.set_color(color)
        return Transform(part.mean_name, new)

    def static(self) -> VGroup:
        """Stop following the averages (call before fading the record out)."""
        for row in self.rows:
            row.mean_line.clear_updaters()
            row.readout.clear_updaters()
        return self
