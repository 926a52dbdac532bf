"""The narration stage: every voice clip the renders will need, made first and in parallel.

Synthesis takes about half the audio's length on idle cores and several times that while
renders compete for the cores; done first, each render finds its clips in the cache. Reading a
section's narration runs the scene with its animations reduced to their timing (a second or
two). A section's beats join the waiting list as soon as it is read, and a worker that comes
free always takes the longest beat waiting (longest-processing-time-first): synthesis overlaps
the reading of the next sections, and the last clips to finish are short ones, so no core idles
long at the end.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import time

from ..sections import Section
from ..speech.options import voice_env
from .cli import BuildPlan
from .render import SectionFailed

__all__ = ["VoiceSetupFailed", "prepare_voice"]


class VoiceSetupFailed(SectionFailed):
    """The voice cannot be used at all (a broken pronunciation file, say).

    No section or beat is to blame. A :class:`SectionFailed`, so that the builder stops where it
    stops for one; its message names the file and the reason instead of a section.
    """

    def __init__(self, message: str):
        Exception.__init__(self, message)
        self.section_id = ""


def _worker_env(env: dict[str, str], parent: int) -> None:
    from .lock import die_with_parent

    die_with_parent(parent)  # a worker ends with its build, even one killed with kill -9
    os.environ.update(env)


def _read(sec: Section) -> tuple[list[dict], int]:
    from ..common.errors import scene_error_summary
    from .script import read_section

    try:
        reading = read_section(sec)
    # said as the line of the scene file and the message (a worker's traceback is lost)
    except Exception as exc:
        raise RuntimeError(scene_error_summary(exc)) from None
    return reading.beats, reading.animations


def _synthesize(section_id: str, beat: dict) -> float:
    from ..speech.options import VoiceSettings
    from ..speech.voice import clip_for

    clip = clip_for(
        VoiceSettings.from_env(),
        section_id,
        beat["id"],
        beat["text"],
        splits=tuple(beat.get("splits", ())),
    )
    return clip.duration if clip else 0.0


def _check_voice_setup(mode: str) -> None:
    """Read the voice settings (and Kokoro's pronunciation file) once, before any beat is voiced."""
    from ..speech.options import VoiceSettings
    from ..speech.pronounce import LexiconError, load_lexicon

    try:
        settings = VoiceSettings.from_env(voice_env(mode))
    except ValueError as exc:
        raise VoiceSetupFailed(f"the voice settings cannot be used: {exc}") from None
    if settings.engine == "kokoro":
        try:
            load_lexicon(settings.lexicon)
        except LexiconError as exc:
            raise VoiceSetupFailed(f"the pronunciation file cannot be used: {exc}") from None


def _progress(
    done: int, total: int, seconds: float, elapsed: float, all_read: bool, synthesising: float
) -> str:
    """``[voice] 12/61 clips ready (80 s of speech), 40 s elapsed, about 120 s left``.

    The estimate comes once every section is read and a tenth of the clips are made.
    """
    left = ""
    if all_read and done >= max(3, total // 10) and done < total:
        left = f", about {synthesising / done * (total - done):.0f} s left"
    return (
        f"[voice] {done}/{total} clips ready ({seconds:.0f} s of speech), "
        f"{elapsed:.0f} s elapsed{left}"
    )


def _stop(pool: futures.ProcessPoolExecutor) -> None:
    # drop the queued jobs and wait for the few that are running: shutting down without waiting
    # races CPython's exit hook, which then prints a traceback about a closed pipe (3.11)
    pool.shutdown(wait=True, cancel_futures=True)


class _Queue:
    """The sections being read and the clips being made, in one process pool.

    A section read puts its beats on the waiting list; :meth:`hand_out` keeps each worker busy
    with the longest beat waiting, so that a long beat read later still goes before the rest.
    """

    def __init__(
        self, pool: futures.ProcessPoolExecutor, plan: BuildPlan, sections: list[Section], say
    ):
        self.pool, self.plan, self.say = pool, plan, say
        self.t0 = time.monotonic()
        self.counts: dict[str, int] = {}
        self.reading = {pool.submit(_read, sec): sec for sec in sections}
        self.making: dict[futures.Future, tuple[str, str]] = {}
        self.waiting_beats: list[tuple[str, dict]] = []  # read, not yet handed to a worker
        self.done = self.total = 0
        self.seconds, self.last = 0.0, time.monotonic()
        self.synth_t0: float | None = None  # when the first clip was queued
        self.waiting = set(self.reading)

    def run(self) -> dict[str, int]:
        """Wait for every reading and every clip; return each section's animation count."""
        while self.waiting:
            finished, self.waiting = futures.wait(self.waiting, return_when=futures.FIRST_COMPLETED)
            for fut in finished:
                if fut in self.reading:
                    self._read(fut)
                else:
                    self._made(fut)
            self.hand_out()
        return self.counts

    def _read(self, fut: futures.Future) -> None:
        sec = self.reading[fut]
        try:
            beats, self.counts[sec.id] = fut.result()
        except Exception as exc:
            _stop(self.pool)
            raise SectionFailed(sec.id, f"reading its narration failed: {exc}") from exc
        if self.plan.voice == "none":
            return
        self.synth_t0 = self.synth_t0 or time.monotonic()
        self.waiting_beats += [(sec.id, beat) for beat in beats]
        self.total += len(beats)

    def _made(self, fut: futures.Future) -> None:
        try:
            self.seconds += fut.result()
        except Exception as exc:
            _stop(self.pool)
            sid, bid = self.making[fut]
            raise SectionFailed(sid, f"the voice of beat {bid} failed: {exc}") from exc
        self.done += 1
        now = time.monotonic()
        if now - self.last >= 10 or not (self.waiting or self.waiting_beats):
            all_read = not any(f in self.reading for f in self.waiting)
            self.say(
                _progress(
                    self.done,
                    self.total,
                    self.seconds,
                    now - self.t0,
                    all_read,
                    now - (self.synth_t0 or now),
                )
            )
            self.last = now

    def hand_out(self) -> None:
        """Give each idle worker the longest beat waiting."""
        busy = sum(1 for f in self.waiting if f in self.making)
        self.waiting_beats.sort(key=lambda sb: len(sb[1]["text"]))
        while self.waiting_beats and busy < self.plan.jobs:
            sid, beat = self.waiting_beats.pop()
            job = self.pool.submit(_synthesize, sid, beat)
            self.making[job] = (sid, beat["id"])
            self.waiting.add(job)
            busy += 1


def prepare_voice(plan: BuildPlan, sections: list[Section], say=print) -> dict[str, int]:
    """Make every missing clip of ``sections``; return each section's animation count.

    A section whose narration cannot be read or voiced raises :class:`SectionFailed` naming it; a
    voice that cannot be used at all (its settings or pronunciation file) raises
    :class:`VoiceSetupFailed` before anything is read.
    """
    if not sections:
        return {}
    _check_voice_setup(plan.voice)
    t0 = time.monotonic()
    ctx = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(
        max_workers=plan.jobs,
        mp_context=ctx,
        initializer=_worker_env,
        initargs=(voice_env(plan.voice), os.getpid()),
    ) as pool:
        say(f"[voice] reading the narration of {len(sections)} section(s)")
        counts = _Queue(pool, plan, sections, say).run()
    if plan.voice != "none":
        say(f"[voice] narration ready in {time.monotonic() - t0:.1f} s")
    return counts
