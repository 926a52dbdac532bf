"""Mandarin text -> Kokoro phonemes, with the pronunciation lexicon an educator can edit.

The lexicon is ``assets/pronunciation.toml`` (or ``EXPLAINER_LEXICON``): a ``[words]`` table
mapping a word to its pinyin with tone numbers (``数一数 = "shu3 yi4 shu3"``), a Latin symbol to
the syllables that say it (``P = "pi4"``), or a foreign word to IPA between slashes. Entries
are checked when the lexicon is loaded; a malformed one raises :class:`LexiconError` naming
the entry and the rule it breaks.

The reading itself: pinyin from ``pypinyin`` (phrase-aware), the tone changes of 一 that it
leaves out, word boundaries from ``jieba``, and misaki's pinyin -> IPA table
(``misaki.zh.ZHG2P.py2ipa``), which is the phoneme set Kokoro-82M v1.0 was trained on.
The heavy imports happen on first use, not at import.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..paths import ASSETS

__all__ = ["LEXICON_PATH", "LexiconError", "Lexicon", "load_lexicon", "phonemize", "sentences"]

LEXICON_PATH = ASSETS / "pronunciation.toml"
VOCAB_PATH = ASSETS / "kokoro" / "vocab.json"

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SYLLABLE = re.compile(r"^[a-zü]+[1-5]$")
#: characters next to which 一 is read as a digit (yi1) rather than changing its tone
_NUMERAL = set("零〇一二三四五六七八九十两点第")
_DIGIT_CHARS = set("零〇一二三四五六七八九点")
#: where the narration is cut into pieces for the model: after these, a sentence ends
SENTENCE_END = "。！？；!?;"


class LexiconError(ValueError):
    """A pronunciation entry that cannot be used; the message names the entry and the rule."""

    plain = True  # its message names where and what to do (scenes.common.errors)


@functools.lru_cache(maxsize=1)
def vocab() -> dict[str, int]:
    """Kokoro's phoneme -> token id table."""
    return json.loads(VOCAB_PATH.read_text(encoding="utf-8"))["vocab"]


def _py2ipa(syllable: str) -> str:
    from misaki.zh import ZHG2P

    # misaki's IPA marks non-syllabic vowels with U+032F, which the model does not know
    return ZHG2P.py2ipa(syllable).replace("\u032f", "")


@dataclass(frozen=True)
class Lexicon:
    """Checked lexicon entries: word -> phonemes, and the file they came from."""

    entries: tuple[tuple[str, str], ...]
    source: str = ""

    @functools.cached_property
    def words(self) -> dict[str, str]:
        return dict(self.entries)

    @functools.cached_property
    def digest(self) -> str:
        """Changes whenever any entry's reading changes (part of the voice cache key)."""
        return hashlib.sha256(json.dumps(self.entries, ensure_ascii=False).encode()).hexdigest()[
            :16
        ]


