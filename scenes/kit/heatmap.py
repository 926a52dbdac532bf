"""Heatmaps drawn as one image (a numpy grid -> RGB pixels), with a matching colour bar.

Thousands of little squares would render several times slower than real time; one
ImageMobject costs about as much as any other picture.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, RIGHT, UP, Group, ImageMobject, Rectangle

from .style import MUTED, SMALL_SIZE, zh

__all__ = ["COLORMAP", "colorize", "heatmap_image", "color_bar"]

#: dark -> violet -> the KL red -> pale yellow (perceptually increasing lightness)
COLORMAP = np.array(
    [
        [0.05, 0.06, 0.12],
        [0.25, 0.12, 0.38],
        [0.62, 0.16, 0.40],
        [0.99, 0.38, 0.33],
        [1.00, 0.88, 0.55],
    ]
)


def colorize(grid, vmax: float, gamma: float = 0.6) -> np.ndarray:
    """Map values in ``[0, vmax]`` (clipped; ``inf`` counts as ``vmax``) to uint8 RGB pixels."""
    g = np.nan_to_num(np.asarray(grid, dtype=float), posinf=vmax)
    t = np.clip(g / vmax, 0.0, 1.0) ** gamma
    pos = t * (len(COLORMAP) - 1)
    i = np.minimum(pos.astype(int), len(COLORMAP) - 2)
    frac = (pos - i)[..., None]
    rgb = COLORMAP[i] * (1 - frac) + COLORMAP[i + 1] * frac
    return (rgb * 255).round().astype(np.uint8)


def heatmap_image(grid, vmax: float, side: float, gamma: float = 0.6) -> ImageMobject:
    """``grid[i, j]`` drawn with row 0 at the bottom (y grows upwards), ``side`` units square."""
    pixels = colorize(np.flipud(grid), vmax, gamma)
    img = ImageMobject(pixels)
    img.stretch_to_fit_width(side)
    img.stretch_to_fit_height(side)
    return img


def color_bar(
    vmax: float, height: float, unit: str = "比特", gamma: float = 0.6, n: int = 128
) -> Group:
    """A vertical bar of the colour map from 0 to ``vmax`` with end labels."""
    column = np.linspace(0, vmax, n)[:, None] * np.ones((1, 4))
    strip = heatmap_image(column, vmax, 1.0, gamma)
    strip.stretch_to_fit_width(0.3)
    strip.stretch_to_fit_height(height)
    frame = Rectangle(width=0.3, height=height, stroke_color=MUTED, stroke_width=1.5).move_to(strip)
    top = (
        zh(f"≥ {vmax:g} {unit}", size=SMALL_SIZE, color=MUTED)
        .next_to(frame, RIGHT, buff=0.12)
        .align_to(frame, UP)
    )
    bottom = (
        zh(f"0 {unit}", size=SMALL_SIZE, color=MUTED)
        .next_to(frame, RIGHT, buff=0.12)
        .align_to(frame, DOWN)
    )
    return Group(strip, frame, top, bottom)  # Group: it holds an image
