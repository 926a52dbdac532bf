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
    Reading speed, in Chinese characters per second, for beats
    without audio (default 4.2, about Kokoro's pace).
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
(:mod:`scenes.speech.loudness`) before a scene uses it. A cached clip is used only if it is what
was written (its record beside it, :func:`scenes.speech.audio.intact_wav`); otherwise it is made
again. A synthetic clip far shorter than its text takes to say is refused
(:class:`IncompleteClipError`): no beat ships with part of its narration missing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..common.media import audio_duration
from ..paths import REPO_ROOT
from .align import recorded_marks
from .audio import intact_wav, write_checked_wav
from .engines import CLAUSE_GAP, PIECE_GAP, TextTooLongError, engine
from .options import VoiceSettings
from .recordings import (
    find_recording,
    normalised_recording,
    recording_is_stale,
)
from .spoken import estimate_seconds

__all__ = [
    "IncompleteClipError",
    "Clip",
    "split_text",
    "cached_clip",
    "synthesize",
    "synthesize_pieces",
    "clip_for",
]

#: no synthetic voice says more than this (characters per second, as :func:`estimate_seconds`
#: counts them) at normal speed: a clip faster than that lacks part of its text. Measured:
#: Kokoro 4.1-4.5 at speed 1.0 (9 at 2.0), espeak-ng 3.4-3.6 at 170 words a minute (10 at 450);
#: the limit grows with the speed setting.
MAX_CHARS_PER_SECOND = 12.0


class IncompleteClipError(RuntimeError):
    """A synthetic clip far shorter than its text takes to say: part of the narration is missing."""


@dataclass(frozen=True)
class Clip:
    """An audio file for one beat and where it came from (``recorded``, ``kokoro``, ``espeak``)."""

    path: Path
    source: str
    duration: float
    #: where each piece of the text starts in the clip (seconds;
    # see :func:`split_text`): known for a
    #: synthetic clip, found by speech recognition in a recording
    # (:mod:`scenes.speech.align`); ``None``
    #: when the beat has no anchors or no recogniser is installed (times are then estimated)
    marks: tuple[float, ...] | None = None
    #: the recording the clip was made from (``None`` for a synthetic clip)
    recording: Path | None = None
    #: the recording was made for other text than the beat's
    # narration now (see :func:`find_recording`)
    stale: bool = False

    @property
    def stale_recording(self) -> str | None:
        """The recording's file (relative to the repository when inside it) if it is stale."""
        if not self.stale or self.recording is None:
            return None
        path = Path(self.recording)
        return str(path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path)


# --- synthetic speech ---------------------------------------------------------------


def _cache_key(text: str, settings: VoiceSettings, splits: tuple[int, ...] = ()) -> str:
    pieces = split_text(text, splits)
    voice = engine(settings.engine)
    if len(pieces) == 1:
        form = voice.spoken_form(text, settings)
    else:
        form = voice.pieces_form(pieces, settings) or {
            "pieces": [voice.spoken_form(p, settings) for p in pieces],
            "gaps": [PIECE_GAP, CLAUSE_GAP],
        }
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


def synthesize(text: str, settings: VoiceSettings) -> Path:
    """A loudness-normalised WAV of ``text`` in the synthetic voice of ``settings`` (cached)."""
    return synthesize_pieces(text, settings)[0]


def synthesize_pieces(
    text: str, settings: VoiceSettings, splits: tuple[int, ...] = ()
) -> tuple[Path, tuple[float, ...]]:
    """A loudness-normalised WAV of ``text`` and the time at which each piece starts in it.

    The pieces are ``split_text(text, splits)``, spoken in the synthetic voice of ``settings``;
    the clip comes from the cache when it was made before.

    The engine (:mod:`scenes.speech.engines`) says them: Kokoro reads the pieces on as one text
    and reports where each starts (its per-token durations), so the pauses between them are its
    own; espeak says each piece on its own and the pieces are joined with a pause
    (:func:`~scenes.speech.engines.joined`). Either way the start of every piece -- the phrase an
    animation waits for -- is known exactly.
    """
    from .loudness import normalise

    target = cached_clip(text, settings, splits)
    pieces = split_text(text, splits)
    record = intact_wav(target)
    if record is not None and len(record.get("marks", ())) == len(pieces):
        return target, tuple(record["marks"])
    samples, marks, rate = engine(settings.engine).speak_pieces(pieces, settings)
    write_checked_wav(target, normalise(samples, rate), rate, marks=list(marks))
    return target, tuple(marks)


def _check_complete(
    path: Path, duration: float, text: str, settings: VoiceSettings, beat: str
) -> None:
    """Refuse a synthetic clip far shorter than ``text`` takes to say (and delete it)."""
    speed = engine(settings.engine).speed(settings)
    least = estimate_seconds(text, MAX_CHARS_PER_SECOND * speed)
    if duration >= least:
        return
    for made in (path, path.with_suffix(".json")):  # the clip and its record
        made.unlink(missing_ok=True)
    raise IncompleteClipError(
        f"beat {beat}: the {settings.engine} voice made {duration:.1f} s of audio for narration "
        f"that takes at least {least:.1f} s to say ({len(text)} characters): part of it is "
        f"missing. The clip {path} was deleted. Build again; if this happens again, cut the beat's "
        "narration into shorter sentences (with 。 or ，)."
    )


def clip_for(
    settings: VoiceSettings, section: str, beat_id: str, text: str, splits: tuple[int, ...] = ()
) -> Clip | None:
    """The audio for one beat under ``settings``, or ``None`` when the voice is off.

    ``splits`` are the character positions of the beat's word anchors: a synthetic clip is made
    piece by piece so that each anchor's time is exact (see :func:`synthesize`); in a recording
    they are found by speech recognition (:func:`~scenes.speech.align.recorded_marks`).

    A recording that cannot be right raises :class:`RecordingError`, a clause too long for the
    voice :class:`~scenes.speech.engines.TextTooLongError` (Kokoro's ``ClauseTooLongError``), a
    synthetic clip that lacks part of its text :class:`IncompleteClipError`; each message names the
    beat.
    """
    if settings.mode == "none" or not text.strip():
        return None
    beat = f"{section}/{beat_id}"
    if settings.mode == "recorded":
        path = find_recording(settings, section, beat_id, text)
        if path is not None:
            clip = normalised_recording(path, settings, text=text, beat=beat)
            duration = audio_duration(clip)
            marks = recorded_marks(
                clip, text, splits, beat, duration, str(settings.lexicon or "") or None
            )
            return Clip(
                clip,
                "recorded",
                duration,
                marks,
                recording=path,
                stale=recording_is_stale(path, text),
            )
    try:
        path, marks = synthesize_pieces(text, settings, splits)
    except TextTooLongError as exc:
        raise type(exc)(f"beat {beat}: {exc}") from None
    duration = audio_duration(path)
    _check_complete(path, duration, text, settings, beat)
    return Clip(path, settings.engine, duration, marks)
