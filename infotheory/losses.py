"""Cross-entropy beside squared error, for a model whose probabilities come from a softmax.

"Why not squared error?" Both losses are smallest when the prediction Q equals the label P,
but they differ where it matters for learning:

* **the charge**: cross-entropy charges ``-log Q(true)``, without bound as a confident
  prediction turns out wrong; squared error ``sum_k (Q_k - P_k)^2`` never charges more than 2;
* **the push**: through a softmax, cross-entropy's gradient on the scores is ``Q - P`` (in
  nats; divided by ``ln 2`` in bits), large exactly when the prediction is badly wrong;
  squared error's gradient passes through the softmax's slope as well, which is nearly zero
  when the prediction is saturated (Q near 0 or 1), so a confidently wrong model barely moves.
"""

from __future__ import annotations

import math

import numpy as np

from .core import _as_distribution, _as_float_array, _log_fn, _pair
from .learning import softmax

__all__ = ["squared_error", "logit_gradient", "truth_push", "LOSSES"]

#: the losses :func:`logit_gradient` knows
LOSSES = ("cross_entropy", "squared_error")


def squared_error(p, q, axis=-1):
    """``sum_k (q_k - p_k)^2`` along ``axis``: the Brier score of forecast ``q`` for outcome ``p``.

    At most 2 for two distributions (reached when each puts everything on a different outcome).

    Examples
    --------
    >>> round(float(squared_error([1, 0], [0.01, 0.99])), 4)       # confidently wrong
    1.9602
    >>> float(squared_error([0, 1, 0], [0, 1, 0]))
    0.0
    """
    p, q = _pair(p, q, axis)
    return np.sum((q - p) ** 2, axis=axis)


def logit_gradient(p, logits, loss: str = "cross_entropy", base=2):
    """The gradient of ``loss(p, softmax(logits))`` with respect to the logits (scores).

    The outcomes lie along the last axis.

    Parameters
    ----------
    p : array_like
        The target distribution (a one-hot label, or any distribution).
    logits : array_like
        The model's scores; its prediction is ``Q = softmax(logits)``.
    loss : {"cross_entropy", "squared_error"}
        ``cross_entropy`` is ``H(P, Q)`` in units of ``base`` (bits by default): its gradient is
        ``(Q - P) / ln(base)``. ``squared_error`` is :func:`squared_error`: its gradient is
        ``J (2 (Q - P))`` with ``J = diag(Q) - Q Q^T`` the softmax's slope (Jacobian).
    base : float
        The log base of the cross-entropy (ignored for squared error).

    Examples
    --------
    Two classes, the true one first, a prediction that gives it only 1 %:

    >>> z = np.log([0.01, 0.99])
    >>> [round(float(g), 4) for g in logit_gradient([1, 0], z, base=math.e)]     # Q - P
    [-0.99, 0.99]
    >>> squared = logit_gradient([1, 0], z, "squared_error")
    >>> [round(float(g), 4) for g in squared]  # fades: 4 Q(1-Q) (Q - P)
    [-0.0392, 0.0392]
    """
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    p = _as_distribution(p, "p", -1)
    z = _as_float_array(logits, "logits")
    if z.shape[-1] != p.shape[-1]:
        raise ValueError(f"p has {p.shape[-1]} outcomes, logits has {z.shape[-1]}; they must match")
    q = softmax(z)
    diff = q - p
    if loss == "cross_entropy":
        _log_fn(base)  # validates the base
        return diff / math.log(float(base))
    d = 2 * diff  # d(squared error)/dQ
    return q * (d - np.sum(q * d, axis=-1, keepdims=True))


def truth_push(q, loss: str = "cross_entropy", base=2):
    """How hard ``loss`` pushes the true outcome's score up, ``|dL / dz_true|``, for two outcomes.

    A formula of ``q``, the probability the softmax gives the true outcome (element-wise over
    arrays). The label is one-hot, so ``Q(true) - P(true) = q - 1`` and the softmax's slope is
    ``dq / dz_true = q (1 - q)``:

    * cross-entropy ``-log q``: ``|dL/dz_true| = (1 - q) / ln(base)``, largest (``1 / ln base``)
      when the model is most wrong;
    * squared error ``(q - 1)^2 + (1 - q)^2 = 2 (1 - q)^2``: ``dL/dq = -4 (1 - q)``, times the
      slope: ``|dL/dz_true| = 4 q (1 - q)^2``, which vanishes as ``q`` goes to 0.

    The same as the first entry of :func:`logit_gradient` (up to its sign), written out.

    Examples
    --------
    >>> round(float(truth_push(0.01)), 4), round(float(truth_push(0.01, "squared_error")), 4)
    (1.4283, 0.0392)
    >>> float(truth_push(0.5, base=math.e)), float(truth_push(0.5, "squared_error"))
    (0.5, 0.5)
    """
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    q = _as_float_array(q, "q")
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q is a probability: it must lie in [0, 1]")
    if loss == "cross_entropy":
        _log_fn(base)  # validates the base
        return (1 - q) / math.log(float(base))
    return 4 * q * (1 - q) ** 2
