"""Audio files of the voice: reading any format, writing 16-bit WAV atomically."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from .files import atomic_path

__all__ = ["CLIP_FORMAT", "read_audio", "pcm16", "write_wav"]

#: bump when the way a clip is made changes, so that old cached clips are not reused
CLIP_FORMAT = 3


def read_audio(path: Path) -> tuple[np.ndarray, int]:
    """Any audio file as mono float32 samples and their rate (decoded with PyAV)."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        rate = stream.codec_context.sample_rate
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
        chunks = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1))
    return (np.concatenate(chunks) if chunks else np.zeros(0, np.float32)), rate


def pcm16(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] as little-endian 16-bit PCM."""
    return (np.clip(samples, -1.0, 1.0) * 32767).round().astype("<i2").tobytes()


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono 16-bit PCM atomically (parallel renders never see half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = pcm16(samples)
    with atomic_path(path) as tmp:
        with wave.open(str(tmp), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
    return path
