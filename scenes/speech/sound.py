"""Short sound effects, synthesised with numpy (deterministic, cached as WAV files).

``NarratedScene.sound_effect("question")`` overlays one at the current time. Effects play
whatever the voice setting, normalised to ``EFFECT_LUFS`` (8 LU below the voice) so that they
sit under the narration.
"""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np

from .audio import pcm16, write_wav
from .loudness import EFFECT_LUFS, normalise
from .options import VoiceSettings

__all__ = ["EFFECTS", "effect_path"]

RATE = 44100


def _tone(freq_start: float, freq_end: float, seconds: float, volume: float = 0.3) -> np.ndarray:
    """A sine glide from ``freq_start`` to ``freq_end`` Hz with soft attack and release."""
    n = int(seconds * RATE)
    freq = np.linspace(freq_start, freq_end, n)
    phase = 2 * np.pi * np.cumsum(freq) / RATE
    envelope = np.minimum(1.0, np.linspace(0, 12, n)) * np.minimum(1.0, np.linspace(6, 0, n))
    # a touch of the second harmonic makes it less like a test tone
    return volume * envelope * (np.sin(phase) + 0.3 * np.sin(2 * phase)) / 1.3


def _question() -> np.ndarray:
    """Two notes, the second gliding up: a musical "hm?"."""
    gap = np.zeros(int(0.05 * RATE))
    return np.concatenate([_tone(330, 330, 0.18), gap, _tone(392, 587, 0.35)])


def _reveal() -> np.ndarray:
    """A bright rising arpeggio for a title."""
    return np.concatenate(
        [_tone(f, f, 0.12, 0.22) for f in (523, 659, 784)] + [_tone(1047, 1047, 0.4, 0.22)]
    )


def _tick() -> np.ndarray:
    return _tone(1200, 900, 0.06, 0.25)


EFFECTS = {"question": _question, "reveal": _reveal, "tick": _tick}


def effect_path(name: str, settings: VoiceSettings | None = None) -> Path:
    """The WAV file of effect ``name`` (made on first use, reused while its content is right)."""
    if name not in EFFECTS:
        raise ValueError(f"unknown sound effect {name!r}; available: {', '.join(EFFECTS)}")
    settings = settings or VoiceSettings.from_env()
    samples = normalise(EFFECTS[name](), RATE, target=EFFECT_LUFS)
    path = settings.cache_dir / "effects" / f"{name}.wav"
    if path.is_file():
        try:
            with wave.open(str(path), "rb") as w:
                if w.readframes(w.getnframes()) == pcm16(samples):
                    return path
        except (wave.Error, EOFError):  # not even a WAV header: made again below
            pass
        print(
            f"[voice] making {path} again: its content is not the effect's",
            file=sys.stderr,
            flush=True,
        )
    return write_wav(path, samples, RATE)
