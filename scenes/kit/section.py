"""The base class of the six sections: narration plus the section's title card."""

from __future__ import annotations

from manim import UP, FadeIn, FadeOut

from ..sections import section as lookup_section
from .mobjects import title_card
from .narration import NarratedScene

__all__ = ["SectionScene", "TITLE_CARD_SECONDS"]

TITLE_CARD_SECONDS = 2.5


class SectionScene(NarratedScene):
    """Subclasses set ``section = "s3"``; the title comes from :mod:`scenes.sections`."""

    def show_title_card(self) -> None:
        info = lookup_section(self.section)
        card = title_card(info.number, info.title)
        self.play(FadeIn(card, shift=0.3 * UP), run_time=0.8)
        self.wait(TITLE_CARD_SECONDS - 1.4)
        self.play(FadeOut(card), run_time=0.6)
