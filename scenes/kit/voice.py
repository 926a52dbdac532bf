"""Where a beat's voice comes from: a recording, offline Mandarin TTS (espeak-ng), or nothing.

All settings come from environment variables (``./render.sh --voice`` sets the first):

``EXPLAINER_VOICE``
    ``recorded`` (default): a recording in ``assets/voice/<section>/<beat id>.wav`` (or
    ``.mp3 .ogg .flac .m4a``) where there is one, espeak-ng for every other beat.
    ``espeak``: every beat synthesised, recordings ignored.
    ``none``: silent; timing comes from the reading-speed estimate.
``EXPLAINER_CPS``
    Reading speed, in Chinese characters per second, for beats without audio (default 3.8, about espeak-ng's pace).
``EXPLAINER_ESPEAK_VOICE`` / ``EXPLAINER_ESPEAK_RATE`` / ``EXPLAINER_ESPEAK_PITCH``
    espeak-ng voice (default ``cmn-latn-pinyin``), rate in words per minute (default 170)
    and pitch 0-99 (default 50).
``EXPLAINER_CACHE``
    Folder of synthesised clips (default ``.cache/voice`` at the repository root). A clip's
    file name is a hash of its text and every setting above, so an unchanged beat is
    never synthesised twice and a changed one never reuses a stale clip.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import warnings
import wave
from dataclasses import dataclass
from pathlib import Path

from .text import speakable

__all__ = [
    "REPO_ROOT",
    "VOICE_MODES",
    "RECORDING_SUFFIXES",
    "VoiceSettings",
    "StaleRecordingWarning",
    "Clip",
    "audio_duration",
    "find_recording",
    "synthesize",
    "clip_for",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
VOICE_MODES = ("recorded", "espeak", "none")
RECORDING_SUFFIXES = (".wav", ".mp3", ".ogg", ".flac", ".m4a")


class StaleRecordingWarning(UserWarning):
    """A recording's transcript no longer matches the beat's narration."""


@dataclass(frozen=True)
class VoiceSettings:
    mode: str = "recorded"
    chars_per_second: float = 3.8  # about espeak-ng cmn-latn-pinyin at rate 170
    espeak_voice: str = "cmn-latn-pinyin"
    espeak_rate: int = 170
    espeak_pitch: int = 50
    cache_dir: Path = REPO_ROOT / ".cache" / "voice"
    voice_dir: Path = REPO_ROOT / "assets" / "voice"

    @classmethod
    def from_env(cls, env=None) -> "VoiceSettings":
        env = os.environ if env is None else env
        mode = env.get("EXPLAINER_VOICE", "recorded").strip().lower()
        if mode not in VOICE_MODES:
            raise ValueError(
                f"EXPLAINER_VOICE={mode!r} is not a voice mode; use one of {', '.join(VOICE_MODES)}"
            )

        def number(name, default, kind):
            raw = env.get(name)
            if raw is None or raw == "":
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a {kind.__name__}") from None
            if value <= 0:
                raise ValueError(f"{name} must be > 0, got {raw!r}")
            return value

        return cls(
            mode=mode,
            chars_per_second=number("EXPLAINER_CPS", cls.chars_per_second, float),
            espeak_voice=env.get("EXPLAINER_ESPEAK_VOICE", cls.espeak_voice),
            espeak_rate=number("EXPLAINER_ESPEAK_RATE", cls.espeak_rate, int),
            espeak_pitch=number("EXPLAINER_ESPEAK_PITCH", cls.espeak_pitch, int),
            cache_dir=Path(env.get("EXPLAINER_CACHE", cls.cache_dir)),
            voice_dir=Path(env.get("EXPLAINER_VOICE_DIR", cls.voice_dir)),
        )


@dataclass(frozen=True)
class Clip:
    """An audio file for one beat and where it came from (``recorded`` or ``espeak``)."""

    path: Path
    source: str
    duration: float


def audio_duration(path: Path) -> float:
    """Length of an audio file in seconds (WAV read directly, anything else through PyAV)."""
    path = Path(path)
    if path.suffix.lower() == ".wav":
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate())
    import av  # manim's own dependency

    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration) / 1_000_000


# --- recordings ---------------------------------------------------------------------

def find_recording(settings: VoiceSettings, section: str, beat_id: str, text: str) -> Path | None:
    """The recording for ``beat_id`` of ``section``, if any; warn if its transcript is stale.

    A recording ``<beat id>.wav`` may sit beside ``<beat id>.txt``, the narration it was
    recorded from (the recording script export writes these). When that text differs from
    the beat's current narration, a :class:`StaleRecordingWarning` names the beat.
    """
    folder = settings.voice_dir / section
    for suffix in RECORDING_SUFFIXES:
        path = folder / f"{beat_id}{suffix}"
        if path.is_file():
            break
    else:
        return None
    transcript = path.with_suffix(".txt")
    if transcript.is_file():
        recorded = " ".join(transcript.read_text(encoding="utf-8").split())
        if recorded != " ".join(text.split()):
            warnings.warn(
                f"recording for beat '{section}/{beat_id}' ({path.name}) was made for different "
                f"text; re-record it or delete it to fall back to synthetic speech.\n"
                f"  recorded: {recorded}\n  now:      {' '.join(text.split())}",
                StaleRecordingWarning,
                stacklevel=3,
            )
    else:
        warnings.warn(
            f"recording for beat '{section}/{beat_id}' has no transcript {transcript.name}; "
            "cannot check that it still matches the narration",
            StaleRecordingWarning,
            stacklevel=3,
        )
    return path


# --- synthetic speech ---------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _espeak() -> tuple[str, str]:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise RuntimeError(
            "espeak-ng is not installed; run ./setup.sh (or apt-get install espeak-ng), "
            "or render without voice: EXPLAINER_VOICE=none"
        )
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    return exe, version


def _cache_key(text: str, settings: VoiceSettings) -> str:
    payload = json.dumps(
        {
            "text": speakable(text),
            "voice": settings.espeak_voice,
            "rate": settings.espeak_rate,
            "pitch": settings.espeak_pitch,
            "engine": _espeak()[1],
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def synthesize(text: str, settings: VoiceSettings) -> Path:
    """A WAV of ``text`` spoken by espeak-ng, from the cache when it was made before."""
    exe, _ = _espeak()
    target = settings.cache_dir / f"{_cache_key(text, settings)}.wav"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=target.parent)
    os.close(fd)
    try:
        # The text goes through stdin, so quotes, %, & and the like need no escaping.
        result = subprocess.run(
            [exe, "-v", settings.espeak_voice, "-s", str(settings.espeak_rate),
             "-p", str(settings.espeak_pitch), "-w", tmp, "--stdin"],
            input=speakable(text).encode("utf-8"),
            capture_output=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"espeak-ng failed ({result.returncode}) for text {text[:40]!r}: "
                f"{result.stderr.decode('utf-8', 'replace').strip()}"
            )
        os.replace(tmp, target)  # atomic: parallel renders never see half a clip
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def clip_for(settings: VoiceSettings, section: str, beat_id: str, text: str) -> Clip | None:
    """The audio for one beat under ``settings``, or ``None`` when the voice is off."""
    if settings.mode == "none" or not text.strip():
        return None
    if settings.mode == "recorded":
        path = find_recording(settings, section, beat_id, text)
        if path is not None:
            return Clip(path, "recorded", audio_duration(path))
    path = synthesize(text, settings)
    return Clip(path, "espeak", audio_duration(path))
