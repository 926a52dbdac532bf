"""Self-information, entropy, cross-entropy and KL divergence for discrete distributions.

All functions are pure numpy. Distributions lie along ``axis`` (the last one by default);
any leading dimensions broadcast, so a whole grid of distributions is one vectorised call.

Conventions
-----------
* The default unit is the bit (``base=2``); ``base=math.e`` gives nats, ``base=10`` hartleys.
* ``0 * log 0 = 0``: outcomes with ``p = 0`` contribute nothing.
* Where ``p > 0`` and ``q = 0`` the cross-entropy and the KL divergence are ``inf``.
* ``self_information(0) = inf``.
* A distribution must be non-negative, finite and sum to 1 within ``SUM_TOLERANCE``.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

__all__ = [
    "SUM_TOLERANCE",
    "self_information",
    "entropy",
    "cross_entropy",
    "kl_divergence",
]

#: Absolute tolerance on ``|sum(p) - 1|`` for a vector to count as a distribution.
SUM_TOLERANCE = 1e-6


# --- validation -----------------------------------------------------------------------


def _log_fn(base):
    """Return ``log_base`` as a numpy function after checking that ``base`` is usable.

    Bases 2 and 10 use ``np.log2`` / ``np.log10`` so that exact powers give exact results.
    """
    if isinstance(base, bool) or not isinstance(base, (Real, np.floating, np.integer)):
        raise ValueError(f"base must be a real number > 0 and != 1, got {base!r}")
    base = float(base)
    if not math.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be a finite number > 0 and != 1, got {base!r}")
    if base == 2:
        return np.log2
    if base == 10:
        return np.log10
    if base == math.e:
        return np.log
    scale = 1.0 / math.log(base)
    return lambda x: np.log(x) * scale


def _as_float_array(x, name: str) -> np.ndarray:
    """Convert ``x`` to a float array, rejecting non-numeric, empty, NaN or infinite input."""
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged nested lists, for instance
        raise ValueError(f"{name} must be numeric array-like: {exc}") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise ValueError(
            f"{name} must contain numbers, got dtype {arr.dtype} from {type(x).__name__}"
        )
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise ValueError(f"{name} must contain real numbers, got complex values")
    arr = arr.astype(float)
    if arr.size == 0:
        raise ValueError(f"{name} is empty: a distribution needs at least one outcome")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite entries")
    return arr


def _as_distribution(x, name: str, axis: int) -> np.ndarray:
    """Validate a (batch of) probability distribution(s) lying along ``axis``."""
    arr = _as_float_array(x, name)
    if arr.ndim == 0:
        raise ValueError(
            f"{name} is a scalar; a distribution is a 1-D array of probabilities "
            "(use self_information for a single probability)"
        )
    try:
        n = arr.shape[axis]
    except IndexError:
        raise ValueError(f"axis {axis} is out of range for {name} with shape {arr.shape}") from None
    if n == 0:
        raise ValueError(f"{name} is empty along axis {axis}")
    if np.any(arr < 0):
        raise ValueError(f"{name} has negative entries; probabilities must be >= 0")
    sums = arr.sum(axis=axis)
    worst = float(np.max(np.abs(sums - 1.0)))
    if worst > SUM_TOLERANCE:
        raise ValueError(
            f"{name} does not sum to 1 along axis {axis} (off by up to {worst:.3g}; "
            f"tolerance {SUM_TOLERANCE:g}); normalise it first, e.g. p / p.sum()"
        )
    return arr


def _pair(p, q, axis: int) -> tuple[np.ndarray, np.ndarray]:
    p = _as_distribution(p, "p", axis)
    q = _as_distribution(q, "q", axis)
    if p.shape[axis] != q.shape[axis]:
        raise ValueError(
            f"p and q have different numbers of outcomes along axis {axis}: "
            f"{p.shape[axis]} vs {q.shape[axis]}"
        )
    try:
        np.broadcast_shapes(p.shape, q.shape)
    except ValueError:
        raise ValueError(f"shapes of p {p.shape} and q {q.shape} do not broadcast") from None
    return p, q


# --- public functions -----------------------------------------------------------------


def self_information(p, base=2):
    """Self-information (surprisal) ``-log_base(p)`` of an outcome with probability ``p``.

    Parameters
    ----------
    p : float or array_like
        Probability (or probabilities, element-wise) in ``[0, 1]``.
    base : float, optional
        Logarithm base. 2 (default) gives bits, ``math.e`` nats.

    Returns
    -------
    float or ndarray
        The information in units of ``base``; ``inf`` where ``p == 0`` (an impossible
        outcome would be infinitely surprising), ``0`` where ``p == 1``.

    Raises
    ------
    ValueError
        If ``p`` is non-numeric, empty, NaN, infinite or outside ``[0, 1]``, or ``base``
        is not > 0 and != 1.

    Notes
    -----
    Rare outcomes carry more information than common ones, and the information of
    independent outcomes adds up because their probabilities multiply.

    Examples
    --------
    >>> float(self_information(0.5))
    1.0
    >>> float(self_information(1 / 8))
    3.0
    >>> float(self_information(0))
    inf
    >>> self_information([0.25, 1.0]).tolist()
    [2.0, 0.0]
    """
    log = _log_fn(base)
    arr = _as_float_array(p, "p")
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError("p must be a probability in [0, 1]")
    with np.errstate(divide="ignore"):
        out = -log(arr)
    out = out + 0.0  # turn -0.0 (p == 1) into 0.0
    return out[()] if out.ndim == 0 else out


def entropy(p, base=2, axis=-1):
    """Shannon entropy ``H(P) = -sum_x P(x) log P(x)``: the average self-information.

    Parameters
    ----------
    p : array_like
        Distribution(s) along ``axis``: non-negative, finite, summing to 1 within
        :data:`SUM_TOLERANCE`. Other dimensions are batch dimensions.
    base : float, optional
        Logarithm base. 2 (default) gives bits, ``math.e`` nats.
    axis : int, optional
        The axis along which each distribution lies (default: last).

    Returns
    -------
    float or ndarray
        Entropy per distribution; the reduced axis is removed.

    Raises
    ------
    ValueError
        For negative, NaN or infinite entries, sums other than 1, empty or
        non-numeric input, or a bad ``base``.

    Notes
    -----
    ``0 log 0`` is taken as 0, so impossible outcomes add nothing. The entropy is the
    shortest average code length (in ``base``-ary digits) of an outcome drawn from P.

    Examples
    --------
    >>> float(entropy([0.5, 0.5]))
    1.0
    >>> float(entropy([1 / 16] * 16))
    4.0
    >>> float(entropy([1.0, 0.0]))
    0.0
    >>> entropy([[0.5, 0.5], [1.0, 0.0]]).tolist()
    [1.0, 0.0]
    """
    log = _log_fn(base)
    p = _as_distribution(p, "p", axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * log(np.where(p > 0, p, 1.0)), 0.0)
    out = terms.sum(axis=axis) + 0.0
    return out[()] if np.ndim(out) == 0 else out


def cross_entropy(p, q, base=2, axis=-1):
    """Cross-entropy ``H(P, Q) = -sum_x P(x) log Q(x)``.

    The average code length of outcomes drawn from P when the code was built for Q:
    an outcome costs ``log(1/Q(x))`` and occurs with probability ``P(x)``.

    Parameters
    ----------
    p : array_like
        The true distribution(s) along ``axis``.
    q : array_like
        The assumed / model distribution(s) along ``axis``; broadcasts against ``p``.
    base : float, optional
        Logarithm base. 2 (default) gives bits, ``math.e`` nats.
    axis : int, optional
        The axis along which each distribution lies (default: last).

    Returns
    -------
    float or ndarray
        ``inf`` where some outcome has ``P(x) > 0`` but ``Q(x) = 0``.

    Raises
    ------
    ValueError
        For invalid distributions (see :func:`entropy`), a different number of
        outcomes in ``p`` and ``q``, or shapes that do not broadcast.

    Notes
    -----
    ``H(P, Q) = H(P) + D_KL(P || Q) >= H(P)``, with equality exactly when ``Q = P``.
    Terms with ``P(x) = 0`` contribute 0 whatever ``Q(x)`` is.

    Examples
    --------
    >>> float(cross_entropy([0.5, 0.5], [0.5, 0.5]))
    1.0
    >>> float(cross_entropy([1.0, 0.0], [0.25, 0.75]))
    2.0
    >>> float(cross_entropy([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    log = _log_fn(base)
    p, q = _pair(p, q, axis)
    p, q = np.broadcast_arrays(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        logq = log(np.where(q > 0, q, 1.0))
        terms = np.where(p > 0, np.where(q > 0, -p * logq, np.inf), 0.0)
    out = terms.sum(axis=axis) + 0.0
    return out[()] if np.ndim(out) == 0 else out


def kl_divergence(p, q, base=2, axis=-1):
    """Kullback-Leibler divergence ``D_KL(P || Q) = sum_x P(x) log(P(x) / Q(x))``.

    The expected excess surprise -- the extra code length per outcome -- paid for
    describing data from P with a code built for Q.

    Parameters
    ----------
    p : array_like
        The true distribution(s) along ``axis``.
    q : array_like
        The assumed / model distribution(s) along ``axis``; broadcasts against ``p``.
    base : float, optional
        Logarithm base. 2 (default) gives bits, ``math.e`` nats.
    axis : int, optional
        The axis along which each distribution lies (default: last).

    Returns
    -------
    float or ndarray
        Non-negative; 0 exactly when ``P = Q``; ``inf`` where ``P(x) > 0 = Q(x)``.

    Raises
    ------
    ValueError
        As for :func:`cross_entropy`.

    Notes
    -----
    ``D_KL(P || Q) = H(P, Q) - H(P)``. It is not symmetric:
    ``D_KL(P || Q) != D_KL(Q || P)`` in general. Its non-negativity (Gibbs'
    inequality) follows from the concavity of the logarithm via Jensen's inequality.

    Examples
    --------
    >>> float(kl_divergence([0.5, 0.5], [0.5, 0.5]))
    0.0
    >>> float(kl_divergence([1.0, 0.0], [0.5, 0.5]))
    1.0
    >>> float(kl_divergence([0.5, 0.5], [1.0, 0.0]))
    inf
    """
    log = _log_fn(base)
    p, q = _pair(p, q, axis)
    p, q = np.broadcast_arrays(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((p > 0) & (q > 0), p / np.where(q > 0, q, 1.0), 1.0)
        terms = np.where(p > 0, np.where(q > 0, p * log(ratio), np.inf), 0.0)
    out = terms.sum(axis=axis)
    # Rounding can leave tiny negative sums when p == q; the true value is >= 0.
    out = np.maximum(out, 0.0) + 0.0
    return out[()] if np.ndim(out) == 0 else out
