"""Word anchors from a recording: when the phrases the animations wait for are said in it.

A synthetic clip is made for its anchors, so their times are known. A recording's are found:
the recording is transcribed offline by Whisper-base (faster-whisper, the listen check's
recogniser, :mod:`scenes.speech.transcribe`) with the time of every word; the beat's text and what
was heard are lined up syllable by syllable in toneless pinyin (so that a homophone heard for a
word still lines up), and each phrase takes the time of the heard syllable its first syllable
lines up with. The recogniser places a word's start to within about two tenths of a second;
the sound itself then places it better: a phrase after a pause starts where the sound starts
again, one said on without a pause at the dip in loudness where two syllables meet. On the
film's 76 anchors read by the Kokoro voice, whose times are known, this finds every phrase
within 0.11 s of its time (median 0.02 s; the recogniser's word starts alone: up to 0.39 s;
measured 2026-12-07). The constants below were chosen on those anchors; the tests check a clip
they were not chosen on, fed through a browser's microphone (tests/builder/test_record.py).

A phrase that is not found (not said, or not understood: fewer than half of its first syllables
heard) gets an :class:`UnheardPhraseWarning` naming the beat and the phrase, and a time estimated
from the text's length between the phrases that were found. Without faster-whisper every anchor
of a recording is estimated, with one :class:`AlignmentUnavailableWarning`.

What was heard is cached beside the normalised recording in the voice cache
(``<recording hash>-v3.words.json``), so a render does not transcribe the recording again.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path

import numpy as np

from ..common.files import atomic_write_text
from .spoken import spoken_length
from .transcribe import (
    WHISPER_OPTIONS,
    WHISPER_SHA256,
    WhisperUnavailable,
    spoken_units,
    syllables,
    transcribe_words,
)

__all__ = [
    "UnheardPhraseWarning",
    "AlignmentUnavailableWarning",
    "words_path",
    "heard_words",
    "line_up",
    "phrase_times",
    "recorded_anchors",
    "recorded_marks",
    "skipped_words",
    "speech_span",
]

#: how far the end of a pause may lie before / after the recogniser's start of a phrase to be taken
#: (or inside the phrase's first heard syllable)
PAUSE_BEFORE, PAUSE_AFTER = 0.30, 0.20
#: a phrase said without a pause goes to the deepest dip of
# the level (dB, at least this deep) from a
#: little before to a little after the recogniser's start, which is early more often than late
VALLEY_BEFORE, VALLEY_AFTER, VALLEY_DEPTH = 0.05, 0.2, 2.0
#: the level is measured every 10 ms
STEP = 0.01
#: the quietest level that counts as room noise, below the loud speech (dB)
FLOOR_BELOW = 50.0
#: the shortest stretch of silence that counts as a pause (seconds)
SHORTEST_PAUSE = 0.03
#: how many of a phrase's first syllables are compared, and the share of them that must be heard
COMPARED, HEARD_SHARE = 4, 0.5

Word = tuple[str, float, float]  # what was heard, its start and end (seconds)


class UnheardPhraseWarning(UserWarning):
    """An anchored phrase was not found in a recording; its time is estimated."""


class AlignmentUnavailableWarning(UserWarning):
    """No speech recogniser here: the anchor times of recordings are estimated."""


_said_unavailable = False


def words_path(clip: Path) -> Path:
    """Where the words heard in a (normalised) clip are cached: beside it, ``<name>.words.json``."""
    clip = Path(clip)
    return clip.with_name(f"{clip.stem}.words.json")


def heard_words(clip: Path) -> list[Word] | None:
    """The words heard in ``clip`` with their times (cached); ``None`` without a recogniser."""
    global _said_unavailable
    cache = words_path(clip)
    key = {
        "model": WHISPER_SHA256,
        "options": {k: v for k, v in WHISPER_OPTIONS.items() if v is not None},
        "clip_bytes": Path(clip).stat().st_size,
    }
    try:
        found = json.loads(cache.read_text(encoding="utf-8"))
        if found.get("key") == key:
            return [(str(w), float(a), float(b)) for w, a, b in found["words"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        words = transcribe_words(clip)
    except WhisperUnavailable as exc:
        if not _said_unavailable:
            _said_unavailable = True
            warnings.warn(
                f"the anchor times of recordings are estimated from the text's length: {exc}",
                AlignmentUnavailableWarning,
                stacklevel=3,
            )
        return None
    atomic_write_text(cache, json.dumps({"key": key, "words": words}, ensure_ascii=False))
    return words


def line_up(said: list[str], heard: list[str]) -> list[tuple[int | None, int | None]]:
    """The edit-distance alignment of two syllable lists: (said index, heard index) pairs.

    A pair with ``None`` is a syllable said but not heard, or heard but not said.

    >>> line_up(["xian", "hua", "yuan"], ["xian", "yuan"])
    [(0, 0), (1, None), (2, 1)]
    """
    n, m = len(said), len(heard)
    cost = np.zeros((n + 1, m + 1), dtype=np.int32)
    cost[:, 0], cost[0, :] = np.arange(n + 1), np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(
                cost[i - 1, j - 1] + (said[i - 1] != heard[j - 1]),
                cost[i - 1, j] + 1,
                cost[i, j - 1] + 1,
            )
    pairs, i, j = [], n, m
    while i or j:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (said[i - 1] != heard[j - 1]):
            i, j = i - 1, j - 1
            pairs.append((i, j))
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            i -= 1
            pairs.append((i, None))
        else:
            j -= 1
            pairs.append((None, j))
    return pairs[::-1]


def _heard_syllables(words: list[Word], lexicon: str | None) -> list[Word]:
    """Each heard syllable with its start and end.

    A word's time is shared evenly among its syllables.
    """
    out = []
    for word, start, end in words:
        syl = syllables(word, lexicon)
        step = (end - start) / len(syl) if syl else 0.0
        out += [(s, start + k * step, start + (k + 1) * step) for k, s in enumerate(syl)]
    return out


def _levels(samples: np.ndarray, rate: int) -> np.ndarray:
    """The level of every 10 ms of ``samples`` (dB)."""
    hop = max(1, rate // 100)
    frames = samples[: samples.size // hop * hop].reshape(-1, hop).astype(np.float64)
    return 10 * np.log10(np.mean(frames**2, axis=1) + 1e-12)


def _quiet(level: np.ndarray) -> np.ndarray:
    """Which 10 ms are quiet: below the room's noise plus 30 % of the way up to the speech."""
    loud = np.percentile(level, 95)
    # digital silence would set it far too low
    floor = max(np.percentile(level, 5), loud - FLOOR_BELOW)
    return level < floor + 0.3 * (loud - floor)


