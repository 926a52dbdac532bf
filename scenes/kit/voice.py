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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..sections import REPO_ROOT
from .audio import CLIP_FORMAT, pcm16, read_audio, write_wav
from .media import audio_duration
from .options import DEFAULT_VOICE_MODE, ENGINES, VOICE_ENV, VOICE_MODES
from .recordings import (
    RECORDING_SUFFIXES,
    RenumberedRecordingWarning,
    StaleRecordingWarning,
    find_recording,
    normalised_recording,
    recordings_by_text,
)
from .text import speakable

__all__ = [
    "REPO_ROOT",
    "VOICE_MODES",
    "ENGINES",
    "RECORDING_SUFFIXES",
    "VoiceSettings",
    "StaleRecordingWarning",
    "RenumberedRecordingWarning",
    "recordings_by_text",
    "pcm16",
    "Clip",
    "audio_duration",
    "read_audio",
    "write_wav",
    "find_recording",
    "synthesize",
    "clip_for",
]

#: pauses between the pieces of a clip cut at word anchors: after a sentence, inside one
PIECE_GAP = 0.25
CLAUSE_GAP = 0.12
SENTENCE_ENDS = "。！？；!?;"


@dataclass(frozen=True)
class VoiceSettings:
    mode: str = DEFAULT_VOICE_MODE
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
        name = VOICE_ENV
        mode = env.get(name["mode"], DEFAULT_VOICE_MODE).strip().lower()
        if mode not in VOICE_MODES:
            raise ValueError(
                f"{name['mode']}={mode!r} is not a voice mode; use one of {', '.join(VOICE_MODES)}"
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

        speed = number(name["kokoro_speed"], cls.kokoro_speed, float)
        if not 0.5 <= speed <= 2.0:
            raise ValueError(f"{name['kokoro_speed']} must be between 0.5 and 2.0, got {speed}")
        lexicon = env.get(name["lexicon"])
        return cls(
            mode=mode,
            chars_per_second=number(name["chars_per_second"], cls.chars_per_second, float),
            kokoro_voice=env.get(name["kokoro_voice"], cls.kokoro_voice),
            kokoro_speed=speed,
            lexicon=Path(lexicon) if lexicon else None,
            espeak_voice=env.get(name["espeak_voice"], cls.espeak_voice),
            espeak_rate=number(name["espeak_rate"], cls.espeak_rate, int),
            espeak_pitch=number(name["espeak_pitch"], cls.espeak_pitch, int),
            cache_dir=Path(env.get(name["cache_dir"], cls.cache_dir)),
            model_dir=Path(env.get(name["model_dir"], cls.model_dir)),
            voice_dir=Path(env.get(name["voice_dir"], cls.voice_dir)),
        )


@dataclass(frozen=True)
class Clip:
    """An audio file for one beat and where it came from (``recorded``, ``kokoro``, ``espeak``)."""

    path: Path
    source: str
    duration: float
    #: where each piece of the text starts in the clip (seconds; see :func:`split_text`), when
    #: the clip was made piece by piece; ``None`` for a recording (times are then estimated)
    marks: tuple[float, ...] | None = None


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
    """Everything that decides how one piece sounds."""
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


def _cache_key(text: str, settings: VoiceSettings, splits: tuple[int, ...] = ()) -> str:
    pieces = split_text(text, splits)
    if len(pieces) == 1:
        form = _spoken_form(text, settings)
    elif settings.engine == "kokoro":   # read on as one text: the calls and where pieces start
        from . import kokoro

        form = {**_spoken_form("", settings), "phonemes": None, "marks": "model durations",
                "calls": kokoro.plan_calls([speakable(p) for p in pieces], _lexicon(settings.lexicon))}
    else:
        form = {"pieces": [_spoken_form(p, settings) for p in pieces], "gaps": [PIECE_GAP, CLAUSE_GAP]}
    payload = json.dumps(form, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def cached_clip(text: str, settings: VoiceSettings, splits: tuple[int, ...] = ()) -> Path:
    """Where the clip for ``text`` (cut at ``splits``) under ``settings`` is (or will be) cached."""
    return settings.cache_dir / f"{_cache_key(text, settings, splits)}.wav"


def split_text(text: str, splits: tuple[int, ...] = ()) -> list[str]:
    """``text`` cut before each character position in ``splits`` (the word anchors of a beat).

    >>> split_text("先看左边，再看右边。", (5,))
    ['先看左边，', '再看右边。']
    """
    cuts = [0, *sorted(i for i in set(splits) if 0 < i < len(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


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
    """A loudness-normalised WAV of ``text`` in the synthetic voice of ``settings`` (cached)."""
    return synthesize_pieces(text, settings)[0]


def synthesize_pieces(text: str, settings: VoiceSettings,
                      splits: tuple[int, ...] = ()) -> tuple[Path, tuple[float, ...]]:
    """A loudness-normalised WAV of ``text`` and the time at which each piece starts in it.

    The pieces are ``split_text(text, splits)``, spoken in the synthetic voice of ``settings``;
    the clip comes from the cache when it was made before.

    Kokoro reads the pieces on as one text and reports where each starts (its per-token
    durations), so the pauses between them are its own. espeak says each piece on its own and
    the pieces are joined with a pause (:data:`PIECE_GAP` after a sentence, :data:`CLAUSE_GAP`
    inside one). Either way the start of every piece -- the phrase an animation waits for --
    is known exactly.
    """
    from .loudness import normalise

    target = cached_clip(text, settings, splits)
    marks_file = target.with_suffix(".json")
    pieces = split_text(text, splits)
    if target.is_file() and (len(pieces) == 1 or marks_file.is_file()):
        marks = json.loads(marks_file.read_text(encoding="utf-8")) if len(pieces) > 1 else [0.0]
        return target, tuple(marks)
    if settings.engine == "kokoro":
        from . import kokoro

        samples, marks = kokoro.speak_pieces(
            [speakable(p) for p in pieces], voice=settings.kokoro_voice, speed=settings.kokoro_speed,
            lexicon=_lexicon(settings.lexicon), cache_dir=settings.model_dir)
        parts, rate = [samples], kokoro.SAMPLE_RATE
    else:
        parts, marks, rate, t = [], [], None, 0.0
        for k, piece in enumerate(pieces):
            samples, rate = _espeak_samples(piece, settings)
            if k:
                gap = PIECE_GAP if pieces[k - 1].rstrip()[-1:] in SENTENCE_ENDS else CLAUSE_GAP
                parts.append(np.zeros(round(gap * rate), np.float32))
                t += gap
            marks.append(round(t, 4))
            parts.append(np.asarray(samples, np.float32))
            t += len(samples) / rate
    write_wav(target, normalise(np.concatenate(parts), rate), rate)
    if len(pieces) > 1:
        from .files import atomic_write_text

        atomic_write_text(marks_file, json.dumps(marks))
    return target, tuple(marks)


def clip_for(settings: VoiceSettings, section: str, beat_id: str, text: str,
             splits: tuple[int, ...] = ()) -> Clip | None:
    """The audio for one beat under ``settings``, or ``None`` when the voice is off.

    ``splits`` are the character positions of the beat's word anchors: a synthetic clip is made
    piece by piece so that each anchor's time is exact (see :func:`synthesize`).
    """
    if settings.mode == "none" or not text.strip():
        return None
    if settings.mode == "recorded":
        path = find_recording(settings, section, beat_id, text)
        if path is not None:
            clip = normalised_recording(path, settings)
            return Clip(clip, "recorded", audio_duration(clip))
    path, marks = synthesize_pieces(text, settings, splits)
    return Clip(path, settings.engine, audio_duration(path), marks)
