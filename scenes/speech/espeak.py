"""espeak-ng: the light, robotic fallback voice (``--voice espeak``), run as a program."""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from .audio import CLIP_FORMAT, read_audio
from .engines import joined
from .spoken import speakable

__all__ = ["espeak", "espeak_samples", "ENGINE"]


@functools.cache
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


class EspeakEngine:
    """espeak-ng as a :class:`~scenes.speech.engines.Engine`: each piece said on its own.

    The pieces are joined with pauses.
    """

    name = "espeak"

    def spoken_form(self, text: str, settings) -> dict:
        return {
            "engine": espeak()[1],
            "text": speakable(text),
            "voice": settings.espeak_voice,
            "rate": settings.espeak_rate,
            "pitch": settings.espeak_pitch,
            "format": CLIP_FORMAT,
        }

    def pieces_form(self, pieces: list[str], settings) -> dict | None:
        return None

    def speak_pieces(self, pieces: list[str], settings) -> tuple[np.ndarray, list[float], int]:
        return joined(
            pieces,
            lambda piece: espeak_samples(
                speakable(piece), settings.espeak_voice, settings.espeak_rate, settings.espeak_pitch
            ),
        )

    def speed(self, settings) -> float:
        return settings.espeak_rate / type(settings).espeak_rate


ENGINE = EspeakEngine()
