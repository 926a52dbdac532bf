"""espeak-ng: the light, robotic fallback voice (``--voice espeak``), run as a program."""
from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from .audio import read_audio

__all__ = ["espeak", "espeak_samples"]


@functools.lru_cache(maxsize=None)
def espeak() -> tuple[str, str]:
    """The espeak-ng program and its version line."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise RuntimeError(
            "espeak-ng is not installed; run ./setup.sh (or apt-get install espeak-ng), "
            "or render without voice: EXPLAINER_VOICE=none"
        )
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return exe, version


def espeak_samples(text: str, voice: str, rate: int, pitch: int) -> tuple[np.ndarray, int]:
    """``text`` (already speakable) said by espeak-ng: mono float32 samples and their rate."""
    exe, _ = espeak()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "espeak.wav"
        # The text goes through stdin, so quotes, %, & and the like need no escaping.
        result = subprocess.run(
            [exe, "-v", voice, "-s", str(rate), "-p", str(pitch), "-w", str(out), "--stdin"],
            input=text.encode("utf-8"),
            capture_output=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"espeak-ng failed ({result.returncode}) for text {text[:40]!r}: "
                f"{result.stderr.decode('utf-8', 'replace').strip()}"
            )
        return read_audio(out)
