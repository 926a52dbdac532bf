"""Recorded narration: a person's recording of a beat replaces the synthetic voice.

A recording ``assets/voice/<section>/<beat id>.wav`` (or .mp3, .ogg, .flac, .m4a) sits beside
``<beat id>.txt``, the text it was recorded from. It is used while that text matches the beat's
narration (a warning names the beat when it does not), found by its text when the beat was
renumbered, and brought to the voice's loudness like every other clip.

A recording that cannot be right is refused (:class:`RecordingError`, naming the file and
what to do) rather than shipped: one that is not a readable audio file, one with no samples,
one that is silent (integrated loudness below :data:`SILENT_LUFS`), and one absurdly long for
its text: longer than :data:`LENGTH_FACTOR` times the reading-time estimate of its text
(:func:`~scenes.kit.text.estimate_seconds` at ``EXPLAINER_CPS``, the longer of the beat's
narration and the recording's transcript), and at least :data:`LONGEST_ALWAYS` seconds.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.files import mmss
from ..common.media import audio_duration
from .audio import CLIP_FORMAT, intact_wav, read_audio, write_checked_wav
from .spoken import estimate_seconds

if TYPE_CHECKING:
    from .options import VoiceSettings

__all__ = [
    "RECORDING_SUFFIXES",
    "StaleRecordingWarning",
    "RenumberedRecordingWarning",
    "RecordingError",
    "recordings_by_text",
    "find_recording",
    "recording_is_stale",
    "normalised_recording",
]

RECORDING_SUFFIXES = (".wav", ".mp3", ".ogg", ".flac", ".m4a")
#: a recording quieter than this (integrated loudness, LUFS) is silence: speech sits near -16
SILENT_LUFS = -60.0
#: a recording may last this many times its text's estimated reading time ...
LENGTH_FACTOR = 4.0
#: ... and always this many seconds (a slow reader of a short beat)
LONGEST_ALWAYS = 30.0


class RecordingError(ValueError):
    """A recording that cannot be right.

    The message names the file and what to do; ``problem`` says what is wrong.
    """

    problem: str = ""


class StaleRecordingWarning(UserWarning):
    """A recording's transcript no longer matches the beat's narration."""


class RenumberedRecordingWarning(UserWarning):
    """A beat's recording was found by its text under another beat id."""


def _normalised(text: str) -> str:
    return " ".join(text.split())


def recordings_by_text(settings: VoiceSettings, section: str) -> dict[str, Path]:
    """The recordings of ``section`` that have a transcript, by the transcript's text."""
    folder = settings.voice_dir / section
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for transcript in sorted(folder.glob("*.txt")):
        for suffix in RECORDING_SUFFIXES:
            audio = transcript.with_suffix(suffix)
            if audio.is_file():
                found.setdefault(_normalised(transcript.read_text(encoding="utf-8")), audio)
                break
    return found


def recording_is_stale(path: Path, text: str) -> bool:
    """Whether the recording at ``path`` was made for other text than ``text``.

    That is, whether its transcript differs. A recording without a transcript cannot be checked
    and is not counted as stale.
    """
    transcript = Path(path).with_suffix(".txt")
    return transcript.is_file() and _normalised(
        transcript.read_text(encoding="utf-8")
    ) != _normalised(text)


def find_recording(settings: VoiceSettings, section: str, beat_id: str, text: str) -> Path | None:
    """The recording for ``beat_id`` of ``section``, if any; warn if its transcript is stale.

    A recording ``<beat id>.wav`` may sit beside ``<beat id>.txt``, the narration it was
    recorded from (the recording script export writes these). When that text differs from
    the beat's current narration, a :class:`StaleRecordingWarning` names the beat. A beat whose
    id changed (a block was inserted before it in the same method) still finds its recording
    by the transcript's text, with a warning saying how to rename the file.
    """
    folder = settings.voice_dir / section
    for suffix in RECORDING_SUFFIXES:
        path = folder / f"{beat_id}{suffix}"
        if path.is_file():
            break
    else:
        path = None
    transcript = path.with_suffix(".txt") if path is not None else None
    recorded = (
        _normalised(transcript.read_text(encoding="utf-8"))
        if transcript and transcript.is_file()
        else None
    )
    if recorded != _normalised(text):
        moved = recordings_by_text(settings, section).get(_normalised(text))
        if moved is not None:
            warnings.warn(
                f"beat '{section}/{beat_id}' uses the recording {moved.name}, found by its text: "
                f"the beat was renumbered. Rename {moved.stem}.* to {beat_id}.* in {folder}.",
                RenumberedRecordingWarning,
                stacklevel=3,
            )
            return moved
    if path is None:
        return None
    if recorded is None:
        warnings.warn(
            f"recording for beat '{section}/{beat_id}' has no transcript "
            f"{path.with_suffix('.txt').name}; cannot check that it still matches the narration",
            StaleRecordingWarning,
            stacklevel=3,
        )
    elif recorded != _normalised(text):
        warnings.warn(
            f"recording for beat '{section}/{beat_id}' ({path.name}) was made for different "
            f"text; re-record it or delete it to fall back to synthetic speech.\n"
            f"  recorded: {recorded}\n  now:      {_normalised(text)}",
            StaleRecordingWarning,
            stacklevel=3,
        )
    return path


