"""Figures and equations as a scene writes them, on screen and in the narration.

Examples: ``2.32 比特``, ``0.36 nats``.

The Chinese numerals (:func:`number_to_chinese`, :func:`zh_count`) are here for scene files too;
they live in :mod:`scenes.common.numerals`, which the speech pipeline also reads numbers with.
"""

from __future__ import annotations

import math

from ..common.numerals import number_to_chinese, zh_count

__all__ = [
    "number_to_chinese",
    "zh_count",
    "fmt_num",
    "shown_equation",
    "bits",
    "nats",
    "en_num",
    "en_bits",
    "en_nats",
]


def fmt_num(x: float, digits: int = 2) -> str:
    """Format a figure for narration and screen alike (``inf`` becomes 无穷大).

    >>> fmt_num(2.0), fmt_num(1.3609640474), fmt_num(float("inf"))
    ('2.00', '1.36', '无穷大')
    """
    if math.isinf(x):
        return "无穷大" if x > 0 else "负无穷大"
    return f"{x:.{digits}f}"


def shown_equation(parts, combine, result: float, digits: int = 2, max_digits: int = 3):
    """Strings for an equation shown on screen or said aloud, so that it is true *as displayed*.

    ``combine`` computes the result from the parts (``sum``, ``lambda xs: 10 * xs[0]``, ...).
    The parts are shown with ``digits`` decimals, or more (up to ``max_digits``) when that makes
    the displayed arithmetic come out to the displayed result; when no precision does, the
    relation is ``≈`` instead of ``=``. Returns ``(part strings, relation, result string)``.

    >>> shown_equation([2.5849625], lambda xs: 10 * xs[0], 25.849625)   # not 10 x 2.58 = 25.85
    (['2.585'], '=', '25.85')
    >>> parts, rel, total = shown_equation([1.2924813] + [0.2584963] * 5, sum, 2.5849625)
    >>> parts[:2], rel, total                                           # not 1.29 + 5 x 0.26 = 2.58
    (['1.29', '0.26'], '≈', '2.58')
    >>> shown_equation([0.5, 0.25], sum, 0.75)
    (['0.50', '0.25'], '=', '0.75')
    """
    parts = [float(p) for p in parts]
    for d in range(digits, max_digits + 1):
        if round(combine([round(p, d) for p in parts]), d) == round(float(result), d):
            total = fmt_num(result, d)
            while total.endswith("0") and len(total.split(".")[1]) > digits:  # 25.850 -> 25.85
                total = total[:-1]
            return [fmt_num(p, d) for p in parts], "=", total
    return [fmt_num(p, digits) for p in parts], "≈", fmt_num(result, digits)


def bits(x: float) -> str:
    """A figure with its unit, as the narration and the screen say it: ``2.58 比特``."""
    return f"{fmt_num(x)} 比特"


def nats(x: float) -> str:
    """A natural-log figure with its unit: ``0.36 奈特``."""
    return f"{fmt_num(x)} 奈特"


def en_num(x: float, digits: int = 2) -> str:
    """:func:`fmt_num` for the English subtitles: the same digits, ``infinity`` for ``inf``.

    >>> en_num(1.3609640474), en_num(float("inf"))
    ('1.36', 'infinity')
    """
    if math.isinf(x):
        return "infinity" if x > 0 else "minus infinity"
    return fmt_num(x, digits)


def en_bits(x: float) -> str:
    """:func:`bits` in English: ``2.58 bits`` (the same digits as the Chinese)."""
    return f"{en_num(x)} bits"


def en_nats(x: float) -> str:
    """:func:`nats` in English: ``0.36 nats``."""
    return f"{en_num(x)} nats"
