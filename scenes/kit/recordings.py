"""Recorded narration: a person's recording of a beat replaces the synthetic voice.

A recording ``assets/voice/<section>/<beat id>.wav`` (or .mp3, .ogg, .flac, .m4a) sits beside
``<beat id>.txt``, the text it was recorded from. It is used while that text matches the beat's
narration (a warning names the beat when it does not), found by its text when the beat was
renumbered, and brought to the voice's loudness like every other clip.
"""
from __future__ import annotations

import hashlib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from .audio import CLIP_FORMAT, read_audio, write_wav

if TYPE_CHECKING:
    from .voice import VoiceSettings

__all__ = ["RECORDING_SUFFIXES", "StaleRecordingWarning", "RenumberedRecordingWarning", "recordings_by_text",
           "find_recording", "normalised_recording"]

RECORDING_SUFFIXES = (".wav", ".mp3", ".ogg", ".flac", ".m4a")


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
    recorded = _normalised(transcript.read_text(encoding="utf-8")) if transcript and transcript.is_file() else None
    if recorded != _normalised(text):
        moved = recordings_by_text(settings, section).get(_normalised(text))
        if moved is not None:
            warnings.warn(
                f"beat '{section}/{beat_id}' uses the recording {moved.name}, found by its text: the beat "
                f"was renumbered. Rename {moved.stem}.* to {beat_id}.* in {folder}.",
                RenumberedRecordingWarning, stacklevel=3)
            return moved
    if path is None:
        return None
    if recorded is None:
        warnings.warn(
            f"recording for beat '{section}/{beat_id}' has no transcript {path.with_suffix('.txt').name}; "
            "cannot check that it still matches the narration",
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


def normalised_recording(path: Path, settings: VoiceSettings) -> Path:
    """A loudness-normalised WAV copy of a recording, cached by the recording's content."""
    from .loudness import normalise

    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:24]
    target = settings.cache_dir / "recorded" / f"{digest}-v{CLIP_FORMAT}.wav"
    if not target.is_file():
        samples, rate = read_audio(path)
        write_wav(target, normalise(samples, rate), rate)
    return target
