"""Where a beat's voice comes from: a recording, Kokoro (neural, offline), espeak-ng, or nothing.

All settings come from environment variables (``./render.sh --voice`` sets the first):

``EXPLAINER_VOICE``
    ``recorded`` (default): a recording in ``assets/voice/<section>/<beat id>.wav`` (or
    ``.mp3 .ogg .flac .m4a``) where there is one, the Kokoro voice for every other beat.
    ``kokoro``: every beat synthesised by Kokoro-82M, recordings ignored.
    ``espeak``: every beat synthesised by espeak-ng (light and robotic; a fallback).
    ``none``: silent; timing comes from the reading-speed estimate.
``EXPLAINER_KOKORO_VOICE`` / ``EXPLAINER_KOKORO_SPEED``
    Kokoro voice (default ``zf_xiaobei``, female; ``zm_yunjian`` is male) and speed
    (default 1.0; 1.1 is ten per cent faster).
``EXPLAINER_LEXICON``
    The pronunciation lexicon (default ``assets/pronunciation.toml``).
``EXPLAINER_CPS``
    Reading speed, in Chinese characters per second, for beats without audio (default 4.2, about Kokoro's pace).
``EXPLAINER_ESPEAK_VOICE`` / ``EXPLAINER_ESPEAK_RATE`` / ``EXPLAINER_ESPEAK_PITCH``
    espeak-ng voice (default ``cmn-latn-pinyin``), rate in words per minute (default 170)
    and pitch 0-99 (default 50).
``EXPLAINER_MODELS``
    Folder where the Kokoro model is joined from its parts on first use (default ``.cache/models``).
``EXPLAINER_CACHE``
    Folder of voice clips (default ``.cache/voice`` at the repository root). A clip's file
    name is a hash of what is spoken (for Kokoro: the phonemes, so a lexicon edit re-makes
    only the beats it touches) and of every setting above, so an unchanged beat is never
    synthesised twice and a changed one never reuses a stale clip.

Every clip, synthetic or recorded, is normalised to the same loudness
(:mod:`scenes.kit.loudness`) before a scene uses it.
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

import numpy as np

from .text import speakable

__all__ = [
    "REPO_ROOT",
    "VOICE_MODES",
    "ENGINES",
    "RECORDING_SUFFIXES",
    "VoiceSettings",
    "StaleRecordingWarning",
    "Clip",
    "audio_duration",
    "read_audio",
    "write_wav",
    "find_recording",
    "synthesize",
    "clip_for",
]

REPO_ROOT = Path(__file__).resolve().parents[2]
VOICE_MODES = ("recorded", "kokoro", "espeak", "none")
#: the synthetic voices, by mode (``recorded`` falls back to the first)
ENGINES = ("kokoro", "espeak")
RECORDING_SUFFIXES = (".wav", ".mp3", ".ogg", ".flac", ".m4a")
#: bump when the way a clip is made changes, so that old cached clips are not reused
CLIP_FORMAT = 3


class StaleRecordingWarning(UserWarning):
    """A recording's transcript no longer matches the beat's narration."""


@dataclass(frozen=True)
class VoiceSettings:
    mode: str = "recorded"
    chars_per_second: float = 4.2  # about Kokoro zf_xiaobei at speed 1.0
    kokoro_voice: str = "zf_xiaobei"
    kokoro_speed: float = 1.0
    lexicon: Path | None = None    # None: assets/pronunciation.toml
    espeak_voice: str = "cmn-latn-pinyin"
    espeak_rate: int = 170
    espeak_pitch: int = 50
    cache_dir: Path = REPO_ROOT / ".cache" / "voice"
    model_dir: Path = REPO_ROOT / ".cache" / "models"
    voice_dir: Path = REPO_ROOT / "assets" / "voice"

    @property
    def engine(self) -> str | None:
        """The synthetic voice this mode uses for beats without a recording."""
        if self.mode == "none":
            return None
        return self.mode if self.mode in ENGINES else ENGINES[0]

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

        speed = number("EXPLAINER_KOKORO_SPEED", cls.kokoro_speed, float)
        if not 0.5 <= speed <= 2.0:
            raise ValueError(f"EXPLAINER_KOKORO_SPEED must be between 0.5 and 2.0, got {speed}")
        lexicon = env.get("EXPLAINER_LEXICON")
        return cls(
            mode=mode,
            chars_per_second=number("EXPLAINER_CPS", cls.chars_per_second, float),
            kokoro_voice=env.get("EXPLAINER_KOKORO_VOICE", cls.kokoro_voice),
            kokoro_speed=speed,
            lexicon=Path(lexicon) if lexicon else None,
            espeak_voice=env.get("EXPLAINER_ESPEAK_VOICE", cls.espeak_voice),
            espeak_rate=number("EXPLAINER_ESPEAK_RATE", cls.espeak_rate, int),
            espeak_pitch=number("EXPLAINER_ESPEAK_PITCH", cls.espeak_pitch, int),
            cache_dir=Path(env.get("EXPLAINER_CACHE", cls.cache_dir)),
            model_dir=Path(env.get("EXPLAINER_MODELS", cls.model_dir)),
            voice_dir=Path(env.get("EXPLAINER_VOICE_DIR", cls.voice_dir)),
        )


@dataclass(frozen=True)
class Clip:
    """An audio file for one beat and where it came from (``recorded``, ``kokoro``, ``espeak``)."""

    path: Path
    source: str
    duration: float


# --- audio files --------------------------------------------------------------------

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


def write_wav(path: Path, samples: np.ndarray, rate: int) -> Path:
    """Write mono 16-bit PCM atomically (parallel renders never see half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).round().astype("<i2").tobytes()
    fd, tmp = tempfile.mkstemp(suffix=".wav", dir=path.parent)
    os.close(fd)
    try:
        with wave.open(tmp, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(pcm)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


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


def normalised_recording(path: Path, settings: VoiceSettings) -> Path:
    """A loudness-normalised WAV copy of a recording, cached by the recording's content."""
    from .loudness import normalise

    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:24]
    target = settings.cache_dir / "recorded" / f"{digest}-v{CLIP_FORMAT}.wav"
    if not target.is_file():
        samples, rate = read_audio(path)
        write_wav(target, normalise(samples, rate), rate)
    return target


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


