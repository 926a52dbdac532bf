"""The film's coin: a flip's outcome as a small icon (正 heads, 反 tails), for records of flips.

Section 6 scores ten flips the way section 1 scores the weather: the icons head a
:class:`~scenes.kit.record.SurpriseRecord`, one per flip. Blue is the data's (the heads chips,
the share of heads); every θ is a model, in Q's orange, the best one in a lighter shade of it
(:data:`BEST_COLOR`) so that the two forecasters stay apart.
"""

from __future__ import annotations

from manim import WHITE, Circle, VGroup, interpolate_color

from .style import LABEL_SIZE, MUTED, P_COLOR, Q_COLOR, zh

__all__ = ["HEADS", "TAILS", "BEST_COLOR", "coin_icon"]

#: the outcomes of a flip, as indices into a forecast ``[P(tails), P(heads)]``
TAILS, HEADS = 0, 1
#: a second model beside one in Q's orange (the best θ): the same hue, lighter
BEST_COLOR = interpolate_color(Q_COLOR, WHITE, 0.45).to_hex()


def coin_icon(outcome: int, height: float = 0.5) -> VGroup:
    """A coin showing 正 (heads, :data:`HEADS`) in P's colour or 反 (tails, :data:`TAILS`).

    It is ``height`` tall.
    """
    heads = outcome == HEADS
    disc = Circle(0.3, color=P_COLOR if heads else MUTED, fill_opacity=0.25)
    face = zh("正" if heads else "反", size=LABEL_SIZE).move_to(disc)
    return VGroup(disc, face).set(height=height)
