"""How a narration is said and subtitled: speakable numbers, subtitle cues, length estimates.

No manim import here, so these are cheap to test and to use from the command line.
"""

from __future__ import annotations

import re

from ..common.numerals import DIGITS, number_to_chinese

__all__ = [
    "SENTENCE_PUNCT",
    "CLAUSE_PUNCT",
    "MAX_CUE_CHARS",
    "split_cues",
    "spoken_length",
    "estimate_seconds",
    "speakable",
]

#: Punctuation after which a subtitle line may break (sentence first, then clause).
SENTENCE_PUNCT = "。！？!?；;"
CLAUSE_PUNCT = SENTENCE_PUNCT + "，,、：:"
#: Longest subtitle line, in characters (CJK characters count 1, as do ASCII ones).
MAX_CUE_CHARS = 22

_CLOSERS = "”’」』）)》】"


def _pieces(text: str, punct: str) -> list[str]:
    """Split after each character of ``punct`` (keeping it and any closing quote/bracket)."""
    out, cur, i = [], "", 0
    while i < len(text):
        ch = text[i]
        cur += ch
        i += 1
        if ch in punct:
            while i < len(text) and text[i] in _CLOSERS:
                cur += text[i]
                i += 1
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return [p for p in (s.strip() for s in out) if p]


def _hard_wrap(piece: str, limit: int) -> list[str]:
    """Cut a clause without usable punctuation into chunks of at most ``limit`` characters.

    Never inside an ASCII word or number.
    """
    tokens = re.findall(r"[A-Za-z0-9_.%/+\-−×·=()]+|\s+|.", piece)
    lines, cur = [], ""
    for tok in tokens:
        if len(cur) + len(tok.strip() or tok) > limit and cur.strip():
            lines.append(cur.strip())
            cur = ""
        cur += tok
    if cur.strip():
        lines.append(cur.strip())
    return lines


def split_cues(text: str, max_chars: int = MAX_CUE_CHARS) -> list[str]:
    """Split narration into subtitle lines for Chinese.

    Every sentence (ending in 。！？；) starts a new line. A sentence longer than
    ``max_chars`` characters is broken at clause punctuation (，、：), and short neighbouring
    clauses of that sentence are joined back up to that length. Spaces are never used as
    break points except inside an over-long clause that has no punctuation at all.

    >>> split_cues("今天下雨吗？不下。")
    ['今天下雨吗？', '不下。']
    >>> split_cues("甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉戌亥，一二三四五。")
    ['甲乙丙丁戊己庚辛壬癸，', '子丑寅卯辰巳午未申酉戌亥，一二三四五。']
    """
    text = " ".join(text.split())
    if not text:
        return []
    cues: list[str] = []
    for sentence in _pieces(text, SENTENCE_PUNCT):
        if len(sentence) <= max_chars:
            cues.append(sentence)
            continue
        lines: list[str] = []
        for clause in _pieces(sentence, CLAUSE_PUNCT):
            for chunk in [clause] if len(clause) <= max_chars else _hard_wrap(clause, max_chars):
                if lines and len(lines[-1]) + len(chunk) <= max_chars:
                    lines[-1] += chunk
                else:
                    lines.append(chunk)
        cues.extend(lines)
    return cues


def spoken_length(text: str) -> float:
    """A length measure proportional to speaking time.

    One unit per CJK character, per spoken syllable of a number, about one per Latin letter
    pair, plus a pause weight for punctuation.

    >>> spoken_length("你好。")
    2.5
    """
    total = 0.0
    for ch in speakable(text):
        if "\u4e00" <= ch <= "\u9fff":
            total += 1.0
        elif ch.isalnum() or ch in SENTENCE_PUNCT:
            total += 0.5
        elif ch in CLAUSE_PUNCT:
            total += 0.3
    return total


