"""The narrated base scene: narration blocks that drive timing, subtitles and voice.

A section writes its narration as plain Chinese next to the animation it accompanies, with
its English subtitle beside it::

    with self.narrate(f"这是一枚均匀的骰子。它的熵是 {fmt_num(h)} 比特。",
                      en=f"This is a fair die. Its entropy is {fmt_num(h)} bits.") as beat:
        self.play(FadeIn(die), run_time=beat.until("它的熵"))
        self.play(Write(formula), run_time=beat.until_end())

Entering the block adds the beat's voice clip (recorded or synthesised) and its Chinese
subtitle cues at the current time (the English cues, timed inside the same beat, go into the
beat log and ``<video>_en.srt``); leaving it waits out the time the animations did not use. A
beat lasts as long as its audio (or the reading-speed estimate), a short pause and its ``hold``.
The narration checks (:mod:`scenes.kit.narration_checks`) run on every block.

Animations are tied to words, not to fractions of a beat: ``beat.until("phrase")`` is the
time from now until the narration reaches the phrase, ``beat.wait_until("phrase")`` waits for
it, ``beat.until_end()`` is the time left in the speech. A phrase the narration does not say
raises :class:`~scenes.kit.anchors.AnchorError` naming the beat and the line; animations that
outlast the narration are reported (:class:`BeatOverrunWarning`, and in the beat log).
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from manim import config

from ..paths import REPO_ROOT
from ..speech.options import VoiceSettings
from ..speech.spoken import estimate_seconds, split_cues
from ..speech.subtitles import cue_timings, english_cues, english_length, split_cues_en, srt_text
from ..speech.voice import Clip, clip_for
from .anchors import AnchorError, anchors_in_block
from .frames import FrameClockScene
from .narration_checks import (
    NarrationError,
    check_languages,
    check_screen,
    check_text,
    screen_figures,
)

__all__ = [
    "Beat",
    "NarratedScene",
    "PAUSE_AFTER_BEAT",
    "BeatOverrunWarning",
    "MissingEnglishWarning",
    "AnchorError",
    "NarrationError",
]

#: Breathing space after each beat's speech, in seconds (a beat
# that ends on a result adds a ``hold``).
PAUSE_AFTER_BEAT = 0.7
#: how far a beat's animations may run past its speech and pause before it is reported
OVERRUN_TOLERANCE = 0.05


class BeatOverrunWarning(UserWarning):
    """A beat's animations take longer than its narration: the viewer waits in silence."""


class MissingEnglishWarning(UserWarning):
    """A narration block without ``en=``: the English subtitles have a hole there."""


