"""The synthetic voices behind one small interface, and where each is found.

An engine turns narration into audio. What the rest of the pipeline needs from it is four
things (:class:`Engine`): what decides how a text sounds (hashed into the clip's cache name, so
a changed voice or lexicon makes the clip again and an unchanged one never does), the same for
a clip cut at word anchors, the samples of the pieces with the time each piece starts, and how
fast it speaks compared with its default (the check that no part of a clip is missing).

The engines are named in :data:`scenes.speech.options.ENGINE_MODULES` (name -> module); each
module defines ``ENGINE``. Adding a voice is one module and one line there. Recordings and
silence (voice ``none``) are not engines: :func:`scenes.speech.voice.clip_for` chooses them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .options import ENGINE_MODULES

if TYPE_CHECKING:
    from .options import VoiceSettings

__all__ = [
    "Engine",
    "TextTooLongError",
    "engine",
    "joined",
    "PIECE_GAP",
    "CLAUSE_GAP",
    "SENTENCE_ENDS",
]

#: pauses between the pieces of a clip spoken one by one: after a sentence, inside one
PIECE_GAP = 0.25
CLAUSE_GAP = 0.12
SENTENCE_ENDS = "。！？；!?;"


class TextTooLongError(ValueError):
    """A piece of text the engine cannot say in one go; the message says where to cut it."""


class Engine(Protocol):
    """A synthetic voice."""

    name: str

    def spoken_form(self, text: str, settings: VoiceSettings) -> dict:
        """Everything that decides how ``text`` (one piece) sounds.

        JSON-able; it is hashed into the clip's name.
        """

    def pieces_form(self, pieces: list[str], settings: VoiceSettings) -> dict | None:
        """The same for a clip of several pieces.

        ``None`` when each piece is said on its own (:func:`joined`).
        """

    def speak_pieces(
        self, pieces: list[str], settings: VoiceSettings
    ) -> tuple[np.ndarray, list[float], int]:
        """The pieces said one after the other.

        Returns mono float32 samples, where each piece starts (s) and the rate.
        """

    def speed(self, settings: VoiceSettings) -> float:
        """How fast it speaks under ``settings`` compared with its default (1.0)."""


def engine(name: str) -> Engine:
    """The engine called ``name`` (its module is imported on first use)."""
    try:
        module = ENGINE_MODULES[name]
    except KeyError:
        raise ValueError(
            f"{name!r} is not a voice engine; known: {', '.join(ENGINE_MODULES)}"
        ) from None
    return importlib.import_module(module).ENGINE


def joined(pieces: list[str], say) -> tuple[np.ndarray, list[float], int]:
    """``say(piece) -> (samples, rate)`` for each piece, joined by pauses (longer after a sentence).

    For an engine that says each piece on its own: the start of every piece is then known exactly.
    """
    parts, marks, rate, t = [], [], None, 0.0
    for k, piece in enumerate(pieces):
        samples, rate = say(piece)
        if k:
            gap = PIECE_GAP if pieces[k - 1].rstrip()[-1:] in SENTENCE_ENDS else CLAUSE_GAP
            parts.append(np.zeros(round(gap * rate), np.float32))
            t += gap
        marks.append(round(t, 4))
        parts.append(np.asarray(samples, np.float32))
        t += len(samples) / rate
    return np.concatenate(parts), marks, rate
