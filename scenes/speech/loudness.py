"""Broadcast loudness for every voice clip: EBU R128 / ITU-R BS.1770 via ``pyloudnorm``.

Every beat's clip, synthetic or recorded, is brought to :data:`TARGET_LUFS` integrated
loudness with a true peak of at most :data:`CEILING_DBTP`, so a recorded beat beside a
synthetic one does not jump in level and nothing clips. True peak is the sample peak of the
signal oversampled four times (BS.1770-4, annex 2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "TARGET_LUFS",
    "CEILING_DBTP",
    "CLIP_CEILING_DBTP",
    "EFFECT_LUFS",
    "Loudness",
    "measure",
    "true_peak_db",
    "normalise",
]

#: integrated loudness of speech (EBU R128 S1 / streaming practice for speech)
TARGET_LUFS = -16.0
#: highest true peak allowed
CEILING_DBTP = -1.5
#: what a clip is limited to: 1 dB below the ceiling, the headroom that mixing with effects,
#: resampling and AAC encoding take up (measured: +0.4 dB on the 480p film without it)
CLIP_CEILING_DBTP = CEILING_DBTP - 1.0
#: sound effects sit well below the voice
EFFECT_LUFS = -24.0


@dataclass(frozen=True)
class Loudness:
    lufs: float  # integrated loudness, LUFS (-inf for silence)
    true_peak: float  # dBTP (-inf for silence)

    def __str__(self) -> str:
        return f"{self.lufs:.1f} LUFS, true peak {self.true_peak:.1f} dBTP"


def true_peak_db(samples: np.ndarray, rate: int) -> float:
    """True peak in dBTP: the peak of the signal oversampled to at least 192 kHz (x4 at 48 kHz)."""
    from scipy.signal import resample_poly

    x = np.asarray(samples, dtype=np.float64)
    if x.size == 0:
        return -math.inf
    factor = max(4, math.ceil(192000 / rate))
    peak = float(np.max(np.abs(resample_poly(x, factor, 1, axis=0))))
    return 20 * math.log10(peak) if peak > 0 else -math.inf


def _integrated(x: np.ndarray, rate: int) -> float:
    """Integrated loudness (LUFS) of a non-silent float64 signal."""
    import pyloudnorm

    if x.shape[0] < int(0.4 * rate):  # BS.1770 gates 400 ms blocks: measure a short clip looped
        x = np.concatenate([x] * (int(0.4 * rate) // x.shape[0] + 1))
    return float(pyloudnorm.Meter(rate).integrated_loudness(x))


def measure(samples: np.ndarray, rate: int) -> Loudness:
    """Integrated loudness and true peak of a mono or (n, channels) signal."""
    x = np.asarray(samples, dtype=np.float64)
    if x.size == 0 or not np.any(x):
        return Loudness(-math.inf, -math.inf)
    return Loudness(_integrated(x, rate), true_peak_db(x, rate))


def _ffmpeg_filter(samples: np.ndarray, rate: int, chain: list[tuple[str, str]]) -> np.ndarray:
    """Run mono float samples through a chain of ffmpeg audio filters (PyAV's filter graph)."""
    import fractions

    import av
    from av.filter import Graph

    graph = Graph()
    nodes = [
        graph.add_abuffer(format="flt", sample_rate=rate, layout="mono", time_base=f"1/{rate}")
    ]
    nodes += [graph.add(name, args) for name, args in chain]
    nodes.append(graph.add("abuffersink"))
    for a, b in zip(nodes, nodes[1:]):
        a.link_to(b)
    graph.configure()
    out: list[np.ndarray] = []

    def drain():
        while True:
            try:
                out.append(graph.pull().to_ndarray().reshape(-1))
            except (av.error.BlockingIOError, av.error.EOFError):
                return

    x = np.ascontiguousarray(samples, dtype=np.float32)
    step = 8192
    for i in range(0, len(x), step):
        frame = av.AudioFrame.from_ndarray(
            x[i : i + step].reshape(1, -1), format="flt", layout="mono"
        )
        frame.sample_rate, frame.pts, frame.time_base = rate, i, fractions.Fraction(1, rate)
        graph.push(frame)
        drain()
    graph.push(None)
    drain()
    return np.concatenate(out) if out else np.zeros(0, np.float32)


def _limit(samples: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """Run ffmpeg's look-ahead limiter at four times the rate, so that it catches true peaks.

    The limit is 0.3 dB below ``ceiling``: the margin for the way back down.
    """
    limit = 10 ** ((ceiling - 0.3) / 20)
    return _ffmpeg_filter(
        samples,
        rate,
        [
            ("aresample", str(rate * 4)),
            ("alimiter", f"limit={limit:.5f}:attack=2:release=40:level=0:latency=1"),
            ("aresample", str(rate)),
        ],
    )[: len(samples)]


def normalise(
    samples: np.ndarray,
    rate: int,
    target: float = TARGET_LUFS,
    ceiling: float = CLIP_CEILING_DBTP,
    tolerance: float = 0.2,
) -> np.ndarray:
    """``samples`` brought to ``target`` LUFS with a true peak of at most ``ceiling`` dBTP.

    A plain gain when that keeps the peaks below the ceiling; otherwise the gain is followed by
    ffmpeg's look-ahead limiter (``alimiter``), and the gain is corrected for the loudness the
    limiter took away (at most three rounds) until the level is within ``tolerance`` LU. (Only
    the loudness is measured in those rounds: the limiter keeps the peaks below the ceiling.)
    """
    x = np.asarray(samples, dtype=np.float32)
    level = measure(x, rate)
    if not math.isfinite(level.lufs):
        return x
    gain_db = target - level.lufs
    if level.true_peak + gain_db <= ceiling:
        return (x * 10 ** (gain_db / 20)).astype(np.float32)
    for _ in range(3):
        y = _limit(x * np.float32(10 ** (gain_db / 20)), rate, ceiling)
        got = _integrated(y.astype(np.float64), rate)
        if abs(got - target) <= tolerance:
            break
        gain_db += target - got
    return y.astype(np.float32)