def _refuse(path: Path, beat: str | None, problem: str) -> RecordingError:
    where = f" (beat {beat})" if beat else ""
    error = RecordingError(
        f"recording {path}{where} {problem}: record it again, or delete it to fall back "
        f"to the synthetic voice"
    )
    error.problem = problem
    return error


def _decoded(path: Path, beat: str | None):
    """The recording's samples and rate, or :class:`RecordingError` if it cannot be read."""
    import av

    try:
        samples, rate = read_audio(path)
    except (av.error.FFmpegError, IndexError) as exc:  # IndexError: a file without an audio stream
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise _refuse(
            path,
            beat,
            f"is not a readable audio file (the decoder says: {reason}); the "
            f"accepted formats are {', '.join(RECORDING_SUFFIXES)}",
        ) from None
    if samples.size == 0:
        raise _refuse(path, beat, "has no samples (the file holds no sound)")
    return samples, rate


def _stated_length(path: Path) -> float | None:
    """The length the recording's header states, or ``None`` if it cannot be read."""
    try:
        return audio_duration(path)
    except Exception:  # wave, PyAV and OS errors alike: decoding the file then says what is wrong
        return None


def _check_length(
    path: Path, beat: str | None, seconds: float, texts: list[str], settings: VoiceSettings
) -> None:
    """Refuse a recording far longer than reading its text takes (see the module's rule)."""
    if not texts:
        return
    estimate = max(estimate_seconds(t, settings.chars_per_second) for t in texts)
    longest = max(LONGEST_ALWAYS, LENGTH_FACTOR * estimate)
    if seconds > longest:
        raise _refuse(
            path,
            beat,
            f"lasts {mmss(seconds)}, but its text takes about {estimate:.0f} s to read "
            f"(at most {mmss(longest, 0)} is accepted): it is the wrong file, or holds more than "
            f"this beat",
        )


def normalised_recording(
    path: Path, settings: VoiceSettings, text: str | None = None, beat: str | None = None
) -> Path:
    """A loudness-normalised WAV copy of a recording, cached by the recording's content.

    ``text`` is the beat's narration (the length check, with the recording's transcript) and
    ``beat`` its name for messages. A recording that is not a readable audio file, has no
    samples, is silent or is far too long for its text raises :class:`RecordingError`.
    """
    from .loudness import measure, normalise

    path = Path(path)
    transcript = path.with_suffix(".txt")
    texts = [
        t
        for t in (text, transcript.read_text(encoding="utf-8") if transcript.is_file() else None)
        if t
    ]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    target = settings.cache_dir / "recorded" / f"{digest}-v{CLIP_FORMAT}.wav"
    if intact_wav(target) is not None:
        _check_length(path, beat, audio_duration(target), texts, settings)
        return target
    stated = _stated_length(path)  # a long recording is refused before it is decoded
    if stated is not None:
        _check_length(path, beat, stated, texts, settings)
    samples, rate = _decoded(path, beat)
    _check_length(path, beat, samples.size / rate, texts, settings)
    level = measure(samples, rate)
    if not level.lufs >= SILENT_LUFS:  # -inf for digital silence
        raise _refuse(
            path,
            beat,
            f"is silent (loudness {level.lufs:.0f} LUFS; speech is near -16, and below "
            f"{SILENT_LUFS:.0f} counts as silence)",
        )
    write_checked_wav(target, normalise(samples, rate), rate)
    return target
