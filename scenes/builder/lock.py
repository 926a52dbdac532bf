"""One build at a time in an output folder, and no manim process outliving its build.

Two builds in one folder would render the same sections into the same build folder, write
the same logs and replace each other's film half-way. :func:`build_lock` holds an exclusive
lock on ``<out>/.build.lock`` for the whole build; a second build finds it held and stops at
once with a message naming the running one (its process id, when it started and its command).
The lock is the operating system's (``flock``): it is released when the build ends however it
ends, a ``kill -9`` included, so a stale lock file never blocks the next build.

:func:`die_with_parent` makes a child process receive SIGTERM when the build that started it
dies, even by SIGKILL (Linux's ``PR_SET_PDEATHSIG``); the section renders start through
:data:`CHILD_LAUNCHER`, which sets it and then becomes manim.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["BuildBusy", "build_lock", "die_with_parent", "CHILD_LAUNCHER", "LOCK_NAME"]

LOCK_NAME = ".build.lock"
_PR_SET_PDEATHSIG = 1


class BuildBusy(RuntimeError):
    """Another build holds the output folder; the message names it and what to do."""


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"process {info['pid']}, started {info['started']}: {info['command']}"
    except (OSError, ValueError, KeyError):
        return "its details could not be read"


@contextlib.contextmanager
def build_lock(out: Path, command: list[str] | None = None) -> Iterator[Path]:
    """Hold the build lock of ``out`` for the block; raise :class:`BuildBusy` when it is held."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 -- held for the whole build, closed below
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(
                f"another build is already running in {out} ({_holder(path)}). Wait for it to "
                "finish, or stop it (Ctrl-C in its terminal, or kill its process), then run this "
                "again. Two builds at once would overwrite each other's files."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "started": dt.datetime.now().isoformat(sep=" ", timespec="seconds"),
                    "command": " ".join(
                        command if command is not None else ["./render.sh", *sys.argv[1:]]
                    ),
                }
            )
        )
        handle.flush()
        yield path
    finally:
        handle.close()  # releases the lock


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask the kernel to send this process SIGTERM when its parent dies (Linux; elsewhere nothing).

    When ``expected_parent`` is given and the parent is already gone (this process was
    re-parented before the request took effect), exit at once.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)


#: ``python -c CHILD_LAUNCHER <parent pid> <program> <args…>``:
# die with the parent, then exec the program
CHILD_LAUNCHER = (
    "import os, sys; from scenes.builder.lock import die_with_parent; "
    "die_with_parent(int(sys.argv[1])); os.execv(sys.argv[2], sys.argv[2:])"
)
