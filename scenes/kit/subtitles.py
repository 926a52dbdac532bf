"""Subtitle cues as plain data: the English cues of a beat log, SRT and WebVTT text.

A cue is ``(start seconds, end seconds, text)``. The Chinese cues come from manim's ``.srt``
(``add_subcaption``); the English ones are stored in the beat log (each beat's ``en_cues``,
offsets inside the beat) and placed here. No manim import: the film builder and the lesson
page use this too.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

__all__ = ["Cue", "english_cues", "missing_english", "read_srt", "srt_text", "vtt_text"]

Cue = tuple[float, float, str]


def english_cues(beats: list[dict], offset: float = 0.0, limit: float | None = None) -> list[Cue]:
    """The English cues of a section's beat log, shifted by ``offset`` and cut at ``limit``.

    >>> english_cues([{"start": 1.0, "en_cues": [["Hi.", 0.0, 0.5], ["Bye.", 0.5, 1.0]]}], offset=10)
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

    subs = [srt.Subtitle(i + 1, dt.timedelta(seconds=a), dt.timedelta(seconds=b), text)
            for i, (a, b, text) in enumerate(cues)]
    return srt.compose(subs, reindex=True)


def _vtt_time(t: float) -> str:
    ms = round(t * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def vtt_text(cues: list[Cue]) -> str:
    r"""WebVTT for a browser's ``<track>``.

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
    """
    parts = ["WEBVTT", ""]
    for i, (a, b, text) in enumerate(cues, 1):
        # a blank line would end the cue early; "-->" would start a new one
        body = "\n".join(line for line in text.replace("-->", "->").splitlines() if line.strip())
        parts += [str(i), f"{_vtt_time(a)} --> {_vtt_time(b)}", body, ""]
    return "\n".join(parts)
