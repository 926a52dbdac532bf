"""Code lengths you can see: prefix codes, lengths, areas, and where the KL divergence comes from.

Entropy is an average code length. For a distribution whose probabilities are powers of one half
(a *dyadic* distribution, such as ``[1/2, 1/4, 1/8, 1/8]``) there is a prefix-free code whose
words are exactly ``-log2 P(x)`` bits long (``0, 10, 110, 111``). Drawn as blocks of width
``P(x)`` and height the code length, the total area is the average length, which is the entropy.
Encoding the same outcomes with a code built for another distribution Q changes the heights to
``-log2 Q(x)`` and not the widths: the area becomes the cross-entropy ``H(P, Q)``, and the area
added, outcome by outcome, is ``P(x) log2(P(x) / Q(x))``, the KL divergence's terms.

For other probabilities ``-log2 q`` is not a whole number of bits; it is still the ideal length,
reached on average by coding long messages in blocks (Shannon's source coding theorem).

Lengths are in bits (``base=2``) unless a base is given; code words are written in ``base``
digits (``base`` 2 to 10).
"""

from __future__ import annotations

import numpy as np

from .core import _as_distribution, _as_float_array, _log_fn, _pair

__all__ = [
    "ideal_code_lengths",
    "code_lengths",
    "canonical_code",
    "prefix_code",
    "is_prefix_free",
    "kraft_sum",
    "code_space",
    "average_length",
    "kl_contributions",
    "jensen_points",
]

#: how close ``-log2 p`` must be to a whole number for ``p`` to count as a power of one half
_WHOLE = 1e-9


def ideal_code_lengths(q, base=2) -> np.ndarray:
    """The ideal code length ``-log_base q(x)`` of each outcome of the distribution ``q``.

    The length a code built for ``q`` gives each outcome (its surprise under ``q``); not a
    whole number in general. An outcome with ``q(x) = 0`` gets ``inf``: a code built for
    ``q`` has no word for it.

    Parameters
    ----------
    q : array_like
        One distribution (1-D, non-negative, summing to 1).
    base : float, optional
        Logarithm base; 2 (default) gives bits.

    Returns
    -------
    ndarray
        One length per outcome.

    Raises
    ------
    ValueError
        If ``q`` is not one valid distribution or ``base`` is unusable.

    Examples
    --------
    >>> ideal_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1.0, 2.0, 3.0, 3.0]
    >>> ideal_code_lengths([1 / 6] * 6).round(2).tolist()[:2]
    [2.58, 2.58]
    """
    log = _log_fn(base)
    q = _as_distribution(q, "q", -1)
    if q.ndim != 1:
        raise ValueError("q must be one distribution (a 1-D sequence of probabilities)")
    with np.errstate(divide="ignore"):
        return -log(q) + 0.0


def code_lengths(p, base=2) -> np.ndarray:
    """Whole code lengths for a distribution whose probabilities are powers of ``1/base``.

    For such a (dyadic) distribution the ideal lengths ``-log_base p(x)`` are whole numbers, and
    a prefix code with exactly these lengths exists (:func:`prefix_code`).

    Raises
    ------
    ValueError
        If a probability is 0 or not a power of ``1/base``: its ideal length is not a whole
        number of digits (use :func:`ideal_code_lengths`).

    Examples
    --------
    >>> code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1, 2, 3, 3]
    >>> code_lengths([0.25] * 4).tolist()
    [2, 2, 2, 2]
    """
    lengths = ideal_code_lengths(p, base)
    if not np.all(np.isfinite(lengths)):
        raise ValueError(
            "an outcome with probability 0 gets no code word: its length would be infinite"
        )
    whole = np.round(lengths)
    if np.any(np.abs(lengths - whole) > _WHOLE):
        raise ValueError(
            f"the probabilities must be powers of 1/{base:g} for whole code lengths, "
            f"got lengths {np.round(lengths, 3).tolist()}"
        )
    return whole.astype(int)


def kraft_sum(lengths, base=2) -> float:
    """``sum_x base**-length(x)``: the share of all code words the lengths use up.

    At most 1 for a prefix code. A word of length L blocks every longer word that starts with it:
    ``base**-L`` of the code space.

    Examples
    --------
    >>> kraft_sum([1, 2, 3, 3])
    1.0
    >>> kraft_sum([1, 1, 2])
    1.25
    """
    lengths = _whole_lengths(lengths)
    return float(np.sum(float(base) ** -lengths.astype(float)))


