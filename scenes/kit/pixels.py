"""Small grayscale images shown as crisp pixels, updated in place.

A grid of images is drawn as ONE image (a mosaic): manim's Cairo camera pastes every
ImageMobject into a full-frame buffer on every frame, so eight separate images cost about
eight times as much as one. Pixels not drawn yet (a model painting an image pixel by pixel)
are shown in :data:`HIDDEN`, a gray no image level uses.
"""

from __future__ import annotations

import numpy as np
from manim import RESAMPLING_ALGORITHMS, ImageMobject, ManimColor

from .style import ACCENT, FAINT

__all__ = ["PixelMosaic", "gray_levels", "level_color", "HIDDEN"]

_SCALE = 4  # source pixels per image pixel (keeps the frames and gaps crisp)
_BORDER = 2  # frame width, in source pixels
_GAP = 3  # space between framed images, in source pixels
#: the colour of a pixel not drawn yet
HIDDEN = "#3a3a48"


def gray_levels(levels, n_levels: int) -> np.ndarray:
    """Intensity levels ``0..n_levels-1`` as 8-bit gray values (0 black, top level white)."""
    return (np.asarray(levels, dtype=float) * (255 / (n_levels - 1))).round().astype(np.uint8)


def level_color(level: int, n_levels: int) -> str:
    """The hex colour of one intensity level, matching the pixels of a :class:`PixelMosaic`."""
    v = int(gray_levels(level, n_levels))
    return f"#{v:02x}{v:02x}{v:02x}"


_HIDDEN_RGB = (np.array(ManimColor(HIDDEN).to_rgb()) * 255).round().astype(np.uint8)


class PixelMosaic(ImageMobject):
    """``rows`` x ``cols`` framed images of levels ``0..n_levels-1`` as one ImageMobject.

    ``cell_side`` is the height of one image in frame units. ``set_levels(images)`` redraws
    the pixels in place (cheap enough for every frame); ``pixel_center(k, r, c)`` is the
    point at pixel (r, c) of image k, for markers.
    """

    def __init__(self, images, n_levels: int, cell_side: float, rows: int):
        images = np.asarray(images)
        self.count, self.h, self.w = images.shape
        self.rows = rows
        self.cols = -(-self.count // rows)
        self.n_levels = n_levels
        self.cell_px = self.h * _SCALE + 2 * _BORDER  # one framed image, in source pixels
        self.pitch = self.cell_px + _GAP
        height = self.rows * self.pitch - _GAP
        width = self.cols * self.pitch - _GAP
        canvas = np.zeros((height, width, 3), dtype=np.uint8)
        frame_rgb = (np.array(ManimColor(FAINT).to_rgb()) * 255).round().astype(np.uint8)
        for k in range(self.count):
            y, x = self._origin(k)
            canvas[y : y + self.cell_px, x : x + self.cell_px] = frame_rgb
        super().__init__(canvas)
        self.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.height = cell_side * height / self.cell_px
        self.set_levels(images)

    def _origin(self, k: int) -> tuple[int, int]:
        r, c = divmod(k, self.cols)
        return r * self.pitch, c * self.pitch

    def set_levels(self, images, hidden=None, marked=None, mark_color=ACCENT) -> PixelMosaic:
        """Show ``images`` (levels, shape ``(count, h, w)``).

        Pixels where ``hidden`` is True are not drawn yet; pixels where ``marked`` is True are
        drawn in ``mark_color`` (to point at them: the eyes of a face, say).
        """
        rgb = np.repeat(gray_levels(images, self.n_levels)[..., None], 3, axis=-1)
        if marked is not None:
            mark = (np.array(ManimColor(mark_color).to_rgb()) * 255).round().astype(np.uint8)
            rgb[np.broadcast_to(np.asarray(marked, dtype=bool), rgb.shape[:-1])] = mark
        if hidden is not None:
            rgb[np.broadcast_to(np.asarray(hidden, dtype=bool), rgb.shape[:-1])] = _HIDDEN_RGB
        big = np.repeat(np.repeat(rgb, _SCALE, axis=1), _SCALE, axis=2)
        for k in range(self.count):
            y, x = self._origin(k)
            y, x = y + _BORDER, x + _BORDER
            self.pixel_array[y : y + self.h * _SCALE, x : x + self.w * _SCALE, :3] = big[k]
        return self

    def image_center(self, k: int) -> np.ndarray:
        """Frame coordinates of the centre of image k."""
        return (self.pixel_center(k, 0, 0) + self.pixel_center(k, self.h - 1, self.w - 1)) / 2

    @property
    def image_side(self) -> float:
        """The side of one image (without its frame), in frame units."""
        return self.pixel_size * self.h

    def pixel_center(self, k: int, r: int, c: int) -> np.ndarray:
        """Frame coordinates of the centre of pixel (r, c) of image k."""
        y, x = self._origin(k)
        py = y + _BORDER + (r + 0.5) * _SCALE
        px = x + _BORDER + (c + 0.5) * _SCALE
        total_h, total_w = self.pixel_array.shape[:2]
        left, top = self.get_left()[0], self.get_top()[1]
        return np.array([left + self.width * px / total_w, top - self.height * py / total_h, 0.0])

    @property
    def pixel_size(self) -> float:
        """One image pixel, in frame units."""
        return self.height * _SCALE / self.pixel_array.shape[0]
