"""Test section C: narrated; fails on purpose when FAIL_SECTION=tc (for the failure test).

Its second block has no English on purpose: the build must report it.
"""

import os

from manim import Create, Square, Triangle

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.narration import NarratedScene

# figures for the test questions (tests/data/questions_film.toml), from the build's examples file
LOADED_DIE = current().dice.loaded
H_LOADED = float(it.entropy(LOADED_DIE))


class VoicedC(NarratedScene):
    section = "tc"

    def construct(self):
        if os.environ.get("FAIL_SECTION") == "tc":
            raise RuntimeError("deliberate failure in test section tc")
        with self.narrate(
            "第三段旁白：先说一句。然后再说一句。",
            en="Section three: first one sentence. Then another one.",
        ) as beat:
            self.play(Create(Triangle()), run_time=beat.duration / 2)
        with self.narrate("最后一句。") as beat:
            self.play(Create(Square()), run_time=beat.duration / 2)
