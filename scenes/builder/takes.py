"""What the recording page works with: the film's beats, their takes, stills and quick renders.

No HTTP here (:mod:`scenes.builder.record` serves it). A section and a beat are always looked up
among the film's own (the sections of the registry, the beats its scenes narrate, read with
:func:`~scenes.builder.script.read_section`); anything else is refused with :class:`Refused`, and
no path is ever made from what the page sent: a take's file name is the beat id the scene gave.

A take is decoded (any format the browser records: WebM/Opus, Ogg, MP4/AAC, WAV) and stored as
``<voice folder>/<section>/<beat id>.wav`` with the beat's text beside it (``.txt``), exactly
where the builder looks for recordings: a 16-bit WAV as it was recorded, but for the silence
before the first sound and after the last, cut to :data:`KEEP_BEFORE` and :data:`KEEP_AFTER`.
Before it replaces a good take it passes the builder's own checks
(:func:`~scenes.speech.recordings.normalised_recording`: not empty, not silent, not far too long),
written under a temporary name and renamed only then. Its loudness is normalised where every clip's
is, when the builder uses it.
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
from dataclasses import replace
from pathlib import Path

from ..common.files import atomic_path, atomic_write_text
from ..sections import Section
from ..speech.options import VoiceSettings

__all__ = ["MAX_TAKE_BYTES", "MAX_TAKE_SECONDS", "Refused", "Studio"]

#: the largest upload accepted (a minute of speech as WebM/Opus is about half a megabyte)
MAX_TAKE_BYTES = 20 * 1024 * 1024
#: the longest take decoded (the builder refuses a recording long before this, see recordings.py)
MAX_TAKE_SECONDS = 600
#: beat ids that can name a file: the automatic ``method.number``, or an ``id=`` of that kind
SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}")
#: the silence kept before the first sound of a take and after its last (seconds)
KEEP_BEFORE, KEEP_AFTER = 0.15, 0.3
#: the quick render's quality (480p15)
QUICK = "l"


class Refused(Exception):
    """A request the page may not make, or a take that is unusable: an HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _seconds(path: Path | None) -> float | None:
    """The length of a take (``None``: no take, or one that cannot be read; its report says why)."""
    from ..common.media import audio_duration

    try:
        return None if path is None else round(audio_duration(path), 2)
    except Exception:  # wave, PyAV and OS errors alike
        return None


def _decode(data: bytes):
    """An upload as mono float samples and their rate, at most :data:`MAX_TAKE_SECONDS` long."""
    import av
    import numpy as np

    try:
        with av.open(io.BytesIO(data)) as container:
            stream = container.streams.audio[0]
            rate = stream.codec_context.sample_rate or 48000
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks, total = [], 0
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                    total += chunks[-1].size
                if total > MAX_TAKE_SECONDS * rate:
                    raise Refused(
                        413,
                        f"the take lasts more than {MAX_TAKE_SECONDS // 60} minutes; "
                        "nothing was saved, the previous take is kept",
                    )
            chunks += [out.to_ndarray().reshape(-1) for out in resampler.resample(None)]
    except Refused:
        raise
    except Exception as exc:  # whatever the decoder says about bytes that are not audio
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise Refused(
            415,
            f"the take is not audio this program can read ({reason}); nothing was saved, "
            "the previous take is kept",
        ) from None
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    if samples.size == 0:
        raise Refused(422, "the take holds no sound; nothing was saved, the previous take is kept")
    return samples, rate


