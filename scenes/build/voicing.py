"""The narration stage: every voice clip the renders will need, made first and in parallel.

Synthesis takes about half the audio's length on idle cores and several times that while
renders compete for the cores; done first, each render finds its clips in the cache. Reading a
section's narration runs the scene with animations skipped (a few seconds); a section's beats
are queued as soon as it is read, longest first, so that synthesis overlaps the reading of the
next sections and no core idles at the end.
"""
from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os
import time

from ..kit.options import voice_env
from ..sections import Section
from .cli import BuildPlan
from .render import SectionFailed

__all__ = ["prepare_voice"]


def _worker_env(env: dict[str, str]) -> None:
    os.environ.update(env)


def _read(sec: Section) -> tuple[list[dict], int]:
    from .script import read_section

    reading = read_section(sec)
    return reading.beats, reading.animations


def _synthesize(section_id: str, beat: dict) -> float:
    from ..kit.voice import VoiceSettings, clip_for

    clip = clip_for(VoiceSettings.from_env(), section_id, beat["id"], beat["text"],
                    splits=tuple(beat.get("splits", ())))
    return clip.duration if clip else 0.0


def prepare_voice(plan: BuildPlan, sections: list[Section], say=print) -> dict[str, int]:
    """Make every missing clip of ``sections``; return each section's animation count.

    A section whose narration cannot be read or voiced raises :class:`SectionFailed` naming it.
    """
    if not sections:
        return {}
    t0 = time.monotonic()
    counts: dict[str, int] = {}
    ctx = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(max_workers=plan.jobs, mp_context=ctx, initializer=_worker_env,
                                     initargs=(voice_env(plan.voice),)) as pool:
        say(f"[voice] reading the narration of {len(sections)} section(s)")
        reading = {pool.submit(_read, sec): sec for sec in sections}
        making: dict[futures.Future, tuple[str, str]] = {}
        done = total = 0
        seconds, last = 0.0, time.monotonic()
        synth_t0 = None   # when the first clip was queued
        waiting = set(reading)
        while waiting:
            finished, waiting = futures.wait(waiting, return_when=futures.FIRST_COMPLETED)
            for fut in finished:
                if fut in reading:
                    sec = reading[fut]
                    try:
                        beats, counts[sec.id] = fut.result()
                    except Exception as exc:
                        pool.shutdown(wait=False, cancel_futures=True)
                        raise SectionFailed(sec.id, f"reading its narration failed: {exc}") from exc
                    if plan.voice == "none":
                        continue
                    synth_t0 = synth_t0 or time.monotonic()
                    for beat in sorted(beats, key=lambda b: -len(b["text"])):
                        job = pool.submit(_synthesize, sec.id, beat)
                        making[job] = (sec.id, beat["id"])
                        waiting.add(job)
                    total += len(beats)
                    continue
                try:
                    seconds += fut.result()
                except Exception as exc:
                    pool.shutdown(wait=False, cancel_futures=True)
                    sid, bid = making[fut]
                    raise SectionFailed(sid, f"the voice of beat {bid} failed: {exc}") from exc
                done += 1
                now = time.monotonic()
                if now - last >= 10 or not waiting:
                    el = now - t0
                    # an estimate once every section is read and a tenth of the clips are made
                    all_read = not any(f in reading for f in waiting)
                    if all_read and done >= max(3, total // 10) and done < total:
                        left = f", about {(now - synth_t0) / done * (total - done):.0f} s left"
                    else:
                        left = ""
                    say(f"[voice] {done}/{total} clips ready ({seconds:.0f} s of speech), {el:.0f} s elapsed{left}")
                    last = now
    if plan.voice != "none":
        say(f"[voice] narration ready in {time.monotonic() - t0:.1f} s")
    return counts
