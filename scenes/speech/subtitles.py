"""Subtitle cues: timing inside a beat, English cue splitting, a beat log's cues, SRT and WebVTT.

A cue is ``(start seconds, end seconds, text)``. The Chinese cues come from manim's ``.srt``
(``add_subcaption``); the English ones are stored in the beat log (each beat's ``en_cues``,
offsets inside the beat) and placed here. No manim import: the film builder and the lesson
page use this too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .spoken import spoken_length

__all__ = [
    "Cue",
    "EN_MAX_LINE",
    "cue_timings",
    "english_cues",
    "english_length",
    "missing_english",
    "read_srt",
    "split_cues_en",
    "srt_text",
    "vtt_text",
]

Cue = tuple[float, float, str]


def cue_timings(cues: list[str], duration: float, weight=None) -> list[tuple[float, float]]:
    """(offset, duration) of each cue, proportional to its length, filling ``duration``.

    ``weight(cue)`` measures a cue's length (default: its spoken length in Chinese).

    >>> cue_timings(["ab cd", "ef"], 3.0, weight=english_length)
    [(0.0, 2.0), (2.0, 1.0)]
    """
    weight = weight or spoken_length
    weights = [max(weight(c), 0.5) for c in cues]
    total = sum(weights)
    out, t = [], 0.0
    for w in weights:
        d = duration * w / total
        out.append((t, d))
        t += d
    return out


# --- English subtitles --------------------------------------------------------------------

#: Longest English subtitle line, in characters; a cue shows at most two lines.
EN_MAX_LINE = 42
EN_MAX_LINES = 2
_EN_SENTENCE = ".!?;"
_EN_CLAUSE = _EN_SENTENCE + ",:—"


def _en_pieces(text: str, punct: str) -> list[str]:
    """Split English after ``punct`` followed by a space, not inside brackets.

    So "H(P, Q)" stays whole.
    """
    out, cur, depth = [], "", 0
    for i, ch in enumerate(text):
        cur += ch
        depth += (ch in "([{") - (ch in ")]}")
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch in punct and depth <= 0 and nxt == " ":
            out.append(cur.strip())
            cur = ""
    if cur.strip():
        out.append(cur.strip())
    return out


def _wrap_en(text: str, width: int) -> list[str]:
    """Greedy word wrap; a word longer than ``width`` keeps a line to itself (never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def english_length(cue: str) -> float:
    """Characters of an English cue without spaces and line breaks (its share of the time)."""
    return float(len("".join(cue.split())))


def split_cues_en(
    text: str, max_line: int = EN_MAX_LINE, max_lines: int = EN_MAX_LINES
) -> list[str]:
    r"""Split English narration into subtitle cues of at most ``max_lines`` lines of ``max_line``.

    Every sentence starts a new cue; a sentence too long for one cue is broken at clause
    punctuation (, : ; —), short neighbouring clauses are joined back, and only a clause that
    is itself too long is cut between words. Lines inside a cue are joined with a newline.

    >>> split_cues_en("It rains. The forecast said H(P, Q) = 2.58 bits, and that was right.")
    ['It rains.', 'The forecast said H(P, Q) = 2.58 bits, and\nthat was right.']
    >>> max(len(line) for cue in split_cues_en("word " * 60) for line in cue.splitlines())
    39
    """
    text = " ".join(text.split())
    cues: list[str] = []

    def fits(s: str) -> bool:
        return len(_wrap_en(s, max_line)) <= max_lines

    for sentence in _en_pieces(text, _EN_SENTENCE):
        if fits(sentence):
            cues.append(sentence)
            continue
        group = ""
        for clause in _en_pieces(sentence, _EN_CLAUSE):
            if group and fits(group + " " + clause):
                group += " " + clause
                continue
            if group:
                cues.append(group)
            if fits(clause):
                group = clause
                continue
            lines = _wrap_en(clause, max_line)
            cues.extend(
                " ".join(lines[i : i + max_lines])
                for i in range(0, len(lines) - max_lines, max_lines)
            )
            group = " ".join(lines[(len(lines) - 1) // max_lines * max_lines :])
        if group:
            cues.append(group)
    return ["\n".join(_wrap_en(c, max_line)) for c in cues]


def english_cues(beats: list[dict], offset: float = 0.0, limit: float | None = None) -> list[Cue]:
    """The English cues of a section's beat log, shifted by ``offset`` and cut at ``limit``.

    >>> beats = [{"start": 1.0, "en_cues": [["Hi.", 0.0, 0.5], ["Bye.", 0.5, 1.0]]}]
    >>> english_cues(beats, offset=10)
    [(11.0, 11.5, 'Hi.'), (11.5, 12.5, 'Bye.')]
    """
    out: list[Cue] = []
    for b in beats:
        for text, off, length in b.get("en_cues") or ():
            start = b["start"] + off
            end = start + length
            if limit is not None:
                end = min(end, limit)
            if end > start:
                out.append((round(offset + start, 3), round(offset + end, 3), text))
    return out


def missing_english(beats: list[dict]) -> list[dict]:
    """The beats of a beat log that carry no English (their narrate block has no ``en=``)."""
    return [b for b in beats if not (b.get("en") or "").strip()]


def read_srt(path: Path, offset: float = 0.0, limit: float | None = None) -> list[Cue]:
    """The cues of an ``.srt`` file, shifted by ``offset`` and cut at ``limit``."""
    import srt

    out: list[Cue] = []
    for cue in srt.parse(Path(path).read_text(encoding="utf-8")):
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        if limit is not None:
            end = min(end, limit)
        if end > start:
            out.append((round(offset + start, 3), round(offset + end, 3), cue.content))
    return out


def srt_text(cues: list[Cue]) -> str:
    import srt

    subs = [
        srt.Subtitle(i + 1, dt.timedelta(seconds=a), dt.timedelta(seconds=b), text)
        for i, (a, b, text) in enumerate(cues)
    ]
    return srt.compose(subs, reindex=True)


def _vtt_time(t: float) -> str:
    ms = round(t * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vtt_text(cues: list[Cue]) -> str:
    r"""WebVTT for a browser's ``<track>``.

    The text is escaped (``&``, ``<``, ``>``), so it shows as written.

    >>> print(vtt_text([(0.0, 1.5, "一"), (61.25, 62.0, "two\nlines")]))
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:01.500
    一
    <BLANKLINE>
    2
    00:01:01.250 --> 00:01:02.000
    two
    lines
    <BLANKLINE>
    >>> vtt_text([(0.0, 1.0, "<b>P</b> & Q --> R")]).splitlines()[-1]
    '&lt;b&gt;P&lt;/b&gt; &amp; Q --&gt; R'
    """
    parts = ["WEBVTT", ""]
    for i, (a, b, text) in enumerate(cues, 1):
        # "<" would start a tag (<b>, <i>, <c.class>) and "&" an entity; escaped, "-->" cannot start
        # a new cue either. A blank line would end the cue early.
        body = "\n".join(_vtt_escape(line) for line in text.splitlines() if line.strip())
        parts += [str(i), f"{_vtt_time(a)} --> {_vtt_time(b)}", body, ""]
    return "\n".join(parts)
