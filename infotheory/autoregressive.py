"""An autoregressive image model trained on cross-entropy: each pixel predicted from earlier pixels.

The pixels of an image are read in raster order (row by row, left to right). The model gives
pixel ``i`` a distribution over intensity levels from the pixels before it:

    Q(x_i | x_1 … x_{i-1}) = softmax(b_i + sum_{j < i} W_ij[x_j])

(a fully visible sigmoid belief network, or a one-layer PixelCNN without the locality). Its
cross-entropy on an image is the sum of the surprises ``-log Q(x_i | x_<i)`` of its pixels,
and by the chain rule of probability that is exactly ``-log Q(image)``: the cost of the whole
picture, pixel by pixel. Training minimises its average over the data by gradient descent,
like the per-pixel model of :mod:`infotheory.learning`.

Unlike a model of independent pixels, it can learn that pixels agree: once the first eye of a
face is drawn, where the second one goes is (almost) certain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .core import _log_fn, entropy
from .learning import sample_categorical, softmax

__all__ = ["AutoregressiveModel", "fit_autoregressive", "image_entropy"]


def _as_images(images, levels: int) -> np.ndarray:
    imgs = np.asarray(images)
    if imgs.ndim != 3 or imgs.shape[0] == 0 or not np.issubdtype(imgs.dtype, np.integer):
        raise ValueError("images must be a non-empty integer array of shape (n, height, width)")
    if imgs.min() < 0 or imgs.max() >= levels:
        raise ValueError(f"image values must lie in 0..{levels - 1}")
    return imgs


def image_entropy(images, base=2) -> float:
    """The entropy of the data over whole images: ``H(P)`` with P the share of each distinct image.

    The floor of the cross-entropy per image of every model of the data, however it factorises:
    the average cost in bits of a picture can go down to ``H(P)``, never below
    (``H(P, Q) = H(P) + D_KL(P || Q)``). A model whose pixels are independent stops higher, at the
    sum of the pixels' own entropies (which is at least ``H(P)``: equal only when the pixels
    are independent in the data).

    Examples
    --------
    >>> two = np.array([[[0, 0]], [[1, 1]]] * 4)  # two pictures, equally common: one bit
    >>> image_entropy(two)
    1.0
    >>> image_entropy(np.array([[[0, 1]], [[0, 1]], [[1, 1]], [[0, 0]]]))   # shares 1/2, 1/4, 1/4
    1.5
    """
    imgs = np.asarray(images)
    if imgs.ndim < 2 or imgs.shape[0] == 0 or not np.issubdtype(imgs.dtype, np.integer):
        raise ValueError("images must be a non-empty integer array of shape (n, ...)")
    _, counts = np.unique(imgs.reshape(len(imgs), -1), axis=0, return_counts=True)
    return float(entropy(counts / counts.sum(), base=base))


def _one_hot(images: np.ndarray, levels: int) -> np.ndarray:
    """(n, h, w) levels -> (n, h * w * levels) indicators, pixel-major."""
    return np.eye(levels)[images.reshape(len(images), -1)].reshape(len(images), -1)


@dataclass(frozen=True)
class AutoregressiveModel:
    """A trained model: ``weights`` (D·L x D·L) and ``bias`` (D, L).

    In ``weights`` only earlier pixels feed later ones. ``losses[k]`` is the mean cross-entropy
    per image (in units of ``base`` of the fit) before step ``k + 1``; the last entry is the
    loss of the model as returned.
    """

    weights: np.ndarray
    bias: np.ndarray
    shape: tuple[int, int]
    levels: int
    losses: np.ndarray

    def conditionals(self, images) -> np.ndarray:
        """``Q(x_i | the pixels before i)`` for every pixel of each image.

        The shape is ``(n, h, w, levels)``.

        Examples
        --------
        >>> model = fit_autoregressive(
        ...     np.array([[[0, 0]], [[1, 1]]]), 2, steps=300, learning_rate=2.0
        ... )
        >>> q = model.conditionals(np.array([[[1, 1]]]))[0, 0]
        >>> # the first pixel: a coin; the second follows it
        >>> q[0].round(2).tolist(), q[1].round(2).tolist()
        ([0.5, 0.5], [0.0, 1.0])
        """
        imgs = _as_images(images, self.levels)
        if imgs.shape[1:] != self.shape:
            raise ValueError(f"images are {imgs.shape[1:]}, the model draws {self.shape}")
        z = (_one_hot(imgs, self.levels) @ self.weights.T).reshape(
            len(imgs), -1, self.levels
        ) + self.bias
        return softmax(z).reshape(*imgs.shape, self.levels)

    def surprises(self, images, base=2) -> np.ndarray:
        """The surprise ``-log Q(x_i | x_<i)`` of each pixel, shape ``(n, h, w)``.

        Their sum over an image's pixels is ``-log Q(image)``.
        """
        imgs = _as_images(images, self.levels)
        q = np.take_along_axis(self.conditionals(imgs), imgs[..., None], axis=-1)[..., 0]
        return -_log_fn(base)(q)

    def sample(self, uniforms) -> np.ndarray:
        """Draw images pixel by pixel, each from its distribution given the pixels drawn so far.

        ``uniforms`` has shape ``(k, h, w)``, numbers in [0, 1): one per pixel (inverse-CDF
        sampling, as :func:`~infotheory.learning.sample_categorical`).
        """
        u = np.asarray(uniforms, dtype=float)
        if u.ndim != 3 or u.shape[1:] != self.shape:
            raise ValueError(f"uniforms must have shape (k, {self.shape[0]}, {self.shape[1]})")
        k, levels = len(u), self.levels
        flat_u = u.reshape(k, -1)
        drawn = np.zeros((k, flat_u.shape[1] * levels))
        out = np.zeros(flat_u.shape, dtype=int)
        for i in range(flat_u.shape[1]):
            z = drawn @ self.weights[i * levels : (i + 1) * levels].T + self.bias[i]
            out[:, i] = sample_categorical(softmax(z), flat_u[:, i])
            drawn[np.arange(k), i * levels + out[:, i]] = 1.0
        return out.reshape(u.shape)


def fit_autoregressive(
    images, levels: int, *, steps: int, learning_rate: float, base=2
) -> AutoregressiveModel:
    """Fit an :class:`AutoregressiveModel` to ``images`` by gradient descent on mean cross-entropy.

    The cross-entropy per image is the sum over its pixels of ``-log Q(x_i | x_<i)``; its
    gradient with respect to pixel ``i``'s scores is ``Q - P`` (in nats), as for any softmax.
    Starts from all-zero parameters (every level equally likely).

    Notes
    -----
    Plain gradient descent from zero keeps the weights in a small space: each step adds, for
    every distinct training image u, the outer product of its score gradient with its pixels
    (masked to earlier pixels). So ``W = mask * (C.T @ X)`` throughout, and only ``C`` (one
    row of accumulated gradients per distinct image) is updated; image v's score for pixel i
    is then ``b_i + sum_u C[u, i] * K[u, v, i]``, with ``K[u, v, i]`` the number of pixels
    before i where u and v agree. The same steps as the full weight matrix, at a fraction of
    the cost; repeated images count once, with their weight.

    Examples
    --------
    >>> data = np.array([[[0, 0]], [[1, 1]]] * 4)             # two pictures: the two pixels agree
    >>> model = fit_autoregressive(data, 2, steps=300, learning_rate=2.0)
    >>> losses = model.losses
    >>> round(float(losses[0]), 3), round(float(losses[-1]), 2)  # bits per image: 2 -> 1
    (2.0, 1.0)
    """
    imgs = _as_images(images, levels)
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0, got {steps!r}")
    if not (
        isinstance(learning_rate, (int, float))
        and math.isfinite(learning_rate)
        and learning_rate > 0
    ):
        raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate!r}")
    log = _log_fn(base)
    distinct, counts = np.unique(imgs.reshape(len(imgs), -1), axis=0, return_counts=True)
    weight = counts / counts.sum()
    target = np.eye(levels)[distinct]  # (u, pixels, levels)
    same = (distinct[:, None, :] == distinct[None, :, :]).astype(float)
    agree = np.cumsum(same, axis=-1) - same  # K[u, v, i]: agreements before i
    coef = np.zeros(target.shape)  # C, per distinct image
    bias = np.zeros(target.shape[1:])
    losses = []
    for t in range(steps + 1):
        q = softmax(np.einsum("uil,uvi->vil", coef, agree) + bias)
        losses.append(-float(weight @ np.sum(target * log(np.maximum(q, 1e-300)), axis=(1, 2))))
        if t == steps:
            break
        grad = (q - target) * weight[:, None, None]  # d loss / d scores, in nats
        coef -= learning_rate * grad
        bias -= learning_rate * grad.sum(axis=0)
    pixels = target.shape[1]
    mask = np.kron(np.tril(np.ones((pixels, pixels)), -1), np.ones((levels, levels)))
    x = target.reshape(len(distinct), -1)
    weights = (coef.reshape(len(distinct), -1).T @ x) * mask
    return AutoregressiveModel(weights, bias, tuple(imgs.shape[1:]), levels, np.array(losses))
