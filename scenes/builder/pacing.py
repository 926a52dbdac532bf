"""How much of a section is speech, and how long its pauses are: pacing made visible at each build.

A good explanation leaves the picture on screen for a moment of silence after a result; a film
whose voice never stops tires its viewers. :func:`pacing` reads a section's sound and finds where
the voice is: 20 ms windows whose level is within :data:`SILENCE_BELOW` dB of the loudest
windows count as sound, and a gap shorter than :data:`BRIDGE` (the breath between two words)
still counts as speech. The timing report gives each section's speech share and its longest
silence; the film's target is a speech share of at most :data:`MAX_SPEECH_SHARE`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Pacing", "pacing", "MAX_SPEECH_SHARE"]

#: the pacing standard: speech fills at most this share of a section
MAX_SPEECH_SHARE = 0.80
WINDOW = 0.02
#: a window this far below the loud ones (the 95th percentile of window levels) is silence
SILENCE_BELOW = 35.0
#: a pause shorter than this, inside speech, is part of the speech
BRIDGE = 0.3


@dataclass(frozen=True)
class Pacing:
    """Share of the time with sound, the longest silence (seconds) and where it starts."""

    speech_share: float
    longest_silence: float
    silence_at: float


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``mask``."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2]))


def pacing(samples: np.ndarray, rate: int) -> Pacing:
    """Speech share and longest silence of mono ``samples``.

    >>> rate = 1000
    >>> t = np.arange(4 * rate) / rate
    >>> tone = np.where(t < 3, np.sin(2 * np.pi * 50 * t), 0.0)  # 3 s of sound, then 1 s of silence
    >>> p = pacing(tone, rate)
    >>> round(p.speech_share, 2), round(p.longest_silence, 2), round(p.silence_at, 2)
    (0.75, 1.0, 3.0)
    """
    samples = np.asarray(samples, dtype=np.float64).ravel()
    n = int(round(WINDOW * rate))
    count = len(samples) // n
    if count == 0:
        return Pacing(0.0, len(samples) / rate if rate else 0.0, 0.0)
    windows = samples[: count * n].reshape(count, n)
    level = 10 * np.log10(np.mean(windows**2, axis=1) + 1e-12)
    loud = np.percentile(level, 95)
    if loud < -70:  # no sound at all
        return Pacing(0.0, count * WINDOW, 0.0)
    sound = level > loud - SILENCE_BELOW
    gaps = [(a, b) for a, b in _runs(~sound)]
    bridge = int(round(BRIDGE / WINDOW))
    for a, b in gaps:  # a short gap between sounds is a breath inside speech
        if a > 0 and b < count and b - a < bridge:
            sound[a:b] = True
    silences = _runs(~sound)
    longest = max(silences, key=lambda ab: ab[1] - ab[0], default=(0, 0))
    return Pacing(
        float(sound.mean()), float((longest[1] - longest[0]) * WINDOW), float(longest[0] * WINDOW)
    )
