"""Whole numbers in Chinese numerals: for the narration as spoken and for text on screen.

>>> number_to_chinese(2024), zh_count(2)
('二千零二十四', '两')
"""

from __future__ import annotations

import re

__all__ = ["DIGITS", "number_to_chinese", "zh_count"]

DIGITS = "零一二三四五六七八九"
_UNITS = ["", "十", "百", "千"]


def _below_10000(n: int) -> str:
    s, zero = "", False
    for pos in (3, 2, 1, 0):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(s)
            continue
        if zero:
            s += "零"
            zero = False
        s += DIGITS[d] + _UNITS[pos]
    return s


def zh_count(n: int) -> str:
    """A whole number before a measure word: 两 for 2 (两个, 两面), else :func:`number_to_chinese`.

    >>> zh_count(2), zh_count(3), zh_count(5)
    ('两', '三', '五')
    """
    return "两" if n == 2 else number_to_chinese(n)


def number_to_chinese(n: int) -> str:
    """Read a whole number in Mandarin.

    >>> [number_to_chinese(x) for x in (0, 10, 15, 80, 105, 2024, 10000, -1)]
    ['零', '十', '十五', '八十', '一百零五', '二千零二十四', '一万', '负一']
    """
    if n < 0:
        return "负" + number_to_chinese(-n)
    if n == 0:
        return "零"
    parts, big = [], ["", "万", "亿"]
    i = 0
    while n > 0:
        chunk = n % 10000
        if chunk:
            parts.append(_below_10000(chunk) + big[i])
        elif parts and not parts[-1].startswith("零"):
            parts.append("零")
        n //= 10000
        i += 1
    s = "".join(reversed(parts)).rstrip("零")
    s = re.sub("零+", "零", s)
    if s.startswith("一十"):
        s = s[1:]
    return s