def estimate_seconds(text: str, chars_per_second: float) -> float:
    """Estimated reading time of ``text`` at ``chars_per_second`` (Chinese characters)."""
    if chars_per_second <= 0:
        raise ValueError(f"chars_per_second must be > 0, got {chars_per_second}")
    return spoken_length(text) / chars_per_second


# --- speakable numbers ------------------------------------------------------------------


def _decimal(m: re.Match) -> str:
    """A number as a narrator says it: trailing zeros of the fraction are not spoken."""
    sign = "负" if m.group(1) else ""
    whole, frac = m.group(2), (m.group(3) or "").rstrip("0")
    s = sign + number_to_chinese(int(whole))
    if frac:
        s += "点" + "".join(DIGITS[int(d)] for d in frac)
    return s


_FULLWIDTH = str.maketrans("０１２３４５６７８９％／．－", "0123456789%/.-")
_NUM = r"([-−])?(\d+)(?:\.(\d+))?"


#: symbols read in Chinese (Latin letters are read by the pronunciation lexicon)
_SYMBOLS = {"θ": "西塔", "∞": "无穷大", "≈": "约等于", "≠": "不等于", "×": "乘以"}


def speakable(text: str) -> str:
    """Rewrite ``text`` the way a Mandarin narrator reads it aloud; the subtitles keep the text.

    Numbers become Chinese numerals without trailing zeros (0.70 -> 零点七, 1.00 -> 一),
    percentages and fractions are read as such, ``log`` becomes 对数 wording, θ is 西塔, and a
    function of letters such as ``H(P, Q)`` or ``D(P‖Q)`` is read as its letters without a
    pause (the letters themselves are read by the pronunciation lexicon).

    >>> speakable("降雨概率80%，约2.09比特，1/6，-1点")
    '降雨概率百分之八十，约二点零九比特，六分之一，负一点'
    >>> speakable("0.70、4.20、0.00、1.00 和 1/N")
    '零点七、四点二、零、一 和 N分之一'
    >>> speakable("log 二、6 比特；log 一；log 单调")
    '以二为底、六的对数 比特；一的对数；对数 单调'
    >>> speakable("H(P, Q) 和 H(P)，D(P‖Q)，θ=0.7")
    'H P Q 和 H P，D P Q，西塔等于零点七'
    """
    text = text.translate(_FULLWIDTH)
    text = re.sub(_NUM + r"\s*%", lambda m: "百分之" + _decimal(m), text)
    text = re.sub(
        r"(\d+)\s*/\s*(\d+)",
        lambda m: number_to_chinese(int(m.group(2))) + "分之" + number_to_chinese(int(m.group(1))),
        text,
    )
    text = re.sub(
        r"(\d+)\s*/\s*([A-Za-z])\b",
        lambda m: m.group(2) + "分之" + number_to_chinese(int(m.group(1))),
        text,
    )
    text = re.sub(r"(?<![A-Za-z0-9_.])" + _NUM, _decimal, text)
    # log base, argument: 以二为底、六的对数; log x: x的对数; any other log: 对数
    text = re.sub(
        r"\blog\s*([二十]|e)\s*[、，,]\s*([零一二三四五六七八九十百点]+|[A-Za-z](?![A-Za-z]))",
        lambda m: f"以{m.group(1)}为底、{m.group(2)}的对数",
        text,
    )
    text = re.sub(r"\blog\s*([零一二三四五六七八九十百点]+)", r"\1的对数", text)
    text = re.sub(r"\blog\b", "对数", text)
    # H(P, Q), H(P), D(P‖Q): the letters, no pause
    text = re.sub(
        r"\b([A-Za-z]+)\(\s*([A-Za-z])\s*(?:[,，‖|]\s*([A-Za-z])\s*)?\)",
        lambda m: " ".join(g for g in m.groups() if g),
        text,
    )
    for symbol, spoken in _SYMBOLS.items():
        text = text.replace(symbol, spoken)
    text = re.sub(r"\s*=\s*", "等于", text)
    return text
