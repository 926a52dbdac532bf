"""A narrated scene whose second animation is slow to render, to stop a render half-way.

Each frame of ``SlowSecond``'s second animation (20 s long) takes ``SLOW_FRAME_SECONDS``
(default 0.08 s) to draw, so a test can stop manim while it writes that animation's video
segment: the encoder holds back its first ~40 frames (x264's look-ahead), so the segment file
appears only after that, then grows until the animation ends.
"""

import os
import time

from manim import Circle, Create, Dot, FadeOut, Square, UpdateFromFunc

from scenes.kit.narration import NarratedScene


def _slow(mobject):
    time.sleep(float(os.environ.get("SLOW_FRAME_SECONDS", "0.08")))


class SlowSecond(NarratedScene):
    section = "slow"

    def construct(self):
        circle = Circle()
        self.play(Create(circle), run_time=1)
        square = Square()
        self.play(Create(square), UpdateFromFunc(Dot(), _slow), run_time=20)
        self.play(FadeOut(circle), FadeOut(square), run_time=1)