@functools.lru_cache(maxsize=4)
def _lexicon(path: Path | None):
    from .pronounce import load_lexicon

    return load_lexicon(path)


def _spoken_form(text: str, settings: VoiceSettings) -> dict:
    """Everything that decides how a clip sounds (the cache key is its hash)."""
    if settings.engine == "kokoro":
        from . import kokoro

        return {
            "engine": "kokoro",
            "model": kokoro.MODEL_SHA256,
            "voice": settings.kokoro_voice,
            "voice_sha": kokoro.VOICES.get(settings.kokoro_voice, "?"),
            "speed": settings.kokoro_speed,
            "phonemes": kokoro.phonemes_for(speakable(text), _lexicon(settings.lexicon)),
            "format": CLIP_FORMAT,
        }
    return {
        "engine": _espeak()[1],
        "text": speakable(text),
        "voice": settings.espeak_voice,
        "rate": settings.espeak_rate,
        "pitch": settings.espeak_pitch,
        "format": CLIP_FORMAT,
    }


def _cache_key(text: str, settings: VoiceSettings) -> str:
    payload = json.dumps(_spoken_form(text, settings), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def cached_clip(text: str, settings: VoiceSettings) -> Path:
    """Where the clip for ``text`` under ``settings`` is (or will be) cached."""
    return settings.cache_dir / f"{_cache_key(text, settings)}.wav"


def _espeak_samples(text: str, settings: VoiceSettings) -> tuple[np.ndarray, int]:
    exe, _ = _espeak()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "espeak.wav"
        # The text goes through stdin, so quotes, %, & and the like need no escaping.
        result = subprocess.run(
            [exe, "-v", settings.espeak_voice, "-s", str(settings.espeak_rate),
             "-p", str(settings.espeak_pitch), "-w", str(out), "--stdin"],
            input=speakable(text).encode("utf-8"),
            capture_output=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"espeak-ng failed ({result.returncode}) for text {text[:40]!r}: "
                f"{result.stderr.decode('utf-8', 'replace').strip()}"
            )
        return read_audio(out)


def synthesize(text: str, settings: VoiceSettings) -> Path:
    """A loudness-normalised WAV of ``text`` in the synthetic voice of ``settings``,
    from the cache when it was made before."""
    from .loudness import normalise

    target = cached_clip(text, settings)
    if target.is_file():
        return target
    if settings.engine == "kokoro":
        from . import kokoro

        samples = kokoro.speak(speakable(text), voice=settings.kokoro_voice, speed=settings.kokoro_speed,
                               lexicon=_lexicon(settings.lexicon), cache_dir=settings.model_dir)
        rate = kokoro.SAMPLE_RATE
    else:
        samples, rate = _espeak_samples(text, settings)
    return write_wav(target, normalise(samples, rate), rate)


def clip_for(settings: VoiceSettings, section: str, beat_id: str, text: str) -> Clip | None:
    """The audio for one beat under ``settings``, or ``None`` when the voice is off."""
    if settings.mode == "none" or not text.strip():
        return None
    if settings.mode == "recorded":
        path = find_recording(settings, section, beat_id, text)
        if path is not None:
            clip = normalised_recording(path, settings)
            return Clip(clip, "recorded", audio_duration(clip))
    path = synthesize(text, settings)
    return Clip(path, settings.engine, audio_duration(path))
