"""Test section A: narrated (voice), one animation."""
from manim import Circle, Create

from scenes.kit.narration import NarratedScene


class VoicedA(NarratedScene):
    section = "ta"

    def construct(self):
        with self.narrate("第一段测试旁白，很短。") as beat:
            self.play(Create(Circle()), run_time=beat.duration / 2)
