"""Progress a person can watch while the sections render.

Each running section's share is the number of animations manim has written (read from its
log) against the number the section makes (counted when its narration was read, or recorded
by its last render); elapsed and estimated time left follow from it. On a terminal the display
is a live table (rich, which manim brings) refreshed every second; otherwise -- CI logs,
a pipe -- plain lines every ``PLAIN_EVERY`` seconds.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Progress", "PLAIN_EVERY"]

PLAIN_EVERY = 10.0
_ANIMATION = re.compile(rb"Animation (\d+) : ")


def animations_written(log: Path) -> int:
    """How many animations manim has written so far, from its log."""
    try:
        found = _ANIMATION.findall(log.read_bytes())
    except OSError:
        return 0
    return int(found[-1]) + 1 if found else 0


@dataclass
class _Running:
    log: Path
    total: int | None
    t0: float


class Progress:
    def __init__(self, sections: list[str], live: bool | None = None, out=None):
        self.out = out or sys.stdout
        self.live = self.out.isatty() if live is None else live
        self.order = list(sections)
        self.running: dict[str, _Running] = {}
        self.state = dict.fromkeys(sections, "waiting")
        self.t0 = time.monotonic()
        self.lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._live = None

    # --- events from the render threads ---------------------------------------------------
    def say(self, tag: str, msg: str) -> None:
        with self.lock:
            self._print(f"[{tag}] {msg}")

    def started(self, sid: str, log: Path, total: int | None) -> None:
        with self.lock:
            self.running[sid] = _Running(log, total, time.monotonic())
            self.state[sid] = "rendering"

    def finished(self, sid: str, msg: str) -> None:
        with self.lock:
            self.running.pop(sid, None)
            self.state[sid] = msg
            done = sum(1 for s in self.state.values() if s not in ("waiting", "rendering"))
            self._print(f"[{sid}] {msg}")
            self._print(
                f"[film] {done}/{len(self.order)} sections ready, {time.monotonic() - self.t0:.0f} "
                "s elapsed"
            )

    # --- the display ------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """One line per running section and one for the whole build."""
        now = time.monotonic()
        out, shares = [], []
        for sid in self.order:
            st = self.state[sid]
            if st == "waiting":
                shares.append(0.0)
                continue
            run = self.running.get(sid)
            if run is None:
                shares.append(1.0)
                continue
            n, el = animations_written(run.log), now - run.t0
            if run.total:
                share = min(n / run.total, 0.99)
                left = f", about {el / share * (1 - share):.0f} s left" if share > 0.02 else ""
                out.append(f"[{sid}] {share:4.0%} ({n}/{run.total} animations), {el:.0f} s{left}")
            else:
                share = 0.0
                out.append(f"[{sid}] {n} animations written, {el:.0f} s")
            shares.append(share)
        total = sum(shares) / len(shares) if shares else 1.0
        out.append(
            f"[film] {total:4.0%} of {len(self.order)} sections, {now - self.t0:.0f} s elapsed"
        )
        return out

    def _print(self, line: str) -> None:
        if self._live is not None:
            self._live.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.out, flush=True)

    def _loop(self) -> None:
        every = 1.0 if self.live else PLAIN_EVERY
        while not self._stop.wait(every):
            with self.lock:
                if not self.running:
                    continue
                lines = self.lines()
                if self._live is not None:
                    from rich.text import Text

                    self._live.update(Text("\n".join(lines)))
                else:
                    for line in lines:
                        print(line, file=self.out, flush=True)

    def __enter__(self) -> Progress:
        if self.live:
            from rich.console import Console
            from rich.live import Live

            console = Console(file=self.out, force_terminal=True)  # live was chosen for a terminal
            self._live = Live(console=console, auto_refresh=True, transient=True)
            self._live.start()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._live is not None:
            self._live.stop()
            self._live = None
