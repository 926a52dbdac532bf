"""Test section B: no narration at all, so no audio stream and no subtitles."""

from manim import FadeIn, Square

from scenes.kit.narration import NarratedScene


class SilentB(NarratedScene):
    section = "tb"

    def construct(self):
        self.play(FadeIn(Square()), run_time=1.2)
