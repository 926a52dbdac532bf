"""manim's own caches, checked before a render trusts them.

manim keeps two caches that it trusts because a file exists:

* every animation's video segment, ``partial_movie_files/<Scene>/<hash>.mp4``: an animation
  whose hash has a file there is not rendered again;
* every formula's SVG, ``Tex/<hash>.svg``: a formula whose SVG exists is not typeset again.

Both are written in place. A render stopped while it writes one -- Ctrl-C in the builder, a
kill, a full disk -- leaves a truncated file under the final name, and every later render of
that section would take it: the film's assembly fails on a 48-byte segment (``InvalidDataError
… '<none>'``) or the formula cannot be parsed, until someone deletes files by hand.

:func:`drop_broken_segments` runs when a scene starts (``NarratedScene.setup``): it reads the
box structure of every segment (a few bytes per file, no decoding) and deletes those that are
not complete MP4 files, so manim renders those animations again. :func:`checked_tex_svg` wraps
manim's typesetting so that an SVG that does not end its document is typeset again.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from ..common.media import mp4_is_complete

__all__ = ["drop_broken_segments", "svg_is_complete", "checked_tex_svg"]

log = logging.getLogger(__name__)


def drop_broken_segments(folder: Path) -> list[Path]:
    """Delete the video segments in ``folder`` that are not complete MP4 files; return them."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    dropped = []
    for segment in sorted(folder.glob("*.mp4")):
        if not mp4_is_complete(segment):
            segment.unlink(missing_ok=True)
            dropped.append(segment)
    if dropped:
        log.warning(
            "deleted %d incomplete cached animation(s) in %s (an earlier render was stopped while "
            "writing them); they are rendered again",
            len(dropped),
            folder,
        )
    return dropped


def svg_is_complete(path: Path) -> bool:
    """Whether an SVG file ends its document (``</svg>``): one cut short while written does not."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 64))
            return f.read().rstrip().endswith(b"</svg>")
    except OSError:
        return False


def checked_tex_svg(tex_to_svg_file):
    """Wrap manim's ``tex_to_svg_file``: typeset again when the cached SVG is incomplete."""
    if getattr(tex_to_svg_file, "_checked", False):
        return tex_to_svg_file

    @functools.wraps(tex_to_svg_file)
    def wrapper(*args, **kwargs):
        svg = Path(tex_to_svg_file(*args, **kwargs))
        if not svg_is_complete(svg):
            log.warning(
                "the typeset formula %s was cut short by an earlier render; typesetting it again",
                svg,
            )
            svg.unlink(missing_ok=True)
            svg = Path(tex_to_svg_file(*args, **kwargs))
        return svg

    wrapper._checked = True
    return wrapper