def _pause_ends(level: np.ndarray) -> np.ndarray:
    """The times (seconds) at which sound starts again after a pause.

    Only pauses of at least :data:`SHORTEST_PAUSE` count.
    """
    if level.size < 3:
        return np.zeros(0)
    ends, run = [], 0
    for k, q in enumerate(_quiet(level)):
        if not q and run * STEP >= SHORTEST_PAUSE:
            ends.append(k * STEP)
        run = run + 1 if q else 0
    return np.asarray(ends)


def speech_span(samples: np.ndarray, rate: int) -> tuple[float, float]:
    """Where the sound of a recording starts and ends (seconds).

    The whole of it when it is all quiet.
    """
    level = _levels(np.asarray(samples), rate)
    loud = np.flatnonzero(~_quiet(level)) if level.size >= 3 else np.zeros(0, int)
    if loud.size == 0:
        return 0.0, samples.size / rate
    return float(loud[0] * STEP), float(min((loud[-1] + 1) * STEP, samples.size / rate))


def _valley(level: np.ndarray, low: float, high: float) -> float | None:
    """The deepest dip in ``level`` between ``low`` and ``high`` (seconds), where syllables meet.

    ``None`` when there is none.
    """
    best, deepest = None, VALLEY_DEPTH
    for k in range(max(1, int(low / STEP)), min(level.size - 1, int(high / STEP) + 1)):
        if level[k] <= level[k - 1] and level[k] <= level[k + 1]:
            depth = min(level[max(0, k - 8) : k].max(), level[k + 1 : k + 9].max()) - level[k]
            if depth > deepest:
                best, deepest = k * STEP, depth
    return best


