"""A toy image set whose pixels depend on each other: smiley faces glancing left or right.

Every face is the same white disc with the same smile; what varies is where the two eyes
are. Half the faces look left (both eyes shifted left), half look right. So one choice per
picture -- one bit -- decides eight eye pixels at once. A model that treats pixels as
independent learns each eye pixel's 50/50 on its own and draws faces with one, three or
four eyes; a model that predicts each pixel from the ones before (an autoregressive model)
can learn that the second eye follows the first.

Pixels are intensity levels ``0 .. levels-1``: 0 is black (background, eyes, mouth), the top
level is white (the face).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["FaceSet", "glancing_faces", "eye_slots", "eyes_drawn"]

#: rows of an eye, as a share of the image size, and its height in pixels
_EYE_TOP, _EYE_HEIGHT = 0.3, 2
MIN_SIZE, MAX_SIZE = 12, 20


class FaceSet(NamedTuple):
    """The images ``(n, size, size)`` and where each face looks (0 = left, 1 = right)."""

    images: np.ndarray
    looks: np.ndarray


def _check_size(size: int) -> None:
    if not isinstance(size, (int, np.integer)) or not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(
            f"size must be a whole number from {MIN_SIZE} to {MAX_SIZE} pixels, got {size!r}"
        )


def eye_slots(size: int = 16) -> np.ndarray:
    """The four places an eye can be, as boolean masks ``(4, size, size)``, left to right.

    A face looking left has its eyes in slots 0 and 2, one looking right in slots 1 and 3.
    Each slot is one pixel wide and two tall; neighbouring slots are two pixels apart.

    Examples
    --------
    >>> slots = eye_slots(16)
    >>> [int(np.flatnonzero(s.any(axis=0))[0]) for s in slots]     # their columns
    [3, 6, 9, 12]
    >>> int(slots.sum())
    8
    """
    _check_size(size)
    centre = (size - 1) / 2
    step = round(size / 5)  # columns between neighbouring slots
    first = round(centre - 1.5 * step)
    top = round(_EYE_TOP * size)
    slots = np.zeros((4, size, size), dtype=bool)
    for k in range(4):
        slots[k, top : top + _EYE_HEIGHT, first + k * step] = True
    return slots


def _face(size: int, levels: int) -> np.ndarray:
    """The face without eyes: a white disc with a smile (a parabola, one pixel thick) on black."""
    y, x = np.mgrid[0:size, 0:size]
    c = (size - 1) / 2
    face = np.where(np.hypot(x - c, y - c) < 0.46 * size, levels - 1, 0)
    half, bottom, depth = 0.22 * size, round(0.75 * size), round(0.125 * size)
    for col in range(size):
        dx = (col - c) / half
        if abs(dx) <= 1:
            face[round(bottom - depth * dx * dx), col] = 0
    return face


def glancing_faces(n: int, size: int = 16, levels: int = 2, seed: int = 0) -> FaceSet:
    """``n`` smiley faces, ``size`` x ``size`` pixels: ``n // 2`` look left, the rest right.

    They come in random order. Seeded: the same call always gives the same images.

    Examples
    --------
    >>> faces = glancing_faces(4, seed=0)
    >>> faces.images.shape, sorted(faces.looks.tolist())
    ((4, 16, 16), [0, 0, 1, 1])
    >>> eyes_drawn(faces.images).tolist()                     # every face has two eyes
    [2, 2, 2, 2]
    """
    _check_size(size)
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be a whole number >= 2 (both looks appear), got {n!r}")
    if not isinstance(levels, (int, np.integer)) or levels < 2:
        raise ValueError(f"levels must be a whole number >= 2, got {levels!r}")
    looks = np.random.default_rng(seed).permutation(np.arange(n) >= n // 2).astype(int)
    slots = eye_slots(size)
    images = np.repeat(_face(size, levels)[None], n, axis=0)
    for k, look in enumerate(looks):
        images[k][slots[look] | slots[look + 2]] = 0
    return FaceSet(images, looks)


def eyes_drawn(images) -> np.ndarray:
    """How many of the four eye slots of each image hold an eye (a black pixel).

    Examples
    --------
    >>> faces = glancing_faces(2, seed=1).images
    >>> mixed = np.where(eye_slots(16)[:3].any(axis=0), 0, faces[0])   # slots 0, 1 and 2 black
    >>> int(eyes_drawn(mixed[None])[0])
    3
    """
    imgs = np.asarray(images)
    if (
        imgs.ndim != 3
        or imgs.shape[1] != imgs.shape[2]
        or not np.issubdtype(imgs.dtype, np.integer)
    ):
        raise ValueError("images must be an integer array of shape (n, size, size)")
    slots = eye_slots(imgs.shape[1])
    dark = imgs == 0
    return np.array([[bool(np.any(img[s])) for s in slots] for img in dark]).sum(axis=1)
