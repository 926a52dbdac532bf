"""The film's weather pictures: a sun, a cloud, rain, and a day's weather as one small icon.

Section 1 opens with a forecast and a sunny day, and its record of many days (and the closing
card that answers the opening question) shows each day as one of these icons.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Circle, Line, Rectangle, Union, VGroup

from .style import ACCENT, MUTED, TEXT_COLOR

__all__ = ["get_sun", "get_cloud", "get_rain", "rainy_day", "sunny_day", "day_icon", "RAIN", "DRY"]

#: the outcomes of a day, as indices into a forecast (rain, dry)
RAIN, DRY = 0, 1


def get_cloud(width: float = 1.8):
    puffs = [
        Circle(0.5).shift(LEFT * 0.55),
        Circle(0.68).shift(UP * 0.2),
        Circle(0.45).shift(RIGHT * 0.65),
        Rectangle(width=1.7, height=0.6).shift(DOWN * 0.2),
    ]
    cloud = Union(*puffs, fill_color=MUTED, fill_opacity=1, stroke_width=0)
    return cloud.set(width=width)


def get_rain(cloud, n: int = 5, stroke_width: float = 5):
    drops = VGroup(
        *[
            Line(UP * 0.14, DOWN * 0.14, stroke_width=stroke_width, color=TEXT_COLOR).rotate(0.35)
            for _ in range(n)
        ]
    )
    drops.arrange(RIGHT, buff=0.22).next_to(cloud, DOWN, buff=0.12)
    for i, d in enumerate(drops):
        d.shift(DOWN * 0.1 * (i % 2))
    return drops


def get_sun(radius: float = 0.55, stroke_width: float = 6):
    disc = Circle(radius, fill_color=ACCENT, fill_opacity=1, stroke_width=0)
    rays = VGroup(
        *[
            Line(
                UP * (radius + 0.12 * radius / 0.55),
                UP * (radius + 0.38 * radius / 0.55),
                stroke_width=stroke_width,
                color=ACCENT,
            ).rotate(a, about_point=disc.get_center())
            for a in np.linspace(0, 2 * np.pi, 10, endpoint=False)
        ]
    )
    return VGroup(rays, disc)


def rainy_day(height: float = 0.5) -> VGroup:
    """A cloud with rain under it, ``height`` tall."""
    cloud = get_cloud(width=1.8)
    return VGroup(cloud, get_rain(cloud, n=3, stroke_width=6)).set(height=height)


def sunny_day(height: float = 0.5) -> VGroup:
    """A sun, ``height`` tall."""
    return get_sun(radius=0.55, stroke_width=4).set(height=height)


def day_icon(outcome: int, height: float = 0.5) -> VGroup:
    """The icon of a day whose weather was ``outcome`` (:data:`RAIN` or :data:`DRY`)."""
    return rainy_day(height) if outcome == RAIN else sunny_day(height)
