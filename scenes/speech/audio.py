"""Audio files of the voice: reading any format, writing 16-bit WAV atomically.

A cached clip is trusted only if it is what was written: :func:`write_checked_wav` keeps a
record beside it (``<name>.json``: its sample count, size and sha256, and what the caller
adds, such as the marks of a clip made in pieces), and :func:`intact_wav` checks the clip
against it when it is read back.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import wave
from pathlib import Path

import numpy as np

from ..common.files import atomic_write_bytes, atomic_write_text

__all__ = ["CLIP_FORMAT", "read_audio", "pcm16", "write_wav", "write_checked_wav", "intact_wav"]

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
            chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(frame))
        chunks.extend(out.to_ndarray().reshape(-1) for out in resampler.resample(None))
    return (np.concatenate(chunks) if chunks else np.zeros(0, np.float32)), rate


def pcm16(samples: np.ndarray) -> bytes:
    """Float samples in [-1, 1] as little-endian 16-bit PCM."""
    return (np.clip(samples, -1.0, 1.0) * 32767).round().astype("<i2").tobytes()


def _wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    """Mono 16-bit PCM samples as the bytes of a WAV file."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm16(samples))
    return out.getvalue()


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono 16-bit PCM atomically (parallel renders never see half a file)."""
    return atomic_write_bytes(Path(path), _wav_bytes(samples, rate))


def _record_path(path: Path) -> Path:
    return Path(path).with_suffix(".json")


def write_checked_wav(path: Path, samples: np.ndarray, rate: int, **extra) -> dict:
    """:func:`write_wav`, and a record of what was written beside it (see :func:`intact_wav`).

    The record holds the sample count, the size and the sha256 of the file, and ``extra``
    (JSON values). The clip is written first: a reader that finds it without its record makes
    it again, which gives the same file.
    """
    data = _wav_bytes(samples, rate)
    record = {
        "samples": int(np.asarray(samples).size),
        "rate": rate,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        **extra,
    }
    atomic_write_bytes(Path(path), data)
    atomic_write_text(_record_path(path), json.dumps(record))
    return record


def _check(path: Path) -> tuple[dict | None, str]:
    """The record of the clip at ``path`` if the clip is as written; else ``None`` and why not."""
    try:
        record = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = None
    if not isinstance(record, dict) or not {"samples", "bytes", "sha256"} <= set(record):
        return None, (
            f"no record of its content ({_record_path(path).name}): made by an older "
            "version, or its writing was cut short"
        )
    data = Path(path).read_bytes()
    if len(data) != record["bytes"]:
        return (
            None,
            f"it has {len(data)} bytes where {record['bytes']} were written (truncated or damaged)",
        )
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            samples = w.getnframes()
    except (wave.Error, EOFError):
        samples = None
    if samples != record["samples"]:
        return None, f"it has {samples} samples where {record['samples']} were written"
    if hashlib.sha256(data).hexdigest() != record["sha256"]:
        return None, "its content is not what was written (sha256 differs)"
    return record, ""


def intact_wav(path: Path) -> dict | None:
    """The record of a clip written by :func:`write_checked_wav`, if the clip is as written.

    ``None`` when there is no clip, or (saying so in one line on stderr) when its record is
    missing or the clip does not match it: the caller then makes the clip again.
    """
    path = Path(path)
    if not path.is_file():
        return None
    record, damage = _check(path)
    if record is None:
        print(f"[voice] making {path} again: {damage}", file=sys.stderr, flush=True)
    return record
