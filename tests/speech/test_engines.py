"""A voice engine is one module and one registration: a tiny test engine proves it.

The engine below ("beep": a tone per character) is registered by name, as a new voice would be in
scenes.speech.options.ENGINE_MODULES, and a beat's clip is then made by it through the same
path as Kokoro's: cached under a name from its spoken form, checked complete, marks at its pieces.
"""

import json

import numpy as np
import pytest

from scenes.speech import options
from scenes.speech.audio import read_audio
from scenes.speech.engines import PIECE_GAP, engine, joined
from scenes.speech.options import VoiceSettings
from scenes.speech.voice import IncompleteClipError, cached_clip, clip_for

RATE = 16000
SECONDS_PER_CHAR = 0.3


class BeepEngine:
    """A 440 Hz tone, 0.3 s per character; ``short`` says just the first one (a broken engine)."""

    name = "beep"
    short = False

    def spoken_form(self, text, settings):
        return {"engine": "beep", "text": text, "short": self.short}

    def pieces_form(self, pieces, settings):
        return None  # each piece on its own, joined with pauses

    def speak_pieces(self, pieces, settings):
        def say(piece):
            n = 1 if self.short else len(piece)
            t = np.arange(round(n * SECONDS_PER_CHAR * RATE)) / RATE
            return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), RATE

        return joined(pieces, say)

    def speed(self, settings):
        return 1.0


ENGINE = BeepEngine()


@pytest.fixture
def beep(monkeypatch, tmp_path):
    monkeypatch.setitem(options.ENGINE_MODULES, "beep", __name__)  # the one registration
    ENGINE.short = False
    return VoiceSettings(mode="beep", cache_dir=tmp_path / "voice")


def test_the_registered_engine_is_found_by_name(beep):
    assert beep.engine == "beep"
    assert engine("beep") is ENGINE
    with pytest.raises(
        ValueError, match="'nope' is not a voice engine; known: kokoro, espeak, beep"
    ):
        engine("nope")


def test_a_beat_is_voiced_by_the_new_engine(beep):
    text = "先看左边，再看右边。"
    clip = clip_for(beep, "t1", "look.1", text, splits=(5,))
    assert clip.source == "beep"
    assert clip.path == cached_clip(text, beep, (5,))
    # two pieces of five characters, a clause pause between them
    assert clip.marks == (0.0, pytest.approx(5 * SECONDS_PER_CHAR + 0.12, abs=1e-3))
    samples, rate = read_audio(clip.path)
    assert rate == RATE
    assert len(samples) / rate == pytest.approx(clip.duration, abs=0.01)
    assert clip.duration == pytest.approx(10 * SECONDS_PER_CHAR + 0.12, abs=0.01)
    record = json.loads(clip.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert record["marks"] == list(clip.marks)
    # the clip is reused while its spoken form is the same, and made again when it changes
    assert clip_for(beep, "t1", "look.1", text, splits=(5,)).path == clip.path
    ENGINE.short = True
    assert cached_clip(text, beep, (5,)) != clip.path


def test_a_clip_that_lacks_part_of_its_text_is_refused_naming_the_beat(beep):
    ENGINE.short = True  # says one character per piece
    with pytest.raises(IncompleteClipError, match="beat t1/look.1: the beep voice made"):
        clip_for(beep, "t1", "look.1", "先看左边，再看右边，然后看中间。")
    assert not list((beep.cache_dir).glob("*.wav"))  # the broken clip was deleted


def test_pieces_said_on_their_own_are_joined_with_a_pause():
    _, marks, rate = joined(
        ["一句。", "两句"], lambda p: (np.zeros(len(p) * 100, np.float32), 1000)
    )
    assert marks == [0.0, pytest.approx(0.3 + PIECE_GAP)]
    assert rate == 1000
