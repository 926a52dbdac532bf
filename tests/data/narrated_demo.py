"""A small narrated scene used by the toolkit tests (rendered at tiny size)."""
import os

from manim import Circle, Create, FadeOut

from scenes.kit.narration import NarratedScene


class NarratedDemo(NarratedScene):
    section = "demo"

    def construct(self):
        self.intro()
        self.symbols()

    def intro(self):
        value = 0.5 + 0.25
        with self.narrate(f"这是一段测试旁白，数值是{value:.2f}比特。接下来画一个圆，然后把它变成正方形。",
                          en=f"This is a test narration; the value is {value:.2f} bits. Next we draw a circle, "
                             "then turn it into a square.") as beat:
            circle = Circle()
            self.play(Create(circle), run_time=beat.duration / 3)
        self.circle = circle

    def symbols(self):
        text = os.environ.get("DEMO_TEXT", "符号测试：百分之%、&、<、>、{}、“引号”和'单引号'，还有表情😀。")
        with self.narrate(text):
            self.play(FadeOut(self.circle), run_time=0.4)
