"""A scene with every layout fault the check knows, one per beat.

For tests/builder/test_layout.py.
"""

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    DecimalNumber,
    FadeIn,
    Line,
    MathTex,
    RoundedRectangle,
    Square,
)

from scenes.kit.figures import Figure
from scenes.kit.mobjects import ProbabilityChart
from scenes.kit.narration import NarratedScene
from scenes.kit.style import FAINT, Q_COLOR, zh


class BadLayout(NarratedScene):
    section = "demo"

    def construct(self):
        self.clean()
        self.faults()
        self.stray()

    def clean(self):
        with self.narrate("这一拍没有问题。"):
            figure = Figure(0.42).shift(UP * 2)
            base = zh("叠在一起").shift(DOWN * 1.5)
            mark = zh("有意叠加", color=Q_COLOR).move_to(base)
            mark.overlay = True  # drawn on top on purpose: exempt from the overlap rule
            self.play(FadeIn(zh("清清楚楚")), FadeIn(figure), FadeIn(base), FadeIn(mark))

    def faults(self):
        with self.narrate("这一拍什么毛病都有。"):
            off = zh("跑出画面的字").to_edge(LEFT, buff=-0.5).shift(UP * 2)
            low = zh("压在字幕区").to_edge(DOWN, buff=0.55)
            tiny = MathTex("0.17", font_size=16).shift(UP * 1)
            dim = zh("太暗的字", color=FAINT).shift(LEFT * 3)
            first = zh("重叠甲").shift(DOWN * 1)
            second = zh("重叠乙").shift(DOWN * 1 + LEFT * 0.3)
            latex_digits = DecimalNumber(0.42).shift(RIGHT * 3)
            panel = (
                RoundedRectangle(width=2, height=2).to_edge(DOWN, buff=0.55).shift(RIGHT * 4)
            )  # into the band
            edge = Square(1).to_edge(RIGHT, buff=0.1).shift(UP * 2.5)  # off the safe area
            horizon = Line(LEFT * 8, RIGHT * 8).shift(DOWN * 0.5)
            horizon.bleed = True  # meant to reach the frame's edges: exempt
            self.play(
                FadeIn(off),
                FadeIn(low),
                FadeIn(tiny),
                FadeIn(dim),
                FadeIn(first),
                FadeIn(second),
                FadeIn(latex_digits),
                FadeIn(panel),
                FadeIn(edge),
                FadeIn(horizon),
            )

    def stray(self):
        with self.narrate("这里的橙色系列还没出场。"):
            self.clear()
            chart = ProbabilityChart(["甲", "乙"], max_value=1.0, height=2.0, slot_width=1.5)
            chart.add_series([0.0, 0.0], Q_COLOR)
            self.play(FadeIn(chart))
