"""Formula and text typesetting that is safe when several processes share one media folder.

The builder reads narration and renders sections in parallel, all with the same media folder,
and manim's typesetting is not safe for that:

* a formula is typeset into ``<media>/Tex/<hash>.svg``, after which manim deletes every other
  file in that folder, so one process can delete another's ``.tex``/``.dvi`` half-way
  ("latex failed but did not produce a log file", "can't open file …dvi");
* every SVG (formula or text) is parsed through a temporary copy ``<hash>_.svg`` beside it,
  which another process parsing the same formula or text overwrites or deletes.

Both steps run under one exclusive lock on ``<media>/typesetting.lock`` (outside ``Tex/``,
where the clean-up would delete it while held). Already-typeset formulas and texts cost one
uncontended lock each. A formula whose SVG was cut short (a render stopped while writing it)
is typeset again (:mod:`scenes.kit.manim_cache`).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
from pathlib import Path

__all__ = ["install", "typesetting_lock"]


@contextlib.contextmanager
def typesetting_lock():
    from manim import config

    folder = Path(config.get_dir("media_dir"))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "typesetting.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _locked(fn):
    if getattr(fn, "_locked", False):
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with typesetting_lock():
            return fn(*args, **kwargs)

    wrapper._locked = True
    return wrapper


def install() -> None:
    """Make manim's formula typesetting and SVG parsing take the lock (idempotent)."""
    from manim.mobject.svg.svg_mobject import SVGMobject
    from manim.mobject.text import tex_mobject

    from .manim_cache import checked_tex_svg

    # typeset again when an earlier render was stopped while writing the SVG
    tex_mobject.tex_to_svg_file = _locked(checked_tex_svg(tex_mobject.tex_to_svg_file))
    SVGMobject.generate_mobject = _locked(SVGMobject.generate_mobject)