def _entry_phonemes(word: str, value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(
            f'{where}: entry {word!r} must be a quoted pinyin string such as "shu3 yi4 shu3"'
        )
    value = value.strip()
    if value.startswith("/") and value.endswith("/") and len(value) > 2:
        ipa = value[1:-1]
        unknown = sorted({c for c in ipa if c not in vocab()})
        if unknown:
            raise LexiconError(
                f"{where}: entry {word!r}: the IPA {value} uses sounds the voice does not know: "
                f"{' '.join(unknown)}"
            )
        return ipa
    syllables = value.split()
    for s in syllables:
        if not _SYLLABLE.match(s):
            raise LexiconError(
                f"{where}: entry {word!r}: {s!r} is not a pinyin syllable with a tone number "
                '(letters, then 1-5, e.g. "shu3"; use 5 for the neutral tone)'
            )
        try:
            _py2ipa(s)
        except ValueError:
            raise LexiconError(
                f"{where}: entry {word!r}: {s!r} is not a Mandarin syllable"
            ) from None
    han = _HAN.findall(word)
    if han and len(han) != len(word):
        raise LexiconError(
            f"{where}: entry {word!r} mixes Chinese characters with other characters"
        )
    if han and len(syllables) != len(han):
        raise LexiconError(
            f"{where}: entry {word!r} has {len(han)} characters but {len(syllables)} syllables: "
            "give one syllable per character"
        )
    if not han and not re.fullmatch(r"[A-Za-z]+", word):
        raise LexiconError(f"{where}: entry {word!r} must be Chinese characters or Latin letters")
    return " ".join(_py2ipa(s) for s in syllables)


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and check a pronunciation file (default: ``assets/pronunciation.toml``)."""
    from ..common.textfiles import NotUtf8, describe_toml_error, duplicate, error_line, read_text

    path = Path(path) if path else LEXICON_PATH
    if not path.is_file():
        raise LexiconError(f"pronunciation lexicon {path} does not exist")
    try:
        text = read_text(path)  # UTF-8, a byte-order mark (Notepad) allowed
    except NotUtf8 as exc:
        raise LexiconError(f"{path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        twice, where = duplicate(text), error_line(text, str(exc))
        if twice and where and twice.second == where[0]:
            name = f"table [{twice.name}]" if twice.table else f'entry "{twice.name}"'
            raise LexiconError(
                f"{path}: duplicate {name} on lines {twice.first} and {twice.second}: keep one"
            ) from None
        raise LexiconError(
            f"{path}: not valid TOML, {describe_toml_error(text, str(exc))}; each line reads  "
            '"词语" = "ci2 yu3"  with the word in double quotes'
        ) from None
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise LexiconError(f'{path}: [words] must be a table of  word = "pinyin"  lines')
    unknown = set(data) - {"words"}
    if unknown:
        raise LexiconError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; put entries under [words]"
        )
    entries = tuple((w, _entry_phonemes(w, v, str(path))) for w, v in words.items())
    return Lexicon(entries, str(path))


# --- reading ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _tokenizer(words: tuple[str, ...]):
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for w in words:
        tok.add_word(w, freq=10**6)  # lexicon words are never cut apart
    return tok


def _tone(s: str) -> str:
    return s[-1] if s and s[-1].isdigit() else "5"


def _yi_sandhi(chars: str, syllables: list[str], fixed: set[int]) -> None:
    """一 is yi2 before a fourth tone and yi4 before the others, unless it is a digit."""
    for i, ch in enumerate(chars):
        if ch != "一" or i in fixed or i + 1 >= len(chars):
            continue
        prev = chars[i - 1] if i else ""
        if prev in _NUMERAL or chars[i + 1] in _NUMERAL:
            syllables[i] = "yi1"
            continue
        syllables[i] = "yi2" if _tone(syllables[i + 1]) == "4" else "yi4"


def _han_run(run: str, lexicon: Lexicon) -> str:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
    ipa: dict[int, str] = {}
    fixed: set[int] = set()
    # lexicon words override by position, longest first
    for word in sorted((w for w in lexicon.words if _HAN.match(w)), key=len, reverse=True):
        for m in re.finditer(re.escape(word), run):
            span = range(m.start(), m.end())
            if fixed.intersection(span):
                continue
            ipa.update(zip(span, lexicon.words[word].split(" ")))
            fixed.update(span)
    _yi_sandhi(run, syllables, fixed)
    words = []
    for word in _tokenizer(tuple(w for w in lexicon.words if _HAN.match(w))).lcut(run, HMM=False):
        # a run of digits (零点三五) is said digit by digit; joined, the model slurs them
        words += list(word) if len(word) > 1 and set(word) <= _DIGIT_CHARS else [word]
    out, pos = [], 0
    for word in words:
        out.append(
            "".join(ipa.get(i) or _py2ipa(syllables[i]) for i in range(pos, pos + len(word)))
        )
        pos += len(word)
    return " ".join(out)


def _latin(word: str, lexicon: Lexicon) -> str:
    if word in lexicon.words:
        return lexicon.words[word]
    if word.upper() in lexicon.words and len(word) == 1:
        return lexicon.words[word.upper()]
    letters = [lexicon.words.get(c.upper()) for c in word]
    if word.isupper() and all(letters):
        return " ".join(letters)  # spell an abbreviation letter by letter: KL -> K L
    return word.lower()  # unknown word: the model reads the letters as sounds


def phonemize(text: str, lexicon: Lexicon) -> str:
    """The Kokoro phoneme string for one piece of speakable Mandarin text.

    >>> from scenes.speech.pronounce import Lexicon
    >>> phonemize("一样的P。", Lexicon((("P", "pʰi↘"),)))
    'i↗ja↘ŋ tɤ pʰi↘.'
    >>> phonemize("零点三五", Lexicon(()))  # digits stay apart: not "sanu"
    'li↗ŋ tjɛ↓n sa→n u↓'
    """
    from misaki.zh import ZHG2P

    text = ZHG2P.map_punctuation(text)
    parts = []
    for han, latin, other in re.findall(
        r"([\u4e00-\u9fff]+)|([A-Za-z]+)|([^\u4e00-\u9fffA-Za-z]+)", text
    ):
        if han:
            parts.append(_han_run(han, lexicon))
        elif latin:
            parts.append(_latin(latin, lexicon))
        else:
            parts.append(other)
    out = ""
    for p in parts:  # a space between words, none before punctuation
        if (
            out
            and not out.endswith(" ")
            and p
            and p[0] not in " ,.!?;:)”"
            and not out.endswith(("(", "“"))
        ):
            out += " "
        out += p
    out = re.sub(r"\s+", " ", out).strip()
    return "".join(c for c in out if c in vocab())


def sentences(text: str, limit: int = 120, *, open_end: bool = False) -> list[str]:
    """Cut narration into pieces the model can take, each ending in punctuation.

    A piece is a sentence; one longer than ``limit`` characters is cut at commas. Every piece
    ends in 。, ！ or ？ (the model drops the last syllable of a piece that does not).

    With ``open_end`` the last piece keeps its end as written: the text goes on in the same
    model call (it is one piece of a beat cut at a word anchor).

    >>> sentences("你好，世界！再见；明天")
    ['你好，世界！', '再见。', '明天。']
    >>> sentences("再见；先看左边，", open_end=True)
    ['再见。', '先看左边，']
    """
    pieces, cur = [], ""
    for ch in text:
        cur += ch
        if ch in SENTENCE_END:
            pieces.append(cur)
            cur = ""
    if cur.strip():
        pieces.append(cur)
    out = []
    for p in (p.strip() for p in pieces):
        if not p:
            continue
        while len(p) > limit:
            cut = max(p.rfind(c, 0, limit) for c in "，,、：:")
            if cut <= 0:
                break
            out.append(p[: cut + 1])
            p = p[cut + 1 :].strip()
        out.append(p)
    out = [p for p in out if p]
    closed = [close_sentence(p) for p in out]
    return closed[:-1] + out[-1:] if open_end else closed


def close_sentence(text: str) -> str:
    """``text`` ending in 。, ！ or ？ (a trailing comma, colon or semicolon becomes 。).

    >>> close_sentence("先看左边，"), close_sentence("好吗？")
    ('先看左边。', '好吗？')
    """
    return text if text[-1:] in "。！？!?" else text.rstrip("，,、：:；;") + "。"
