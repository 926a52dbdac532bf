"""One manim process per section, in parallel, each writing only to its own names.

A section whose inputs did not change since its last good render is reused without starting
manim. A render goes to a build folder and is copied into ``out/sections/<res>/`` only when it
succeeded, so a failed render never replaces the last good one. Children run in their own
process groups and are stopped on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import summary_in_log
from ..common.files import atomic_copy
from ..common.media import mp4_is_complete
from ..paths import REPO_ROOT
from ..sections import Section
from ..speech.options import voice_env
from .cache import damage, fingerprint, is_current, read_stamp, write_stamp
from .cli import TINY_FLAGS, BuildPlan
from .lock import CHILD_LAUNCHER
from .progress import Progress, animations_written

__all__ = [
    "SectionFailed",
    "SectionOutput",
    "accept_children",
    "manim_env",
    "render_section",
    "terminate_children",
]

#: manim prunes its cache beyond 100 files by default: fewer than one section's animations.
MANIM_CACHE_FILES = 10000
#: below this many free bytes a failed render is put down to a full disk (its log may be empty)
DISK_NEARLY_FULL = 1 << 20


class SectionFailed(Exception):
    """A section could not be read, voiced or rendered; the message names it and why."""

    plain = True  # its message is complete: tools print it as it is (scenes.common.errors)

    def __init__(self, section_id: str, message: str):
        super().__init__(f"section {section_id} failed: {message}")
        self.section_id = section_id


@dataclass
class SectionOutput:
    section: Section
    mp4: Path
    srt: Path | None
    render_seconds: float | None  # None: reused from an earlier build

    @property
    def skipped(self) -> bool:
        return self.render_seconds is None

    @property
    def beats(self) -> Path:
        return self.mp4.with_suffix(".beats.json")

    def beat_log(self) -> list[dict]:
        """The section's beats as its render logged them (``[]`` when there is no readable log)."""
        try:
            return json.loads(self.beats.read_text(encoding="utf-8"))["beats"]
        except (OSError, ValueError, KeyError):
            return []


_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()
#: set by :func:`terminate_children`: no new manim process starts after it
_stopping = threading.Event()


def accept_children() -> None:
    """Let sections start manim again (at the start of a build, after an earlier interruption)."""
    _stopping.clear()


def terminate_children(*_) -> None:
    """Stop every running manim process and start no new one (Ctrl-C).

    A section whose worker is between announcing its start and starting manim when this runs
    does not start it: starting a child and registering it happen under the same lock.
    """
    with _children_lock:
        _stopping.set()
        for p in list(_children):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)


def _manim_command(sec: Section, plan: BuildPlan, media: Path) -> list[str]:
    """The command of a section's manim process, started through the child launcher.

    The launcher (:data:`~scenes.builder.lock.CHILD_LAUNCHER`) makes manim receive SIGTERM if the
    build dies, even by ``kill -9``.
    """
    size = list(TINY_FLAGS) if plan.tiny else [f"-q{plan.quality}"]
    options = ["--media_dir", str(media), "--progress_bar", "none"]
    if plan.manim_cache:
        cfg = media / f"manim_cache_{sec.id}.cfg"  # one per section: renders run in parallel
        cfg.parent.mkdir(parents=True, exist_ok=True)
        cfg.write_text(f"[CLI]\nmax_files_cached = {MANIM_CACHE_FILES}\n", encoding="utf-8")
        options += ["--config_file", str(cfg)]
    else:
        options.append("--disable_caching")
    return [
        sys.executable,
        "-c",
        CHILD_LAUNCHER,
        str(os.getpid()),
        sys.executable,
        "-m",
        "manim",
        "render",
        *size,
        *options,
        str(sec.path),
        sec.scene,
    ]


def manim_env(plan: BuildPlan) -> dict[str, str]:
    """The environment of a section's manim process.

    manim's per-animation cache hashes every mobject. TransformMatchingTex builds its parts from
    sets of tex strings, ordered by Python's per-process string-hash seed: a fixed seed makes the
    hashes repeatable, so the next build finds an unchanged animation instead of rendering it.
    """
    return {**os.environ, **voice_env(plan.voice), "PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0"}


def _log_tail(path: Path, lines: int = 25) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    # manim's rich traceback is long; keep the end, where the error is
    return "\n".join("    " + line for line in text[-lines:])


