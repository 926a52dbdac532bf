"""Small constructors for the distributions the video uses."""

from __future__ import annotations

import numpy as np

from .core import _as_distribution

__all__ = ["uniform", "mixture"]


def uniform(n: int) -> np.ndarray:
    """The uniform distribution over ``n`` outcomes.

    Examples
    --------
    >>> uniform(4).tolist()
    [0.25, 0.25, 0.25, 0.25]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer number of outcomes, got {n!r}")
    return np.full(int(n), 1.0 / int(n))


def mixture(p, q, t):
    """The mixture ``(1 - t) * p + t * q``: a straight path from ``p`` (t = 0) to ``q`` (t = 1).

    ``t`` may be an array; its values then form leading batch dimensions, one
    distribution per value. Used for animations in which one distribution drifts
    towards another.

    Examples
    --------
    >>> mixture([1.0, 0.0], [0.0, 1.0], 0.25).tolist()
    [0.75, 0.25]
    >>> mixture([1.0, 0.0], [0.5, 0.5], [0.0, 1.0]).tolist()
    [[1.0, 0.0], [0.5, 0.5]]
    """
    p = _as_distribution(p, "p", -1)
    q = _as_distribution(q, "q", -1)
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape, got {p.shape} and {q.shape}")
    t_arr = np.asarray(t, dtype=float)
    if not np.all(np.isfinite(t_arr)) or np.any((t_arr < 0) | (t_arr > 1)):
        raise ValueError("t must lie in [0, 1] (0 gives p, 1 gives q)")
    t_col = t_arr[..., None]
    return (1.0 - t_col) * p + t_col * q
