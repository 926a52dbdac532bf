"""A narrated section with one educator's mistake in it, chosen by ``MISTAKE`` (tests only).

``none`` is the correct version; the others are slips an educator editing the narration makes.
"""

import os

from manim import UP, FadeIn, Text

from scenes.kit.narration import NarratedScene

RAIN = 0.8
SURPRISE = 2.32
MISTAKE = os.environ.get("MISTAKE", "none")


class Mistakes(NarratedScene):
    section = "tm"

    def construct(self):
        self.forecast()

    def forecast(self):
        figure = Text(f"{SURPRISE:.2f}")
        if MISTAKE == "no_f":
            zh, en = (
                "降雨概率{RAIN:.0%}，意外是 {SURPRISE:.2f} 比特。",
                f"Rain {RAIN:.0%}, surprise {SURPRISE:.2f} bits.",
            )
        elif MISTAKE == "misspelt":
            zh, en = f"降雨概率{RAN:.0%}。", "Rain."  # noqa: F821 -- the mistake under test
        elif MISTAKE == "empty":
            zh, en = "", "Rain."
        elif MISTAKE == "empty_en":
            zh, en = f"降雨概率{RAIN:.0%}，意外是 {SURPRISE:.2f} 比特。", ""
        elif MISTAKE == "typed":
            zh, en = (
                f"降雨概率{RAIN:.0%}，意外是 3.5 比特。",
                f"Rain {RAIN:.0%}, surprise 3.5 bits.",
            )
        elif MISTAKE == "languages":
            zh, en = (
                f"降雨概率{RAIN:.0%}，意外是 {SURPRISE:.2f} 比特。",
                f"Rain {RAIN:.0%}, surprise 0.32 bits.",
            )
        else:
            zh, en = (
                f"降雨概率{RAIN:.0%}，意外是 {SURPRISE:.2f} 比特。",
                f"Rain {RAIN:.0%}, surprise {SURPRISE:.2f} bits.",
            )
        with self.narrate(zh, en=en):
            self.play(FadeIn(Text(f"{RAIN:.0%}").to_edge(UP)), FadeIn(figure), run_time=1)