def code_space(words, base=2) -> np.ndarray:
    """Each code word's share ``[start, start + base**-len)`` of the code space ``[0, 1)``.

    The sequences of digits that start with a word of length L are ``base**-L`` of them (Chris
    Olah's picture); the word read as a fraction ``0.w1 w2 ...`` is where its share starts. The
    shares of a prefix code do not overlap and fill the space when the Kraft sum is 1. Returns
    an array of shape (n, 2): ``start`` and ``width`` of each word's share. Raises ValueError
    for an empty word, a digit outside ``0 .. base - 1``, or a word that starts another.

    Examples
    --------
    >>> code_space(["0", "10", "110", "111"]).tolist()
    [[0.0, 0.5], [0.5, 0.25], [0.75, 0.125], [0.875, 0.125]]
    >>> code_space(["1", "01"]).tolist()
    [[0.5, 0.5], [0.25, 0.25]]
    """
    if isinstance(base, bool) or not isinstance(base, (int, np.integer)) or not 2 <= base <= 10:
        raise ValueError(f"base must be a whole number of digits from 2 to 10, got {base!r}")
    words = [str(w) for w in words]
    if not is_prefix_free(words):
        raise ValueError(f"the words {words} are not a prefix code: one is the start of another")
    out = np.empty((len(words), 2))
    for i, word in enumerate(words):
        if any(not c.isdigit() or int(c) >= base for c in word):
            raise ValueError(f"the word {word!r} has a digit that is not 0 to {base - 1}")
        out[i] = (
            sum(int(c) * float(base) ** -(k + 1) for k, c in enumerate(word)),
            float(base) ** -len(word),
        )
    return out


def canonical_code(lengths, base=2) -> list[str]:
    """Code words with the given lengths, none the start of another (the canonical prefix code).

    Words are handed out shortest first, each the next free word of its length, so equal
    lengths get consecutive words. Works whenever :func:`kraft_sum` is at most 1.

    Parameters
    ----------
    lengths : sequence of int
        A length (at least 1) per outcome.
    base : int, optional
        The number of digits (2: words of 0 and 1).

    Raises
    ------
    ValueError
        If a length is not a whole number >= 1, ``base`` is not 2 to 10, or the lengths need
        more than the whole code space (Kraft sum above 1): no prefix code has them.

    Examples
    --------
    >>> canonical_code([1, 2, 3, 3])
    ['0', '10', '110', '111']
    >>> canonical_code([2, 2, 2, 2])
    ['00', '01', '10', '11']
    >>> canonical_code([3, 1, 3, 2])
    ['110', '0', '111', '10']
    """
    if isinstance(base, bool) or not isinstance(base, (int, np.integer)) or not 2 <= base <= 10:
        raise ValueError(f"base must be a whole number of digits from 2 to 10, got {base!r}")
    lengths = _whole_lengths(lengths)
    if kraft_sum(lengths, base) > 1 + 1e-12:
        raise ValueError(
            f"no prefix code has lengths {lengths.tolist()}: they need "
            f"{kraft_sum(lengths, base):g} of the code space (at most 1)"
        )
    words = [""] * lengths.size
    value, previous = 0, int(lengths.min())
    for i in np.argsort(lengths, kind="stable"):
        length = int(lengths[i])
        value *= base ** (length - previous)
        digits = np.base_repr(value, base).zfill(length) if value else "0" * length
        words[i] = digits
        value, previous = value + 1, length
    return words


def prefix_code(p, base=2) -> list[str]:
    """The code words of a dyadic distribution: lengths ``-log_base p(x)``, none starting another.

    Examples
    --------
    >>> prefix_code([0.5, 0.25, 0.125, 0.125])
    ['0', '10', '110', '111']
    >>> prefix_code([0.125, 0.5, 0.125, 0.25])
    ['110', '0', '111', '10']
    """
    return canonical_code(code_lengths(p, base), base)


def is_prefix_free(words) -> bool:
    """Whether no word is the start of another (so a run of words can be cut apart in one way only).

    Examples
    --------
    >>> is_prefix_free(["0", "10", "110", "111"]), is_prefix_free(["0", "01", "11"])
    (True, False)
    """
    words = [str(w) for w in words]
    if not words or any(not w for w in words):
        raise ValueError("a code needs at least one word, and no word may be empty")
    ordered = sorted(words)
    return all(not b.startswith(a) for a, b in zip(ordered, ordered[1:]))