class Studio:
    """The film's sections and beats for the recording page: takes, stills and quick renders."""

    def __init__(
        self,
        sections: tuple[Section, ...],
        out: Path,
        registry: Path | None = None,
        settings: VoiceSettings | None = None,
    ):
        self.sections = {s.id: s for s in sections}
        self.out = Path(out)
        self.registry = registry
        self.settings = settings or VoiceSettings.from_env(
            {**os.environ, "EXPLAINER_VOICE": "recorded"}
        )
        self._readings: dict[str, tuple[int, dict[str, dict]]] = {}
        self._stills: dict[str, tuple[int, dict[str, bytes]]] = {}
        # manim's configuration is the process's: one scene at a time
        self._scenes = threading.Lock()
        self._recogniser = threading.Lock()
        self._rendering = threading.Lock()

    # --- the film's own sections and beats ---------------------------------------------------

    def section(self, sid: str) -> Section:
        sec = self.sections.get(sid)
        if sec is None:
            raise Refused(
                404, f"no section {sid!r} in this film; its sections are {', '.join(self.sections)}"
            )
        if not sec.path.is_file():
            raise Refused(404, f"section {sid} has no scene file yet ({sec.path.name})")
        return sec

    def _read(self, sid: str) -> dict[str, dict]:
        """The beats of ``sid`` by id, read again when its scene file changed."""
        sec = self.section(sid)
        stamp = sec.path.stat().st_mtime_ns
        with self._scenes:
            known = self._readings.get(sid)
            if known is None or known[0] != stamp:
                from .script import read_section

                try:
                    beats = read_section(sec).beats
                except Exception as exc:
                    from ..common.errors import scene_error_summary

                    raise Refused(
                        500, f"section {sid} cannot be read: {scene_error_summary(exc)}"
                    ) from None
                known = self._readings[sid] = (stamp, {b["id"]: b for b in beats})
        return known[1]

    def beat(self, sid: str, bid: str) -> dict:
        beats = self._read(sid)
        if bid not in beats:
            raise Refused(
                404, f"no beat {bid!r} in section {sid}; its beats are {', '.join(beats)}"
            )
        return beats[bid]

    def _take_path(self, sid: str, bid: str) -> Path:
        """Where a new take of a beat goes: in the section's folder, named by its id.

        The id is checked to be a plain file name.
        """
        folder = (self.settings.voice_dir / sid).resolve()
        if not SAFE_ID.fullmatch(bid) or ".." in bid:
            raise Refused(
                400,
                f"beat {sid}/{bid} cannot be recorded here: its id is not a plain file name "
                f"(give its narrate block an id= of letters, digits, '_' and '.')",
            )
        path = folder / f"{bid}.wav"
        if path.parent != folder:
            raise Refused(400, f"beat {sid}/{bid}: its id is not a plain file name")
        return path

    def take(self, sid: str, bid: str) -> Path | None:
        """The beat's recording as the builder finds it (by id, or by its text once renumbered)."""
        from ..speech.recordings import RECORDING_SUFFIXES, recordings_by_text

        beat = self.beat(sid, bid)
        folder = self.settings.voice_dir / sid
        own = next(
            (folder / f"{bid}{s}" for s in RECORDING_SUFFIXES if (folder / f"{bid}{s}").is_file()),
            None,
        )
        if own is not None and not self._stale(own, beat["text"]):
            return own
        return recordings_by_text(self.settings, sid).get(" ".join(beat["text"].split())) or own

    @staticmethod
    def _stale(path: Path, text: str) -> bool:
        from ..speech.recordings import recording_is_stale

        return recording_is_stale(path, text)

    def _synthetic_seconds(self, beat: dict) -> float | None:
        """The length of the beat in the Kokoro voice, when its clip is in the voice cache."""
        try:
            from ..speech.audio import intact_wav

            record = intact_wav(self.synthetic_path(beat))
            return round(record["samples"] / record["rate"], 2) if record else None
        except Exception:  # no Kokoro here, or a broken lexicon: the page shows the estimate
            return None

    def synthetic_path(self, beat: dict) -> Path:
        from ..speech.voice import cached_clip

        kokoro = replace(self.settings, mode="kokoro")
        return cached_clip(beat["text"], kokoro, tuple(beat.get("splits", ())))

    def beats(self, sid: str) -> list[dict]:
        """Every beat of ``sid`` as the page shows it.

        Its text, phrases, lengths and the state of its take.
        """
        out = []
        for bid, b in self._read(sid).items():
            path = self.take(sid, bid)
            stale = path is not None and self._stale(path, b["text"])
            transcript = path.with_suffix(".txt") if path is not None else None
            out.append(
                {
                    "id": bid,
                    "text": b["text"],
                    "source": b["source"],
                    "estimate": round(b["estimate"], 2),
                    "phrases": self.phrases(b),
                    "synthetic": self._synthetic_seconds(b),
                    "status": "missing" if path is None else "stale" if stale else "recorded",
                    "file": path.name if path is not None else None,
                    "seconds": _seconds(path),
                    "recorded_text": transcript.read_text(encoding="utf-8").strip()
                    if stale and transcript.is_file()
                    else None,
                    "recordable": bool(SAFE_ID.fullmatch(bid)) and ".." not in bid,
                }
            )
        return out

    # --- what the page shows: a still, the takes, a report ----------------------------------

    def still(self, sid: str, bid: str) -> bytes:
        """A PNG of the screen at the end of the beat.

        The section is run with animations skipped, once.
        """
        from .stills import skipped_stills

        self.beat(sid, bid)
        sec = self.section(sid)
        stamp = sec.path.stat().st_mtime_ns
        with self._scenes:
            known = self._stills.get(sid)
            if known is None or known[0] != stamp:
                known = self._stills[sid] = (stamp, skipped_stills(sec))
        if bid not in known[1]:
            raise Refused(404, f"beat {sid}/{bid} shows nothing of its own")
        return known[1][bid]

    def report(self, sid: str, bid: str) -> dict:
        """The saved take of a beat: its length, where its phrases were found, what was heard."""
        from ..common.media import audio_duration
        from ..speech.align import heard_words, recorded_anchors, skipped_words
        from ..speech.recordings import RecordingError, normalised_recording

        beat, path = self.beat(sid, bid), self.take(sid, bid)
        if path is None:
            raise Refused(404, f"beat {sid}/{bid} has no take yet")
        try:
            clip = normalised_recording(path, self.settings, text=beat["text"], beat=f"{sid}/{bid}")
        except RecordingError as exc:
            return {"file": path.name, "problem": exc.problem or str(exc)}
        lexicon = str(self.settings.lexicon) if self.settings.lexicon else None
        seconds = audio_duration(clip)
        splits = tuple(beat.get("splits", ()))
        with self._recogniser:
            anchors = (
                recorded_anchors(clip, beat["text"], splits, seconds, lexicon) if splits else []
            )
            words = heard_words(clip)
        names = {p["at"]: p["text"] for p in self.phrases(beat)}
        heard = None if words is None else "".join(w for w, _, _ in words)
        return {
            "file": path.name,
            "seconds": round(seconds, 2),
            "anchors": None
            if anchors is None
            else [
                {"phrase": names.get(pos, beat["text"][pos : pos + 6]), "time": t, "found": found}
                for pos, t, found in anchors
            ],
            "heard": heard,
            "skipped": None if heard is None else skipped_words(beat["text"], heard, lexicon),
        }

    @staticmethod
    def phrases(beat: dict) -> list[dict]:
        """The phrases the beat's animations wait for, with where each starts in its text."""
        return [
            {"at": beat["text"].find(p), "text": p}
            for p in beat.get("anchors", {})
            if p in beat["text"]
        ]

    def save(self, sid: str, bid: str, data: bytes) -> dict:
        """Store a take of a beat (see the module).

        It is checked first; the previous take is kept if it fails.
        """
        from ..speech.align import speech_span
        from ..speech.audio import write_wav
        from ..speech.recordings import RecordingError, normalised_recording

        beat = self.beat(sid, bid)
        target = self._take_path(sid, bid)
        if len(data) > MAX_TAKE_BYTES:
            raise Refused(
                413, f"the take has {len(data):,} bytes; at most {MAX_TAKE_BYTES:,} are accepted"
            )
        samples, rate = _decode(data)
        # the silence before the first word and after the last, cut short
        start, end = speech_span(samples, rate)
        samples = samples[
            int(max(0.0, start - KEEP_BEFORE) * rate) : int((end + KEEP_AFTER) * rate)
        ]
        with atomic_path(target) as tmp:
            write_wav(tmp, samples, rate)
            try:
                normalised_recording(tmp, self.settings, text=beat["text"], beat=f"{sid}/{bid}")
            except RecordingError as exc:
                raise Refused(
                    422, f"the take was not saved: it {exc.problem}. The previous take is kept."
                ) from None
        atomic_write_text(target.with_suffix(".txt"), beat["text"] + "\n")
        return self.report(sid, bid)

    # --- seeing it in place ------------------------------------------------------------------

    def render(self, sid: str) -> dict:
        """Build section ``sid`` at 480p with its recordings into ``<out>/sections``.

        Say how long it took.
        """
        from .cli import parse_plan
        from .lock import BuildBusy, build_lock
        from .progress import Progress
        from .render import SectionFailed, accept_children, render_section

        sec = self.section(sid)
        if not self._rendering.acquire(blocking=False):
            raise Refused(409, "a quick render is already running: wait for it to finish")
        try:
            registry = ["--registry", str(self.registry)] if self.registry else []
            plan, _ = parse_plan(
                [
                    "--quality",
                    QUICK,
                    "--voice",
                    "recorded",
                    "--out",
                    str(self.out),
                    "--sections",
                    sid,
                    "--jobs",
                    "1",
                    *registry,
                ]
            )
            t0 = time.monotonic()
            with build_lock(self.out, ["record page: quick render of", sid]):
                accept_children()
                with Progress([sid], live=False) as progress:
                    made = render_section(sec, plan, progress)
        except BuildBusy as exc:
            raise Refused(409, f"not started: {exc}") from None
        except SectionFailed as exc:
            raise Refused(500, str(exc)) from None
        finally:
            self._rendering.release()
        seconds = time.monotonic() - t0
        return {
            "section": sid,
            "seconds": round(seconds, 1),
            "reused": made.skipped,
            "resolution": plan.resolution,
        }

    def video(self, sid: str) -> Path:
        from .cli import QUALITIES

        self.section(sid)
        height, fps = QUALITIES[QUICK]
        path = self.out / "sections" / f"{height}p{fps}" / f"{sid}.mp4"
        if not path.is_file():
            raise Refused(404, f"section {sid} has not been rendered here yet")
        return path
