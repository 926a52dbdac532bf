"""A scene with every layout fault the check knows, one per beat (for tests/test_layout.py)."""
from manim import DOWN, LEFT, UP, FadeIn, MathTex

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
            self.play(FadeIn(zh("清清楚楚")))

    def faults(self):
        with self.narrate("这一拍什么毛病都有。"):
            off = zh("跑出画面的字").to_edge(LEFT, buff=-0.5).shift(UP * 2)
            low = zh("压在字幕区").to_edge(DOWN, buff=0.55)
            tiny = MathTex("0.17", font_size=16).shift(UP * 1)
            dim = zh("太暗的字", color=FAINT).shift(LEFT * 3)
            first = zh("重叠甲").shift(DOWN * 1)
            second = zh("重叠乙").shift(DOWN * 1 + LEFT * 0.3)
            self.play(FadeIn(off), FadeIn(low), FadeIn(tiny), FadeIn(dim), FadeIn(first), FadeIn(second))

    def stray(self):
        with self.narrate("这里的橙色系列还没出场。"):
            self.clear()
            chart = ProbabilityChart(["甲", "乙"], max_value=1.0, height=2.0, slot_width=1.5)
            chart.add_series([0.0, 0.0], Q_COLOR)
            self.play(FadeIn(chart))
