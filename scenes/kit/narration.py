"""The narrated base scene: narration blocks that drive timing, subtitles and voice.

A section writes its narration as plain Chinese next to the animation it accompanies::

    with self.narrate(f"这枚骰子的熵是 {fmt_num(h)} 比特。") as beat:
        self.play(FadeIn(bars), run_time=beat.duration / 2)

Entering the block adds the beat's voice clip (recorded or synthesised) and its subtitle
cues at the current time; leaving it waits out whatever time the animations did not use,
so the narration is never cut short. A beat lasts as long as its audio, or, without audio,
as long as the reading-speed estimate says.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from dataclasses import dataclass, field

from manim import Scene

from .text import cue_timings, estimate_seconds, split_cues
from .voice import Clip, VoiceSettings, clip_for

__all__ = ["Beat", "NarratedScene", "PAUSE_AFTER_BEAT"]

#: Breathing space after each beat's speech, in seconds.
PAUSE_AFTER_BEAT = 0.4


@dataclass
class Beat:
    """One narration block: its text, stable id, clip and timing."""

    scene: "NarratedScene"
    beat_id: str
    text: str
    speech: float               # seconds of speech (audio length or estimate)
    clip: Clip | None
    start: float = 0.0
    cues: list[tuple[str, float, float]] = field(default_factory=list)

    @property
    def duration(self) -> float:
        """Total length of the beat: the speech plus a short pause."""
        return self.speech + PAUSE_AFTER_BEAT

    @property
    def elapsed(self) -> float:
        return self.scene.time - self.start

    @property
    def remaining(self) -> float:
        """Time left in this beat (never negative)."""
        return max(self.duration - self.elapsed, 0.0)

    def __enter__(self) -> "Beat":
        scene = self.scene
        self.start = scene.time
        if self.clip is not None:
            scene.add_sound(str(self.clip.path))
        for text, offset, length in self.cues:
            scene.add_subcaption(text, duration=length, offset=offset)
        scene.beats.append(self)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            left = self.remaining
            if left > 1e-3:
                self.scene.wait(left)
        return False


class NarratedScene(Scene):
    """Base class of every section: adds :meth:`narrate`.

    Subclasses set ``section`` (``"s3"``) -- the folder name for recorded voice clips.
    """

    section: str = "test"

    def setup(self) -> None:
        super().setup()
        self.voice = VoiceSettings.from_env()
        self.beats: list[Beat] = []
        self._beat_counts: dict[str, int] = {}

    def beat_id_for(self, method: str) -> str:
        """Stable id: the beat method's name and the block's number inside it (``loaded_die.2``)."""
        n = self._beat_counts.get(method, 0) + 1
        self._beat_counts[method] = n
        return f"{method}.{n}"

    def narrate(self, text: str, *, id: str | None = None) -> Beat:
        """A narration block. ``text`` is plain Chinese; figures go in through f-strings.

        ``id`` overrides the automatic beat id (method name + number), for example to keep a
        recording attached when a beat moves to another method.
        """
        if not isinstance(text, str):
            raise TypeError(f"narration must be a string, got {type(text).__name__}")
        caller = sys._getframe(1).f_code.co_name
        beat_id = id or self.beat_id_for(caller)
        text = " ".join(text.split())
        clip = clip_for(self.voice, self.section, beat_id, text)
        speech = clip.duration if clip else estimate_seconds(text, self.voice.chars_per_second)
        cues = split_cues(text)
        timed = [(c, off, d) for c, (off, d) in zip(cues, cue_timings(cues, speech))] if cues else []
        return Beat(self, beat_id, text, speech, clip, cues=timed)

    def sound_effect(self, name: str, gain: float = 0.0) -> None:
        """Overlay a short synthesised effect (see :mod:`scenes.kit.sound`) at the current time."""
        from .sound import effect_path

        self.add_sound(str(effect_path(name, self.voice)), gain=gain or None)

    def tear_down(self) -> None:
        super().tear_down()
        self.write_beat_log()

    def beat_log(self) -> list[dict]:
        """Every beat of this render: id, text, start, speech and total length, voice source."""
        return [
            {
                "id": b.beat_id,
                "text": b.text,
                "start": round(b.start, 4),
                "speech": round(b.speech, 4),
                "duration": round(b.duration, 4),
                "voice": b.clip.source if b.clip else "none",
            }
            for b in self.beats
        ]

    def write_beat_log(self) -> Path | None:
        """Write ``<video>.beats.json`` beside the video (used by tests and the film builder)."""
        movie = getattr(self.renderer.file_writer, "movie_file_path", None)
        if movie is None:
            return None
        path = Path(movie).with_suffix(".beats.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"section": self.section, "scene_time": round(self.time, 4), "beats": self.beat_log()}
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        return path
