"""Test section A: narrated (voice, English subtitles), two beats."""

from manim import Circle, Create, FadeOut

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.narration import NarratedScene

# figures for the test questions (tests/data/questions_film.toml), from the build's examples file
RAIN_CHANCE = current().forecast.rain
DRY_CHANCE = round(1 - RAIN_CHANCE, 2)
SURPRISE_DRY = float(it.self_information(DRY_CHANCE))


class VoicedA(NarratedScene):
    section = "ta"

    def construct(self):
        with self.narrate(
            "第一段测试旁白，很短。", en="The first test narration, a short one."
        ) as beat:
            circle = Circle()
            self.play(Create(circle), run_time=beat.duration / 2)
        self.play(FadeOut(circle), run_time=0.6)  # an animation between two beats
        with self.narrate("第二句旁白。", en="The second line.") as beat:
            self.play(Create(Circle()), run_time=beat.duration / 2)
