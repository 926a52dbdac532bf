"""A seventh section, as small as can be: its file, one registry entry, its examples table.

Used by tests/builder/test_seventh_section.py: it is built with the film's own builder from a
registry that lists it (tests/data/seventh/registry.json is written by the test), takes its title
card from that registry, its figures from the ``coin`` table of the examples file, and says them.
"""

from manim import DOWN, FadeIn, FadeOut, VGroup

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.section import SectionScene
from scenes.kit.style import LEAD_SIZE, zh
from scenes.kit.text import bits, en_bits

FLIPS = current().coin.flips  # assets/examples.toml: [coin]
HEADS = sum(FLIPS) / len(FLIPS)
H_COIN = float(it.entropy([HEADS, 1 - HEADS]))


class CoinStreak(SectionScene):
    section = "s7"

    def construct(self):
        self.show_title_card()
        self.coin_entropy()

    def coin_entropy(self):
        shown = VGroup(
            zh(f"正面 {HEADS:.0%}", size=LEAD_SIZE), zh(f"H = {bits(H_COIN)}", size=LEAD_SIZE)
        )
        shown.arrange(DOWN)
        with self.narrate(
            f"正面占 {HEADS:.0%}，这枚硬币的熵是 {bits(H_COIN)}。",
            en=f"Heads come up {HEADS:.0%} of the time; the coin's entropy is {en_bits(H_COIN)}.",
        ) as beat:
            self.play(FadeIn(shown), run_time=beat.duration / 2)
        self.play(FadeOut(shown), run_time=0.4)
