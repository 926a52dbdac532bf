"""A narrated scene whose animations wait for words (rendered at tiny size by the tests)."""

import os

from manim import Circle, Create, FadeIn, Square

from scenes.kit.narration import NarratedScene

TEXT = os.environ.get("DEMO_TEXT", "先画一个圆，停一下。然后出现一个正方形，就到这里。")


class AnchoredDemo(NarratedScene):
    section = "demo"

    def construct(self):
        self.shapes()
        self.too_long()

    def shapes(self):
        with self.narrate(TEXT) as beat:
            self.play(Create(Circle()), run_time=beat.until("停一下", minimum=0.2))
            beat.wait_until("然后出现")
            self.play(FadeIn(Square()), run_time=0.5)

    def too_long(self):
        with self.narrate("很短。"):
            self.wait(3)
