"""Cross-entropy from data: the average surprise of what actually happened.

The true distribution P is rarely known. What is known is a record of outcomes drawn from it:
the weather of many days, the faces of many rolls, the labels of a data set. Averaging the
surprise ``-log Q(x)`` of each recorded outcome under a forecast Q gives the cross-entropy of
the record's own frequencies and Q -- exactly, not approximately -- and, as the record grows,
the cross-entropy H(P, Q) of the truth. A forecast that gives each outcome its frequency in
the record scores the record's entropy, the lowest average any forecast can get.
"""

from __future__ import annotations

import numpy as np

from .core import _as_distribution, _log_fn

__all__ = ["empirical_distribution", "surprises", "average_surprise", "running_average"]


def _outcomes(samples, n: int) -> np.ndarray:
    x = np.asarray(samples)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("samples must be a non-empty 1-D sequence of outcome indices")
    if not np.issubdtype(x.dtype, np.integer):
        if not np.all(np.isfinite(x.astype(float))) or np.any(x != np.round(x)):
            raise ValueError("samples must be whole outcome indices (0, 1, …)")
        x = x.astype(int)
    if np.any((x < 0) | (x >= n)):
        raise ValueError(f"samples must be outcome indices from 0 to {n - 1}")
    return x


def empirical_distribution(samples, n: int) -> np.ndarray:
    """How often each of ``n`` outcomes occurs in ``samples`` (indices 0 … n-1), as a distribution.

    Examples
    --------
    >>> empirical_distribution([0, 1, 1, 0, 1, 1, 1, 1, 1, 1], 2).tolist()
    [0.2, 0.8]
    """
    x = _outcomes(samples, n)
    return np.bincount(x, minlength=n) / x.size


def surprises(samples, q, base=2) -> np.ndarray:
    """The surprise ``-log Q(x_i)`` of each recorded outcome under the forecast ``q``.

    Examples
    --------
    >>> # rain forecast at 80 %: a dry day, a rainy day
    >>> surprises([1, 0], [0.8, 0.2]).round(2).tolist()
    [2.32, 0.32]
    """
    q = _as_distribution(q, "q", -1)
    if q.ndim != 1:
        raise ValueError("q must be one distribution (a 1-D sequence of probabilities)")
    x = _outcomes(samples, q.size)
    with np.errstate(divide="ignore"):
        return -_log_fn(base)(q[x])


def average_surprise(samples, q, base=2) -> float:
    """The recorded outcomes' mean surprise under ``q``: the cross-entropy of the record and ``q``.

    Equal to ``cross_entropy(empirical_distribution(samples, len(q)), q)``; infinite when an
    outcome that occurred was given probability 0.

    Examples
    --------
    >>> record = [0, 1, 1, 0, 1, 1, 1, 0, 1, 1]            # 3 rainy days (0) in 10
    >>> round(average_surprise(record, [0.8, 0.2]), 4)      # a forecaster who always says 80 % rain
    1.7219
    >>> # one who says what the record shows: its entropy
    >>> round(average_surprise(record, [0.3, 0.7]), 4)
    0.8813
    """
    return float(np.mean(surprises(samples, q, base)))


def running_average(samples, q, base=2) -> np.ndarray:
    """The average surprise after each recorded outcome (the first, the first two, …).

    Examples
    --------
    >>> running_average([1, 0], [0.8, 0.2]).round(2).tolist()
    [2.32, 1.32]
    """
    s = surprises(samples, q, base)
    return np.cumsum(s) / np.arange(1, s.size + 1)
