"""Small grayscale images shown as pixels (nearest-neighbour), updated in place."""
from __future__ import annotations

import numpy as np
from manim import RESAMPLING_ALGORITHMS, Group, ImageMobject, Rectangle

from .style import FAINT

__all__ = ["PixelImage", "pixel_grid"]


def _gray(levels: np.ndarray, n_levels: int) -> np.ndarray:
    g = (np.asarray(levels, dtype=float) * (255 / (n_levels - 1))).round().astype(np.uint8)
    return np.repeat(g[..., None], 3, axis=-1)


class PixelImage(ImageMobject):
    """An image of intensity levels ``0..n_levels-1``, ``side`` units tall, crisp pixels."""

    def __init__(self, levels, n_levels: int, side: float = 1.0):
        super().__init__(_gray(levels, n_levels))
        self.n_levels = n_levels
        self.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.height = side

    def set_levels(self, levels) -> "PixelImage":
        """Replace the pixels in place (same shape): cheap enough for every frame."""
        self.pixel_array[:, :, :3] = _gray(levels, self.n_levels)
        return self


def pixel_grid(images, n_levels: int, side: float, rows: int, buff: float = 0.12) -> Group:
    """A grid of framed PixelImages (a Group: images cannot live in a VGroup)."""
    cells = Group()
    for img in images:
        pic = PixelImage(img, n_levels, side)
        frame = Rectangle(width=side, height=side, stroke_color=FAINT, stroke_width=1.5).move_to(pic)
        cells.add(Group(pic, frame))
    return cells.arrange_in_grid(rows=rows, buff=buff)