def average_length(p, lengths) -> float:
    """``sum_x P(x) * length(x)``: the average code length.

    It is the area of blocks P(x) wide and length(x) tall. With the lengths of P's own code it is
    the entropy ``H(P)``; with those of a code built for Q it is the cross-entropy ``H(P, Q)``. An
    infinite length where ``P(x) > 0`` gives ``inf``; where ``P(x) = 0`` it adds nothing.

    Examples
    --------
    >>> average_length([0.5, 0.25, 0.125, 0.125], [1, 2, 3, 3])
    1.75
    >>> average_length([0.5, 0.25, 0.125, 0.125], [2, 2, 2, 2])
    2.0
    """
    p = _as_distribution(p, "p", -1)
    arr = np.asarray(lengths, dtype=float)
    if p.ndim != 1 or arr.shape != p.shape:
        raise ValueError(f"need one length per outcome: p has shape {p.shape}, lengths {arr.shape}")
    if np.any(np.isnan(arr)) or np.any(arr < 0):
        raise ValueError("code lengths must be >= 0 (and not NaN)")
    with np.errstate(invalid="ignore"):
        terms = np.where(p > 0, p * arr, 0.0)
    return float(terms.sum())


def kl_contributions(p, q, base=2) -> np.ndarray:
    """Each outcome's term ``P(x) log(P(x) / Q(x))`` of ``D_KL(P || Q)``: the area it adds or saves.

    ``P(x)`` times the difference of its code lengths under Q's code and under P's: positive
    where Q gives the outcome less probability than P (a longer word), negative where more. The
    terms sum to ``kl_divergence(p, q)``, which is never negative, though single terms can be.
    Conventions as in :func:`~infotheory.kl_divergence`: 0 where ``P(x) = 0``, ``inf`` where
    ``P(x) > 0 = Q(x)``.

    Examples
    --------
    >>> kl_contributions([0.5, 0.25, 0.125, 0.125], [0.25] * 4).tolist()
    [0.5, 0.0, -0.125, -0.125]
    >>> kl_contributions([0.5, 0.5], [1.0, 0.0]).tolist()
    [-0.5, inf]
    """
    log = _log_fn(base)
    p, q = _pair(p, q, -1)
    p, q = np.broadcast_arrays(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((p > 0) & (q > 0), p / np.where(q > 0, q, 1.0), 1.0)
        return np.where(p > 0, np.where(q > 0, p * log(ratio), np.inf), 0.0) + 0.0


def jensen_points(p, q, base=2):
    """The points of Jensen's inequality behind ``D_KL(P || Q) >= 0``, to draw on the log curve.

    Each outcome with ``P(x) > 0`` gives the point ``(r, log r)`` on the concave curve, with
    ``r = Q(x) / P(x)``. Their P-weighted average lies on or under the curve (on a chord): its
    abscissa is ``sum_x Q(x)`` over the outcomes P allows (1 when Q gives P's impossible
    outcomes nothing), where the curve is at most ``log 1 = 0``; its ordinate is ``-D_KL(P || Q)``.

    Returns
    -------
    ratios, logs, weights : ndarray
        ``r``, ``log r`` and ``P(x)`` of the outcomes with ``P(x) > 0``.
    mean : tuple of float
        The weighted average point ``(sum P r, sum P log r)``.

    Raises
    ------
    ValueError
        For invalid distributions, or an outcome with ``P(x) > 0 = Q(x)`` (its point is at
        ``log 0``: the divergence is infinite).

    Examples
    --------
    >>> r, logs, w, mean = jensen_points([0.5, 0.25, 0.25], [0.25, 0.5, 0.25])
    >>> r.tolist(), logs.tolist(), mean
    ([0.5, 2.0, 1.0], [-1.0, 1.0, 0.0], (1.0, -0.25))
    """
    log = _log_fn(base)
    p, q = _pair(p, q, -1)
    if p.ndim != 1 or q.ndim != 1:
        raise ValueError("p and q must be single distributions (1-D)")
    keep = p > 0
    if np.any(q[keep] == 0):
        raise ValueError(
            "Q gives probability 0 to an outcome P allows: its point is at log 0 (infinite "
            "divergence)"
        )
    weights, ratios = p[keep], q[keep] / p[keep]
    logs = log(ratios) + 0.0
    return ratios, logs, weights, (float(weights @ ratios), float(weights @ logs))


def _whole_lengths(lengths) -> np.ndarray:
    arr = _as_float_array(lengths, "lengths")
    if arr.ndim != 1:
        raise ValueError("lengths must be a 1-D sequence, one per outcome")
    if np.any(arr < 1) or np.any(arr != np.round(arr)):
        raise ValueError(f"code lengths must be whole numbers >= 1, got {arr.tolist()}")
    return arr.astype(int)
