import os
import subprocess
import sys
from pathlib import Path

import av
import pytest
import srt

from scenes.builder.cli import TINY_FLAGS
from scenes.kit.media import stream_seconds

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


@pytest.fixture(scope="session")
def lesson(tmp_path_factory):
    """The two-section test film (tests/data/film) with its lesson page and questions, built once per run."""
    from .lesson_helpers import build_test_film

    return build_test_film(tmp_path_factory.mktemp("lesson"))


@pytest.fixture
def render_scene(tmp_path):
    """Render ``scene`` from ``file`` at tiny size with the given environment; return paths."""

    def _render(file: Path, scene: str, env: dict | None = None, expect_ok: bool = True,
                cache: bool = False):
        media = tmp_path / "media"
        full_env = {**os.environ, "EXPLAINER_CACHE": str(tmp_path / "voice-cache"), "PYTHONHASHSEED": "0",
                    **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "manim", "render", *TINY, "--media_dir", str(media),
             *([] if cache else ["--disable_caching"]), str(file), scene],
            cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=600,
        )
        if expect_ok:
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        mp4 = next(media.rglob(f"{scene}.mp4"), None)
        srt_file = next(media.rglob(f"{scene}.srt"), None)
        cues = list(srt.parse(srt_file.read_text(encoding="utf-8"))) if srt_file else []
        return {"proc": proc, "mp4": mp4, "srt": srt_file, "cues": cues}

    return _render


def render_section_tiny(section_id: str, out_dir: Path, voice: str = "none"):
    """Render a film section at 192x108, 5 fps; return (subtitle cues, beat log, mp4 path)."""
    import json

    from scenes.sections import section

    info = section(section_id)
    proc = subprocess.run(
        [sys.executable, "-m", "manim", "render", *TINY, "--media_dir", str(out_dir),
         "--disable_caching", str(info.path), info.scene],
        cwd=ROOT, env={**os.environ, "EXPLAINER_VOICE": voice}, capture_output=True, text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    mp4 = next(out_dir.rglob(f"{info.scene}.mp4"))
    srt_file = mp4.with_suffix(".srt")
    log = json.loads(mp4.with_suffix(".beats.json").read_text(encoding="utf-8"))
    cues = list(srt.parse(srt_file.read_text(encoding="utf-8"))) if srt_file.is_file() else []
    return cues, log, mp4
