"""Fitting categorical models by gradient descent on the cross-entropy, and a toy image set.

The model of section 5: every pixel of a small grayscale image gets its own softmax over a
few intensity levels. Fitting it to data is gradient descent on the cross-entropy between
the data's per-pixel distributions P and the model's Q_theta = softmax(theta).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .core import _as_distribution, _as_float_array, cross_entropy, entropy

__all__ = [
    "softmax",
    "FitHistory",
    "fit_categorical",
    "sample_categorical",
    "smiley_images",
    "pixel_distributions",
]


def softmax(logits, axis=-1):
    """``exp(logits) / sum(exp(logits))`` along ``axis``, computed stably.

    Examples
    --------
    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    >>> [round(float(v), 4) for v in softmax([1.0, 2.0, 3.0])]
    [0.09, 0.2447, 0.6652]
    """
    z = _as_float_array(logits, "logits")
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


@dataclass(frozen=True)
class FitHistory:
    """What gradient descent did, one entry per recorded step (step 0 is the start).

    ``losses[k]`` is the mean cross-entropy (in units of ``base``) at ``steps[k]``,
    ``probs[k]`` the model's distributions then, and ``floor`` the mean entropy of the
    target: the lowest loss any model can reach.
    """

    steps: np.ndarray
    losses: np.ndarray
    probs: np.ndarray
    floor: float


def fit_categorical(target, init_logits, *, steps: int, learning_rate: float, base=2) -> FitHistory:
    """Gradient descent on the mean cross-entropy ``H(target, softmax(logits))``.

    ``target`` holds distributions along the last axis (any leading shape, e.g. one per
    pixel); ``init_logits`` has the same shape. Each distribution's logits move by
    ``-learning_rate * (softmax(logits) - target)``, the gradient of its cross-entropy in
    nats (the base only rescales the reported loss). Every step is recorded.

    The loss falls towards ``floor`` = the mean entropy of ``target``, never below it,
    because H(P, Q) = H(P) + D_KL(P || Q) and D_KL >= 0.

    Examples
    --------
    >>> fit = fit_categorical([[0.25, 0.75]], [[0.0, 0.0]], steps=200, learning_rate=2.0)
    >>> round(float(fit.losses[0]), 3), round(float(fit.losses[-1]), 3), round(fit.floor, 3)
    (1.0, 0.811, 0.811)
    """
    p = _as_distribution(target, "target", -1)
    theta = _as_float_array(init_logits, "init_logits").copy()
    if theta.shape != p.shape:
        raise ValueError(
            f"init_logits has shape {theta.shape}, target has shape {p.shape}; they must match"
        )
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    if not (
        isinstance(learning_rate, (int, float))
        and math.isfinite(learning_rate)
        and learning_rate > 0
    ):
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    probs = [softmax(theta)]
    for _ in range(steps):
        theta -= learning_rate * (probs[-1] - p)
        probs.append(softmax(theta))
    probs = np.stack(probs)
    losses = np.mean(cross_entropy(p, probs, base=base), axis=tuple(range(1, probs.ndim - 1)))
    return FitHistory(
        np.arange(steps + 1), np.atleast_1d(losses), probs, float(np.mean(entropy(p, base=base)))
    )


def sample_categorical(probs, uniforms):
    """Inverse-CDF samples: the first outcome whose cumulative probability exceeds a uniform number.

    With the same ``uniforms``, samples change smoothly as ``probs`` do.

    ``probs`` has outcomes along the last axis; ``uniforms`` broadcasts against its other axes.

    Examples
    --------
    >>> sample_categorical([0.2, 0.5, 0.3], [0.1, 0.5, 0.95]).tolist()
    [0, 1, 2]
    """
    p = _as_distribution(probs, "probs", -1)
    u = _as_float_array(uniforms, "uniforms")
    if np.any((u < 0) | (u >= 1)):
        raise ValueError("uniforms must lie in [0, 1)")
    cdf = np.cumsum(p, axis=-1)
    cdf[..., -1] = 1.0 + 1e-12  # rounding must not leave the last outcome unreachable
    return np.sum(u[..., None] >= cdf, axis=-1)


# --- a toy image set -------------------------------------------------------------------------


def smiley_images(n: int, size: int = 12, levels: int = 4, seed: int = 0) -> np.ndarray:
    """``n`` noisy grayscale smiley faces, ``size`` x ``size`` pixels, intensities ``0..levels-1``.

    A fixed face (outline, two eyes, a smile) with every pixel nudged one level up or down
    at random; seeded, so the same call always returns the same images.
    """
    if n < 1 or size < 8 or levels < 2:
        raise ValueError("need n >= 1 images of size >= 8 with levels >= 2")
    y, x = np.mgrid[0:size, 0:size]
    c = (size - 1) / 2
    r = np.hypot(x - c, y - c)
    face = np.zeros((size, size))
    face[np.abs(r - size * 0.42) < 0.7] = levels - 1  # outline
    face[r < size * 0.42 - 0.7] = 1  # face fill
    for ex in (c - size * 0.17, c + size * 0.17):  # eyes
        face[np.hypot(x - ex, y - (c - size * 0.12)) < size * 0.08] = levels - 1
    smile = (np.abs(np.hypot(x - c, y - (c - size * 0.05)) - size * 0.25) < 0.6) & (
        y > c + size * 0.06
    )
    face[smile] = levels - 1
    rng = np.random.default_rng(seed)
    nudge = rng.choice([-1, 0, 1], size=(n, size, size), p=[0.15, 0.7, 0.15])
    return np.clip(face[None] + nudge, 0, levels - 1).astype(int)


def pixel_distributions(images, levels: int) -> np.ndarray:
    """Per-pixel empirical distributions over intensity levels: shape ``(*image_shape, levels)``.

    Examples
    --------
    >>> pixel_distributions(np.array([[[0]], [[1]], [[1]], [[1]]]), 2).tolist()
    [[[0.25, 0.75]]]
    """
    imgs = np.asarray(images)
    if imgs.ndim < 2 or not np.issubdtype(imgs.dtype, np.integer):
        raise ValueError("images must be an integer array of shape (n, ...)")
    if imgs.min() < 0 or imgs.max() >= levels:
        raise ValueError(f"image values must lie in 0..{levels - 1}")
    one_hot = np.eye(levels)[imgs]
    return one_hot.mean(axis=0)
