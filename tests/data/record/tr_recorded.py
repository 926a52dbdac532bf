"""Test section for the recording page (tests/builder/test_record.py).

A beat whose animations wait for two phrases.
"""

from manim import LEFT, RIGHT, Circle, Create, FadeIn, Square, Triangle

from scenes.kit.narration import NarratedScene


class RecordedDemo(NarratedScene):
    section = "tr"

    def construct(self):
        self.shapes()
        self.closing()

    def shapes(self):
        with self.narrate(
            "先画一个圆，停一下。然后出现一个正方形，就到这里。",
            en="First a circle, then a pause. Then a square appears, and that is all.",
        ) as beat:
            self.play(Create(Circle().shift(2 * LEFT)), run_time=beat.until("停一下", minimum=0.2))
            beat.wait_until("然后出现")
            self.play(FadeIn(Square().shift(2 * RIGHT)), run_time=0.5)

    def closing(self):
        with self.narrate("最后再看一个三角形。", en="Last, a triangle.") as beat:
            self.play(Create(Triangle()), run_time=beat.until_end(minimum=0.2))
