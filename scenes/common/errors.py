"""A scene's error as one paragraph: where in the scene file it happened and what it says.

manim prints an error as a long boxed traceback whose lines are wrapped and whose last frames
are in manim's own code; the builder showed its last 25 lines. An educator who misspelled a
figure's name needs the line of the section file, the message and, for a misspelled name, the
names it may have meant. :func:`scene_error_summary` gives that; :class:`NarratedScene` prints
it (between :data:`MARK` lines, which the builder looks for in a render's log) before manim's own
report, and the builder's narration stage uses it too.
"""

from __future__ import annotations

import builtins
import difflib
import linecache
import re
import traceback
from pathlib import Path

from ..paths import REPO_ROOT

__all__ = ["MARK", "scene_error_summary", "summary_in_log", "run_tool"]

# An error class whose message is complete -- it names the file, beat, line or key and what to do --
# says so with a class attribute ``plain = True`` (the narration, anchor, example and lexicon
# errors, a failed section): it is shown as it is, with no file and line of its own.

#: frames the summary line around, so that the builder can find it in a log
MARK = "[scene error]"
#: the project's machinery: a frame in it is not where a scene author went wrong
_MACHINERY = tuple(REPO_ROOT / "scenes" / p for p in ("kit", "speech", "common", "builder"))


def _blame(tb) -> traceback.FrameSummary | None:
    """The frame to name: the last one in a scene file, else the last one of this repository."""
    frames = traceback.extract_tb(tb)
    ours = [
        f
        for f in frames
        if Path(f.filename).resolve().is_relative_to(REPO_ROOT)
        and ".venv" not in Path(f.filename).parts
    ]
    scene = [
        f for f in ours if not any(Path(f.filename).resolve().is_relative_to(m) for m in _MACHINERY)
    ]
    return (scene or ours or frames or [None])[-1]


def _frame_names(tb) -> set[str]:
    """The names visible where the error happened (for "did you mean")."""
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    return set(frame.f_locals) | set(frame.f_globals) | set(dir(builtins))


def scene_error_summary(exc: BaseException) -> str:
    """The summary of a scene's error: its place in the scene (file, line, function) and what it is.

    ``scenes/s1_weather_hook.py:88 (in put_a_number_on_surprise): NameError: name 'RAN' is not
    defined …``.
    """
    if getattr(exc, "plain", False):
        return str(exc)  # it names the file (the beat, the line, the key) and what to do itself
    frame = _blame(exc.__traceback__)
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, NameError) and getattr(exc, "name", None) and exc.__traceback__ is not None:
        close = difflib.get_close_matches(
            exc.name, _frame_names(exc.__traceback__), n=3, cutoff=0.6
        )
        if close:
            message += f" -- did you mean {' or '.join(close)}?"
    if frame is None:
        return message
    path = Path(frame.filename)
    shown = path.relative_to(REPO_ROOT) if path.resolve().is_relative_to(REPO_ROOT) else path
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    return f"{shown}:{frame.lineno} (in {frame.name}): {message}" + (
        f"\n    {line}" if line else ""
    )


def summary_in_log(text: str) -> str | None:
    """The scene's error summary a render printed into its log, if any."""
    found = re.findall(re.escape(MARK) + r"(.*?)" + re.escape(MARK), text, re.S)
    return found[-1].strip() or None if found else None


def run_tool(prog: str, main, *args) -> int:
    """``main(*args)`` for a command-line tool: an error is one paragraph on stderr and status 1.

    ``EXPLAINER_TRACEBACK=1`` shows Python's full traceback instead (for a bug in the tool itself).
    """
    import os
    import sys

    if os.environ.get("EXPLAINER_TRACEBACK"):
        return main(*args)
    try:
        return main(*args)
    except Exception as exc:
        print(
            f"{prog}: {scene_error_summary(exc)}\n(EXPLAINER_TRACEBACK=1 shows the full traceback)",
            file=sys.stderr,
        )
        return 1
