"""A small narrated scene used by the toolkit tests (rendered at tiny size)."""

import os

from manim import UP, Circle, Create, FadeIn, FadeOut, Text, VGroup

from scenes.kit.narration import NarratedScene


class NarratedDemo(NarratedScene):
    section = "demo"

    def construct(self):
        self.intro()
        self.symbols()

    def intro(self):
        value = 0.5 + 0.25
        with self.narrate(
            f"这是一段测试旁白，数值是{value:.2f}比特。接下来画一个圆，然后把它变成正方形。",
            en=f"This is a test narration; the value is {value:.2f} bits. Next we draw a circle, "
            "then turn it into a square.",
        ) as beat:
            circle = Circle()
            figure = Text(f"{value:.2f}").to_edge(
                UP
            )  # the figure said is on screen (the narration check)
            self.play(Create(circle), FadeIn(figure), run_time=beat.duration / 3)
        self.circle = VGroup(circle, figure)

    def symbols(self):
        text = os.environ.get(
            "DEMO_TEXT", "符号测试：百分之%、&、<、>、{}、“引号”和'单引号'，还有表情😀。"
        )
        with self.narrate(text):
            self.play(FadeOut(self.circle), run_time=0.4)
