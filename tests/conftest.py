"""pytest's fixtures for the whole suite; the helpers the tests import are in ``helpers.py``."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import srt

from .helpers import ROOT, TINY


@pytest.fixture(scope="session")
def lesson(tmp_path_factory):
    """The two-section test film (tests/data/film) with its lesson page and questions.

    Built once per run.
    """
    from .builder.lesson_helpers import build_test_film

    return build_test_film(tmp_path_factory.mktemp("lesson"))


@pytest.fixture
def render_scene(tmp_path):
    """Render ``scene`` from ``file`` at tiny size with the given environment; return paths."""

    def _render(
        file: Path, scene: str, env: dict | None = None, expect_ok: bool = True, cache: bool = False
    ):
        media = tmp_path / "media"
        full_env = {
            **os.environ,
            "EXPLAINER_CACHE": str(tmp_path / "voice-cache"),
            "PYTHONHASHSEED": "0",
            **(env or {}),
        }
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "manim",
                "render",
                *TINY,
                "--media_dir",
                str(media),
                *([] if cache else ["--disable_caching"]),
                str(file),
                scene,
            ],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if expect_ok:
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        mp4 = next(media.rglob(f"{scene}.mp4"), None)
        srt_file = next(media.rglob(f"{scene}.srt"), None)
        cues = list(srt.parse(srt_file.read_text(encoding="utf-8"))) if srt_file else []
        return {"proc": proc, "mp4": mp4, "srt": srt_file, "cues": cues}

    return _render
