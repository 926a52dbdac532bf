"""The film's coin: a flip's outcome as a small icon (正 heads, 反 tails), for records of coin flips.

Section 6 scores ten flips the way section 1 scores the weather: the icons head a
:class:`~scenes.kit.record.SurpriseRecord`, one per flip.
"""
from __future__ import annotations

from manim import Circle, VGroup

from .style import LABEL_SIZE, MUTED, P_COLOR, zh

__all__ = ["HEADS", "TAILS", "coin_icon"]

#: the outcomes of a flip, as indices into a forecast ``[P(tails), P(heads)]``
TAILS, HEADS = 0, 1


def coin_icon(outcome: int, height: float = 0.5) -> VGroup:
    """A coin showing 正 (heads, :data:`HEADS`) in P's colour or 反 (tails, :data:`TAILS`), ``height`` tall."""
    heads = outcome == HEADS
    disc = Circle(0.3, color=P_COLOR if heads else MUTED, fill_opacity=0.25)
    face = zh("正" if heads else "反", size=LABEL_SIZE).move_to(disc)
    return VGroup(disc, face).set(height=height)
