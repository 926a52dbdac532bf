"""Two-outcome (coin / binary label) helpers built on the general functions."""

from __future__ import annotations

import numpy as np

from .core import _as_float_array, cross_entropy, kl_divergence

__all__ = ["bernoulli", "coin_kl_grid", "binary_cross_entropy"]


def bernoulli(p):
    """The coin distribution ``[p, 1 - p]`` (heads first), along a new last axis.

    Examples
    --------
    >>> bernoulli(0.25).tolist()
    [0.25, 0.75]
    >>> bernoulli([0.0, 1.0]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    arr = _as_float_array(p, "p")
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError("a coin's probability of heads must lie in [0, 1]")
    return np.stack([arr, 1.0 - arr], axis=-1)


def coin_kl_grid(p_values, q_values, base=2):
    """``D_KL(Bernoulli(p) || Bernoulli(q))`` for every pair: rows follow ``p``, columns ``q``.

    One vectorised call, so a 200 x 200 grid costs milliseconds.

    Examples
    --------
    >>> grid = coin_kl_grid([0.5, 1.0], [0.5, 0.25])
    >>> grid.shape
    (2, 2)
    >>> [round(float(v), 3) for v in grid.ravel()]
    [0.0, 0.208, 1.0, 2.0]
    """
    p = bernoulli(np.atleast_1d(p_values))[:, None, :]
    q = bernoulli(np.atleast_1d(q_values))[None, :, :]
    return kl_divergence(p, q, base=base)


def binary_cross_entropy(y, y_hat, base=2):
    """``-[y log y_hat + (1 - y) log(1 - y_hat)]``: the cross-entropy of a binary label.

    ``y`` is the true label (0 or 1, or a probability), ``y_hat`` the predicted probability
    of 1. Element-wise over arrays. Equal to ``cross_entropy(bernoulli(y), bernoulli(y_hat))``.

    Examples
    --------
    >>> float(binary_cross_entropy(1, 0.5))
    1.0
    >>> float(binary_cross_entropy(0, 0.75))
    2.0
    """
    return cross_entropy(bernoulli(y), bernoulli(y_hat), base=base)
