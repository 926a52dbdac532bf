"""Test section C: narrated; fails on purpose when FAIL_SECTION=tc (for the failure test)."""
import os

from manim import Create, Triangle

from scenes.kit.narration import NarratedScene


class VoicedC(NarratedScene):
    section = "tc"

    def construct(self):
        if os.environ.get("FAIL_SECTION") == "tc":
            raise RuntimeError("deliberate failure in test section tc")
        with self.narrate("第三段旁白：先说一句。然后再说一句。") as beat:
            self.play(Create(Triangle()), run_time=beat.duration / 2)
