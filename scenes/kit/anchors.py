"""Word anchors: the phrases a narration block's animations wait for, read from the scene code.

In a block ::

    with self.narrate("先看这枚骰子。一滴雨也没下，预报却说九成会下雨。") as beat:
        beat.wait_until("一滴雨也没下")
        self.play(FadeIn(sun), run_time=beat.until("预报却说"))

the phrases given to ``beat.at/until/wait_until`` as plain strings are found in the source of
the ``with`` statement before the beat is voiced, so the voice can be made piece by piece, cut
at each phrase, and the time of every phrase is exact.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

__all__ = ["ANCHOR_METHODS", "AnchorError", "anchors_in_block"]

#: the Beat methods whose first argument is an anchor phrase
ANCHOR_METHODS = ("at", "until", "wait_until")


class AnchorError(ValueError):
    """An animation waits for a phrase the narration does not (or no longer) say."""

    plain = True  # its message names where and what to do (scenes.common.errors)


@functools.lru_cache(maxsize=32)
def _tree(path: str, mtime_ns: int) -> ast.Module | None:
    try:
        return ast.parse(Path(path).read_text(encoding="utf-8"), filename=path)
    except (OSError, SyntaxError, ValueError):
        return None


def _narrate_call(node: ast.withitem, line: int) -> bool:
    call = node.context_expr
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "narrate"
        and call.lineno <= line <= (call.end_lineno or call.lineno)
    )


def anchors_in_block(path: str, line: int) -> list[str]:
    """The literal anchor phrases of the narration block at ``line`` of ``path``, each once.

    The block is the ``with … narrate(…) as beat:`` statement whose ``narrate`` call spans
    ``line``; the result is empty when there is none or the file cannot be read.
    """
    p = Path(path)
    try:
        tree = _tree(str(p), p.stat().st_mtime_ns)
    except OSError:
        return []
    if tree is None:
        return []
    for node in ast.walk(tree):
        if not isinstance(node, ast.With):
            continue
        for item in node.items:
            if _narrate_call(item, line) and isinstance(item.optional_vars, ast.Name):
                name = item.optional_vars.id
                found = [
                    sub.args[0].value
                    for sub in ast.walk(ast.Module(body=node.body, type_ignores=[]))
                    if (
                        isinstance(sub, ast.Call)
                        and isinstance(sub.func, ast.Attribute)
                        and sub.func.attr in ANCHOR_METHODS
                        and isinstance(sub.func.value, ast.Name)
                        and sub.func.value.id == name
                        and sub.args
                        and isinstance(sub.args[0], ast.Constant)
                        and isinstance(sub.args[0].value, str)
                    )
                ]
                return list(dict.fromkeys(found))
    return []