def phrase_times(
    text: str,
    splits: tuple[int, ...],
    words: list[Word],
    samples: np.ndarray | None = None,
    rate: int = 0,
    lexicon: str | None = None,
) -> list[float | None]:
    """When the phrase starting at each character position of ``splits`` is said.

    ``None`` for a phrase not found. ``words`` are the heard words with their times; ``samples``
    at ``rate``, the recording, place each phrase at the end of the pause before it, or at the
    dip where its first syllable begins.
    """
    said = syllables(text, lexicon)
    heard = _heard_syllables(words, lexicon)
    partner = {
        i: j for i, j in line_up(said, [h[0] for h in heard]) if i is not None and j is not None
    }
    lengths = sorted(b - a for _, a, b in heard) or [0.2]
    syllable = lengths[len(lengths) // 2]
    level = _levels(samples, rate) if samples is not None and rate else np.zeros(0)
    pauses = _pause_ends(level)
    times: list[float | None] = []
    for pos in splits:
        first = len(syllables(text[:pos], lexicon))
        span = len(syllables(text[pos:], lexicon))
        compared = range(first, first + min(COMPARED, span))
        matched = sum(1 for i in compared if i in partner and said[i] == heard[partner[i]][0])
        if not compared or matched < max(1, math.ceil(HEARD_SHARE * len(compared))):
            times.append(None)
            continue
        k = next(i for i in compared if i in partner)
        j = partner[k]
        t = heard[j][1] - (k - first) * syllable
        # the recogniser often gives a pause to the word after it: a pause that ends after the
        # middle of the syllable before and by the end of this one ends where the phrase begins
        low = max(t - PAUSE_BEFORE, (heard[j - 1][1] + heard[j - 1][2]) / 2 if j else 0.0)
        near = pauses[(pauses >= low) & (pauses <= max(t + PAUSE_AFTER, heard[j][2] + 0.1))]
        if near.size:
            t = float(near[np.argmin(np.abs(near - t))])
        elif level.size:
            t = _valley(level, t - VALLEY_BEFORE, t + VALLEY_AFTER) or t
        times.append(max(t, 0.0))
    return times


def _estimate(text: str, pos: int, known: list[tuple[int, float]]) -> float:
    """The time of character ``pos`` by the text's length between the nearest known points."""
    (p0, t0), (p1, t1) = (
        max((k for k in known if k[0] <= pos), key=lambda k: k[0]),
        min((k for k in known if k[0] >= pos), key=lambda k: k[0]),
    )
    whole = spoken_length(text[p0:p1])
    return t0 if not whole else t0 + (t1 - t0) * spoken_length(text[p0:pos]) / whole


def recorded_anchors(
    clip: Path, text: str, splits: tuple[int, ...], duration: float, lexicon: str | None = None
) -> list[tuple[int, float, bool]] | None:
    """(character position, time, whether found) for each anchor in ``splits`` of a recording.

    A phrase not found gets a time estimated from the text's length between the phrases found (and
    the start and end of the speech). ``None`` when no recogniser is installed.
    """
    words = heard_words(clip)
    if words is None:
        return None
    from .audio import read_audio

    samples, rate = read_audio(clip)
    found = phrase_times(text, splits, words, samples, rate, lexicon)
    onset = words[0][1] if words else 0.0
    end = words[-1][2] if words else duration
    known = [
        (0, onset),
        *((p, t) for p, t in zip(splits, found) if t is not None),
        (len(text), end),
    ]
    out, last = [], 0.0
    for pos, t in zip(splits, found):
        last = max(last, min(_estimate(text, pos, known) if t is None else t, duration))
        out.append((pos, round(last, 4), t is not None))
    return out


def _words_at(text: str, pos: int) -> str:
    """The words of ``text`` from ``pos`` to the next punctuation (how a warning names a phrase)."""
    rest = text[pos:].lstrip("，。！？；：、,.!?;: ")
    return re.split(r"[，。！？；：、,.!?;:]", rest, maxsplit=1)[0][:16]


def recorded_marks(
    clip: Path,
    text: str,
    splits: tuple[int, ...],
    beat: str,
    duration: float,
    lexicon: str | None = None,
) -> tuple[float, ...] | None:
    """Where each piece of ``text`` cut at ``splits`` starts in the recording ``clip``.

    The times are in the form of a synthetic clip's marks. ``None`` when the beat has no anchors
    or no recogniser is installed (the times are then estimated from the text's length). A phrase
    not found is warned about, naming the beat and the words, and estimated
    (:func:`recorded_anchors`).
    """
    if not splits:
        return None
    anchors = recorded_anchors(clip, text, splits, duration, lexicon)
    if anchors is None:
        return None
    for pos, t, found in anchors:
        if not found:
            heard = "".join(w for w, _, _ in heard_words(clip) or ())
            warnings.warn(
                f"beat {beat}: an animation waits for the words {_words_at(text, pos)!r}, but they "
                f"were not found in its recording (heard: {heard or 'nothing'}); their time, "
                f"{t:.2f} s, is estimated from the text's length. Record the beat again, saying "
                "them clearly.",
                UnheardPhraseWarning,
                stacklevel=3,
            )
    return (0.0, *(t for _, t, _ in anchors))


def skipped_words(said: str, heard: str, lexicon: str | None = None) -> list[str]:
    """The stretches of ``said`` that are missing from ``heard`` (as written, numbers in words).

    >>> skipped_words("先画一个圆，停一下。", "先画一个圆")
    ['停一下']
    """
    units = spoken_units(said, lexicon)
    pairs = line_up([s for _, s in units], syllables(heard, lexicon))
    out, run = [], ""
    for i, j in pairs + [(None, 0)]:
        if i is not None and j is None:
            # a word's next syllable
            if not (run and units[i][0] == units[i - 1][0] and len(units[i][0]) > 1):
                run += units[i][0]
        elif i is not None or j is not None:
            if run:
                out.append(run)
            run = ""
    return out