def _disk_full(log_path: Path, out: Path) -> bool:
    """Whether a failed render ran out of disk.

    Its log says so, or (the log itself unwritable) no space is left.
    """
    try:
        said = "No space left on device" in log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        said = False
    return said or shutil.disk_usage(out).free < DISK_NEARLY_FULL


def _run_manim(
    sec: Section,
    plan: BuildPlan,
    progress: Progress,
    media: Path,
    log_path: Path,
    animations: int | None,
) -> tuple[int, float]:
    """Run manim on ``sec`` into ``media``, output in ``log_path``; return (exit code, seconds)."""
    env = manim_env(plan)
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        with _children_lock:
            if _stopping.is_set():
                raise SectionFailed(sec.id, "the build was interrupted before it started")
            proc = subprocess.Popen(
                _manim_command(sec, plan, media),
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            _children.add(proc)
        progress.started(sec.id, log_path, animations or read_stamp(sec, plan).get("animations"))
        try:
            rc = proc.wait()
        finally:
            with _children_lock:
                _children.discard(proc)
    return rc, time.monotonic() - t0


def _failure(sec: Section, plan: BuildPlan, rc: int, log_path: Path) -> SectionFailed:
    """What went wrong in a render that exited with ``rc`` or left no video.

    Said as plainly as the log allows.
    """
    if _disk_full(log_path, plan.out):
        return SectionFailed(
            sec.id,
            f"the disk is full (No space left on device): free some space -- "
            f"{plan.out / 'build'} holds only manim's caches and can be deleted -- "
            f"and build again; log {log_path}",
        )
    said = summary_in_log(log_path.read_text(encoding="utf-8", errors="replace"))
    if said:
        return SectionFailed(sec.id, f"{said}\n  (manim's full report: {log_path})")
    return SectionFailed(sec.id, f"manim exited with {rc}; log {log_path}:\n{_log_tail(log_path)}")


def _keep(mp4: Path, sec: Section, sec_dir: Path) -> None:
    """Copy a good render (video, subtitles, beat timings) over the section's last good output."""
    final_srt = sec_dir / f"{sec.id}.srt"
    atomic_copy(mp4, sec_dir / f"{sec.id}.mp4")
    srt_src = mp4.with_suffix(".srt")
    if srt_src.is_file():
        atomic_copy(srt_src, final_srt)
    elif final_srt.exists():
        final_srt.unlink()
    beats = mp4.with_suffix(".beats.json")
    if beats.is_file():
        atomic_copy(beats, sec_dir / f"{sec.id}.beats.json")


def render_section(
    sec: Section, plan: BuildPlan, progress: Progress, animations: int | None = None
) -> SectionOutput:
    """Render ``sec`` (or reuse its last good render) and return where its outputs are."""
    res, sec_dir = plan.resolution, plan.section_dir
    logs = plan.out / "logs"
    sec_dir.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    final_mp4, final_srt = sec_dir / f"{sec.id}.mp4", sec_dir / f"{sec.id}.srt"
    if not sec.path.is_file():
        raise SectionFailed(sec.id, f"scene file {sec.path} does not exist yet")
    key = fingerprint(sec, plan)
    if is_current(sec, plan, key):
        damaged = damage(sec, plan)
        if damaged is None:
            progress.finished(sec.id, "unchanged, reused the last render")
            return SectionOutput(sec, final_mp4, final_srt if final_srt.is_file() else None, None)
        progress.say(sec.id, f"the last render is damaged ({damaged}): rendering it again")

    progress.say(sec.id, f"started ({sec.title})")
    media = plan.out / "build" / plan.render_tag
    log_path = logs / f"{sec.id}_{plan.render_tag}.log"
    rc, seconds = _run_manim(sec, plan, progress, media, log_path, animations)
    mp4 = media / "videos" / sec.path.stem / res / f"{sec.scene}.mp4"
    if rc != 0 or not mp4.is_file():
        progress.finished(sec.id, f"FAILED after {seconds:.1f} s")
        raise _failure(sec, plan, rc, log_path)
    if not mp4_is_complete(mp4):
        progress.finished(sec.id, f"FAILED after {seconds:.1f} s")
        raise SectionFailed(
            sec.id, f"manim's video {mp4} is incomplete (was the disk full?); log {log_path}"
        )
    _keep(mp4, sec, sec_dir)
    write_stamp(sec, plan, key, seconds, animations_written(log_path))
    progress.finished(sec.id, f"finished in {seconds:.1f} s")
    return SectionOutput(sec, final_mp4, final_srt if final_srt.is_file() else None, seconds)