@dataclass
class Beat:
    """One narration block: its text, stable id, clip and timing."""

    scene: NarratedScene
    beat_id: str
    text: str
    speech: float  # seconds of speech (audio length or estimate)
    clip: Clip | None
    start: float = 0.0
    cues: list[tuple[str, float, float]] = field(default_factory=list)
    source: str = ""  # "scenes/s3_cross_entropy.py:120": where the text is
    splits: tuple[int, ...] = ()  # character positions of the anchors the scene code waits for
    overrun: float = 0.0  # seconds the animations ran past the beat (0: none)
    used: dict[str, float] = field(default_factory=dict)  # anchor phrase -> its time in the beat
    en: str | None = None  # the English subtitle text (None: not written yet)
    en_cues: list[tuple[str, float, float]] = field(default_factory=list)  # offsets inside the beat
    hold: float = 0.0  # seconds of silence after the speech and its pause: a result sinks in
    shown: set[str] = field(default_factory=set)  # figures on screen at some moment of the beat
    # whether the screen was looked at after an animation (not in timing-only runs)
    watched: bool = False

    def _where(self) -> str:
        return f"beat {self.scene.section}/{self.beat_id} ({self.source})"

    def at(self, phrase: str) -> float:
        """Seconds from the beat's start until the narration reaches ``phrase``.

        Known for a synthetic voice, found in a recording (:mod:`scenes.speech.align`); else
        estimated from the text.
        """
        pos = self.text.find(phrase)
        if not phrase or pos < 0:
            raise AnchorError(
                f"{self._where()}: an animation waits for the phrase {phrase!r}, but the narration "
                f"does not say it:\n  {self.text}\nPut the phrase back into the narration, or "
                "change the phrase in the scene code to words the narration says."
            )
        marks = self.clip.marks if self.clip is not None else None
        if marks is not None and pos in self.splits:
            t = marks[sorted(self.splits).index(pos) + 1]
        elif marks is not None and pos == 0:
            t = 0.0
        else:
            whole = estimate_seconds(self.text, 1.0) or 1.0
            t = self.speech * estimate_seconds(self.text[:pos], 1.0) / whole
        self.used[phrase] = round(t, 4)
        return t

    def until(self, phrase: str, minimum: float = 0.0) -> float:
        """Seconds from now until the narration reaches ``phrase``, at least ``minimum``.

        Pass a ``minimum`` when the result is an animation's run time.
        """
        return max(self.at(phrase) - self.elapsed, minimum)

    def wait_until(self, phrase: str) -> None:
        """Wait until the narration reaches ``phrase``."""
        left = self.until(phrase)
        if left > 1e-3:
            self.scene.wait(left)

    def until_end(self, minimum: float = 0.0) -> float:
        """Seconds from now until the speech ends (at least ``minimum``, for a run time)."""
        return max(self.speech - self.elapsed, minimum)

    @property
    def duration(self) -> float:
        """Total length of the beat: speech, a short pause and the hold (``narrate(…, hold=)``)."""
        return self.speech + PAUSE_AFTER_BEAT + self.hold

    @property
    def elapsed(self) -> float:
        return self.scene.time - self.start

    def __enter__(self) -> Beat:
        scene = self.scene
        self.start = scene.time
        if self.clip is not None:
            scene.add_sound(str(self.clip.path))
        for text, offset, length in self.cues:
            scene.add_subcaption(text, duration=length, offset=offset)
        scene.beats.append(self)
        self.shown |= screen_figures(scene)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None:
            # the beat ends on the first frame at or after the end of its pause
            scene, fps = self.scene, config.frame_rate
            length = math.ceil(self.duration * fps - 1e-6)  # in frames
            end = round(self.start * fps) + length
            if end > scene.frame:
                scene.wait_frames(end - scene.frame)
            if self.watched:
                check_screen(self.text, self.shown, self._where())
            over = self.elapsed - length / fps
            if over > OVERRUN_TOLERANCE:
                self.overrun = round(over, 3)
                warnings.warn(
                    f"{self._where()}: its animations run {over:.1f} s past the narration",
                    BeatOverrunWarning,
                    stacklevel=2,
                )
        return False


