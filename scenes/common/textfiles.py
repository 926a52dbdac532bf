"""Reading the plain files a teacher edits by hand (standard library only).

The example settings (:mod:`scenes.kit.examples`) and the pronunciation lexicon
(:mod:`scenes.speech.pronounce`) are TOML files typed in whatever editor is at hand. The usual
slips get a message that says what to do instead of a decoder's traceback:

- a file saved as GBK (Chinese Windows) or UTF-16 (Notepad's "Unicode") instead of UTF-8;
  a UTF-8 byte-order mark, which Notepad writes, is simply accepted;
- full-width digits and punctuation typed with a Chinese input method (``rain = ０.８``,
  ``＝``, ``“…”``, ``，``): named, with the half-width characters to write instead;
- the same key (or table) twice: both lines named.

The callers turn :class:`NotUtf8` and the descriptions into their own error classes, with
the file's name in front.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "NotUtf8",
    "Duplicate",
    "read_text",
    "error_line",
    "describe_toml_error",
    "duplicate",
    "fullwidth_hint",
]

HOW_TO_SAVE = (
    "save it as UTF-8: in Notepad, File → Save As… → Encoding: UTF-8; in VS Code, click the "
    "encoding in the status bar → Save with Encoding → UTF-8"
)
#: Chinese punctuation a settings file cannot use, with the character to write instead
_CJK_PUNCT = {
    "，": ",",
    "。": ".",
    "、": ",",
    "；": ";",
    "：": ":",
    "？": "?",
    "！": "!",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "（": "(",
    "）": ")",
    "【": "[",
    "】": "]",
    "《": "<",
    "》": ">",
    "「": '"',
    "」": '"',
    "\u3000": " ",
}
#: the full-width digits, letters and full stop: a number typed with them is shown on its own
_FULL_ALNUM = {
    chr(c)
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
} | {"．"}
_AT = re.compile(r"at line (\d+), column (\d+)")
_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


class NotUtf8(ValueError):
    """Not UTF-8 text: the message says what the file looks like and how to save it as UTF-8."""


def read_text(path: Path | str) -> str:
    r"""The text of ``path``: UTF-8, with or without a byte-order mark.

    Anything else raises :class:`NotUtf8`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "a.toml"
    ...     _ = p.write_bytes(b"\xef\xbb\xbfrain = 0.8")
    ...     read_text(p)
    'rain = 0.8'
    """
    raw = Path(path).read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotUtf8(
            f'the file is saved as UTF-16 (Notepad calls it "Unicode"), not UTF-8; {HOW_TO_SAVE}'
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotUtf8(
            f"the file is not UTF-8 text (line {line} has bytes that UTF-8 does not allow"
            f"{_looks_like(raw)}); {HOW_TO_SAVE}"
        ) from None


def _looks_like(raw: bytes) -> str:
    for encoding in ("gbk", "gb18030"):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return ": it looks like GBK, the encoding of Chinese Windows"
    return ""


def error_line(text: str, message: str) -> tuple[int, str] | None:
    """(number, text) of the line a TOML error message points at ("… (at line 2, column 8)")."""
    m = _AT.search(message)
    if not m:
        return None
    n = int(m[1])
    lines = text.splitlines()
    return n, (lines[n - 1] if 0 < n <= len(lines) else "")


def describe_toml_error(text: str, message: str) -> str:
    r"""What is wrong, for a person: the line, its text and what to write for full-width characters.

    >>> text = "[forecast]\nrain = ０.８\n"
    >>> describe_toml_error(text, "Invalid value (at line 2, column 8)").split(" — ")[0]
    'line 2:  rain = ０.８ '
    >>> "write 0.8, not ０.８" in describe_toml_error(text, "Invalid value (at line 2, column 8)")
    True
    """
    where = error_line(text, message)
    if where is None:
        return message
    n, line = where
    shown = line[: _scan(line)[1]].strip() or line.strip()
    return f"line {n}:  {shown}  — {fullwidth_hint(line) or message}"


def _scan(line: str) -> tuple[list[int], int]:
    """Positions of the characters of ``line`` outside straight-quoted strings.

    Also where its comment starts.
    """
    out, quote = [], None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return out, i
        else:
            out.append(i)
    return out, len(line)


def _half(ch: str) -> str | None:
    if "\uff01" <= ch <= "\uff5e":  # the full-width forms of ASCII ! … ~
        return chr(ord(ch) - 0xFEE0)
    return _CJK_PUNCT.get(ch)


def fullwidth_hint(line: str) -> str:
    """What to write instead of the full-width characters of ``line`` ("" when it has none).

    Text inside straight quotes and comments is left alone: Chinese there is fine.

    >>> fullwidth_hint('rain = ０．８  # 八成').split(": ")[1]
    'write 0.8, not ０．８ (type values with the input method in half-width / English mode)'
    >>> hint = fullwidth_hint('loaded = [0.5， 0.1]  # 一点，其余').split(": ")[1]
    >>> print(hint)  # doctest: +NORMALIZE_WHITESPACE
    write loaded = [0.5, 0.1], not loaded = [0.5， 0.1] (type values with the input method in
    half-width / English mode)
    >>> fullwidth_hint('flips = "正，反"')
    ''
    """
    bad = [i for i in _scan(line)[0] if _half(line[i])]
    if not bad:
        return ""
    chars = " ".join(dict.fromkeys(line[i] for i in bad))
    words = [m for m in re.finditer(r"\S+", line) if any(m.start() <= i < m.end() for i in bad)]
    # a number or a sign on its own ("０.８", "＝"); a line without its comment where punctuation is
    # involved ("[0.7， 0.2]" would read badly cut at the comma)
    one = (len(words) == 1 and all(line[i] in _FULL_ALNUM for i in bad)) or [
        m[0] for m in words
    ] == [line[bad[0]]]
    start, end = (words[0].start(), words[0].end()) if one else (0, _scan(line)[1])
    good = "".join(_half(ch) if i in bad else ch for i, ch in enumerate(line[start:end], start))
    return (
        f"it uses full-width characters ({chars}), which a settings file does not accept: write "
        f"{good.strip()}, not {line[start:end].strip()} (type values with the input method in "
        "half-width / English mode)"
    )


@dataclass(frozen=True)
class Duplicate:
    """A key (or, with ``table`` true, a table header) written twice: its name and both lines."""

    name: str
    first: int
    second: int
    table: bool = False
    within: str = ""  # the table the key is in ("" at the top)


def duplicate(text: str) -> Duplicate | None:
    r"""The first key or table header that appears a second time in the same place, if any.

    >>> duplicate('[words]\n"似然" = "si4 ran2"\nP = "pi4"\n似然2 = 1\n"似然" = "si4 ran2"\n')
    Duplicate(name='似然', first=2, second=5, table=False, within='words')
    """
    seen: dict[tuple[str, str], int] = {}
    table = ""
    for n, line in enumerate(text.splitlines(), 1):
        if m := _HEADER.match(line):
            table = m[1]
            place = ("[]", table)
        elif m := _KEY.match(line):
            key = m[1][1:-1] if m[1][0] in "\"'" else m[1]
            place = (table, key)
        else:
            continue
        if place in seen:
            header = place[0] == "[]"
            return Duplicate(place[1], seen[place], n, header, "" if header else table)
        seen[place] = n
    return None
