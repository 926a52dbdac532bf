"""What many tests share: where things are, tiny renders, media durations, figures in sentences.

Imported by the tests (``from .helpers import …``); ``conftest.py`` holds only pytest's fixtures.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import av
import srt

from scenes.builder.cli import TINY_FLAGS
from scenes.common.media import stream_seconds

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
TINY = list(TINY_FLAGS)


def media_durations(path: Path) -> dict:
    """Seconds of each stream kind in a media file (video, audio)."""
    out = {}
    with av.open(str(path)) as c:
        for s in c.streams:
            if stream_seconds(s) is not None:
                out[s.type] = stream_seconds(s)
        out["container"] = c.duration / 1_000_000 if c.duration else None
    return out


def render_section_tiny(section_id: str, out_dir: Path, voice: str = "none"):
    """Render a film section at 192x108, 5 fps; return (subtitle cues, beat log, mp4 path)."""
    from scenes.sections import section

    info = section(section_id)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "render",
            *TINY,
            "--media_dir",
            str(out_dir),
            "--disable_caching",
            str(info.path),
            info.scene,
        ],
        cwd=ROOT,
        env={**os.environ, "EXPLAINER_VOICE": voice},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    mp4 = next(out_dir.rglob(f"{info.scene}.mp4"))
    srt_file = mp4.with_suffix(".srt")
    log = json.loads(mp4.with_suffix(".beats.json").read_text(encoding="utf-8"))
    cues = list(srt.parse(srt_file.read_text(encoding="utf-8"))) if srt_file.is_file() else []
    return cues, log, mp4


def f2(x: float) -> str:
    """A figure as the narration writes it with two decimals."""
    return f"{x:.2f}"


def said(beats: dict, beat_id: str, pattern: str, lang: str = "text") -> tuple[str, ...]:
    """The groups of ``pattern`` in beat ``beat_id``'s text (``lang="en"``: its English)."""
    text = beats[beat_id][lang]
    m = re.search(pattern, text)
    assert m, f"{beat_id} ({lang}) does not say {pattern!r}:\n{text}"
    return m.groups()


def tiny_build_command(
    registry: Path | None, out: Path, *extra: str, voice: str = "espeak", jobs: int | None = 2
) -> list[str]:
    """``python -m scenes.builder`` at the tiny size (espeak and two jobs unless told otherwise).

    ``registry``: a fixture registry, or ``None`` for the film's own sections; ``jobs=None``
    leaves the number of parallel renders to the builder.
    """
    return [
        sys.executable,
        "-m",
        "scenes.builder",
        "--tiny",
        "--voice",
        voice,
        *(["--jobs", str(jobs)] if jobs is not None else []),
        *(["--registry", str(registry)] if registry is not None else []),
        "--out",
        str(out),
        *extra,
    ]