class NarratedScene(FrameClockScene):
    """Base class of every section: adds :meth:`narrate`.

    Subclasses set ``section`` (``"s3"``) -- the folder name for recorded voice clips.
    """

    section: str = "test"

    def setup(self) -> None:
        from .texlock import install

        super().setup()
        install()  # sections typeset formulas in parallel processes sharing one cache
        self._drop_broken_segments()
        self.voice = VoiceSettings.from_env()
        self.beats: list[Beat] = []
        self._beat_counts: dict[str, int] = {}

    def _drop_broken_segments(self) -> None:
        """Delete cached animations an earlier, stopped render left unfinished (see manim_cache)."""
        from .manim_cache import drop_broken_segments

        try:
            folder = self.renderer.file_writer.partial_movie_directory
        except AttributeError:  # no file writer or no video segments (skipped runs, images)
            return
        drop_broken_segments(folder)

    def render(self, *args, **kwargs):
        """Render; on an error, first say in one paragraph where in the scene file it happened."""
        try:
            return super().render(*args, **kwargs)
        except Exception as exc:
            from ..common.errors import MARK, scene_error_summary

            # a dry run is the builder reading the narration: it says the error itself
            if not config.dry_run:
                print(f"{MARK} {scene_error_summary(exc)} {MARK}", file=sys.stderr, flush=True)
            raise

    def play(self, *args, **kwargs) -> None:
        """Play, then note the figures on screen for the beat being spoken (``check_screen``)."""
        super().play(*args, **kwargs)
        beat = self.beats[-1] if getattr(self, "beats", None) else None
        if (
            beat is not None
            and self.frame <= round((beat.start + beat.duration) * config.frame_rate) + 1
        ):
            # a skipped play ran no updaters: show the screen as drawn
            if self.renderer.skip_animations:
                self.update_mobjects(0)
            beat.shown |= screen_figures(self)
            beat.watched = True

    def beat_id_for(self, method: str) -> str:
        """Stable id: the beat method's name and the block's number inside it (``loaded_die.2``)."""
        n = self._beat_counts.get(method, 0) + 1
        self._beat_counts[method] = n
        return f"{method}.{n}"

    def narrate(
        self, text: str, *, en: str | None = None, id: str | None = None, hold: float = 0.0
    ) -> Beat:
        """A narration block. ``text`` is plain Chinese; figures go in through f-strings.

        ``hold``: seconds of silence after the speech, the picture held: a result needs a moment.

        ``en`` is the English subtitle of the same words (figures through the same f-string
        expressions, so both languages show the same numbers); its cues are timed inside the
        beat like the Chinese ones. A block without it is reported
        (:class:`MissingEnglishWarning`, and by the film build).

        ``id`` overrides the automatic beat id (method name + number), for example to keep a
        recording attached when a beat moves to another method.
        """
        if not isinstance(text, str) or not isinstance(en, str | None):
            raise TypeError(
                f"the narration and en= must be strings, got {type(text).__name__} and "
                f"{type(en).__name__}"
            )
        frame = sys._getframe(1)
        beat_id = id or self.beat_id_for(frame.f_code.co_name)
        text = " ".join(text.split())
        source_file, line = frame.f_code.co_filename, frame.f_lineno
        path = Path(source_file)
        source = f"{path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}:{line}"
        where = f"beat {self.section}/{beat_id} ({source})"
        check_text(text, where)
        if en is not None:
            check_text(en, where, "English")
            check_languages(text, en, where)
        splits = []
        for phrase in anchors_in_block(source_file, line):
            pos = text.find(phrase)
            if pos < 0:
                raise AnchorError(
                    f"beat {self.section}/{beat_id} ({source}): the scene code waits for the "
                    f"phrase {phrase!r}, but the narration does not say it:\n  {text}\nPut the "
                    "phrase back into the narration, or change the phrase in the scene code."
                )
            if pos > 0:
                splits.append(pos)
        splits = tuple(sorted(set(splits)))
        clip = clip_for(self.voice, self.section, beat_id, text, splits)
        speech = clip.duration if clip else estimate_seconds(text, self.voice.chars_per_second)
        cues = split_cues(text)
        timed = (
            [(c, off, d) for c, (off, d) in zip(cues, cue_timings(cues, speech))] if cues else []
        )
        en = " ".join(en.split()) if en else None
        en_timed = []
        if en:
            en_lines = split_cues_en(en)
            en_timed = [
                (c, round(off, 4), round(d, 4))
                for c, (off, d) in zip(
                    en_lines, cue_timings(en_lines, speech, weight=english_length)
                )
            ]
        else:
            warnings.warn(
                f"beat {self.section}/{beat_id} ({source}) has no English subtitle: "
                f'add en="…" to its narrate block',
                MissingEnglishWarning,
                stacklevel=2,
            )
        if not 0 <= hold <= 5:
            raise NarrationError(
                f"{where}: hold={hold!r}: give the silence after the speech in seconds, 0 to 5"
            )
        return Beat(
            self,
            beat_id,
            text,
            speech,
            clip,
            cues=timed,
            source=source,
            splits=splits,
            en=en,
            en_cues=en_timed,
            hold=float(hold),
        )

    def sound_effect(self, name: str, gain: float = 0.0) -> None:
        """Overlay a short synthesised effect (:mod:`scenes.speech.sound`) at the current time."""
        from ..speech.sound import effect_path

        self.add_sound(str(effect_path(name, self.voice)), gain=gain or None)

    def tear_down(self) -> None:
        super().tear_down()
        self.write_beat_log()

    def beat_log(self) -> list[dict]:
        """Every beat of this render, as the beat log stores it.

        Id, text, start, speech and total length, voice source, where the text is in the scene
        file, its anchors (phrase -> seconds into the beat) and how far its animations ran past it.
        """
        return [
            {
                "id": b.beat_id,
                "text": b.text,
                "start": round(b.start, 4),
                "speech": round(b.speech, 4),
                "duration": round(b.duration, 4),
                "voice": b.clip.source if b.clip else "none",
                "source": b.source,
                "splits": list(b.splits),
                "anchors": b.used,
                "overrun": b.overrun,
                "stale_recording": b.clip.stale_recording if b.clip else None,
                "en": b.en,
                "en_cues": [list(c) for c in b.en_cues],
            }
            for b in self.beats
        ]

    def write_beat_log(self) -> Path | None:
        """Write ``<video>.beats.json`` and the English ``<video>_en.srt`` beside the video.

        The beat log is used by tests, the film builder and the lesson page.
        """
        movie = getattr(self.renderer.file_writer, "movie_file_path", None)
        if movie is None:
            return None
        path = Path(movie).with_suffix(".beats.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "section": self.section,
            "scene_time": round(self.time, 4),
            "beats": self.beat_log(),
        }
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        en = english_cues(payload["beats"])
        Path(movie).with_name(Path(movie).stem + "_en.srt").write_text(
            srt_text(en), encoding="utf-8"
        )
        return path
