"""manim's caches after a render was stopped half-way: the next render must work."""

import os
import signal
import subprocess
import sys
import time

import pytest

from scenes.common.media import mp4_is_complete
from scenes.kit.manim_cache import drop_broken_segments, svg_is_complete

from ..helpers import DATA, ROOT, TINY, media_durations

SCENE = DATA / "slow_segments.py"


def _manim(media, env=None, **popen):
    cmd = [
        sys.executable,
        "-m",
        "manim",
        "render",
        *TINY,
        "--media_dir",
        str(media),
        str(SCENE),
        "SlowSecond",
    ]
    full_env = {**os.environ, "EXPLAINER_VOICE": "none", "PYTHONHASHSEED": "0", **(env or {})}
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def _segments(media):
    return sorted(media.rglob("partial_movie_files/SlowSecond/*.mp4"))


@pytest.mark.render
def test_a_render_stopped_while_writing_a_segment_leaves_the_next_render_working(tmp_path):
    media = tmp_path / "media"
    proc = _manim(media, start_new_session=True)  # as the builder starts it
    deadline = time.monotonic() + 120
    while len(_segments(media)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert len(_segments(media)) >= 2, "the slow animation never started"
    time.sleep(0.5)  # well inside its ~8 s of drawing
    os.killpg(proc.pid, signal.SIGTERM)  # what the builder does on Ctrl-C
    proc.communicate(timeout=60)
    broken = [s for s in _segments(media) if not mp4_is_complete(s)]
    assert broken, (
        "the stopped render left no unfinished segment: the test did not stop it mid-write"
    )
    assert all(s.stat().st_size < 4096 for s in broken)

    again = _manim(media)
    out, _ = again.communicate(timeout=300)
    assert again.returncode == 0, out[-3000:]
    mp4 = next(media.rglob("videos/**/SlowSecond.mp4"))
    assert media_durations(mp4)["video"] == pytest.approx(22.0, abs=0.3)
    assert all(mp4_is_complete(s) for s in _segments(media))
    assert not any(s.exists() for s in broken) or all(mp4_is_complete(s) for s in broken)


@pytest.mark.render
def test_a_complete_segment_passes_and_every_truncation_of_it_fails(tmp_path):
    media = tmp_path / "media"
    proc = _manim(media, env={"SLOW_FRAME_SECONDS": "0"})
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out[-3000:]
    segment = _segments(media)[0]
    data = segment.read_bytes()
    assert mp4_is_complete(segment)
    for cut in (48, len(data) // 2, len(data) - 1):
        partial = tmp_path / f"cut{cut}.mp4"
        partial.write_bytes(data[:cut])
        assert not mp4_is_complete(partial), cut
    # the clean-up deletes exactly the broken ones
    folder = segment.parent
    (folder / "broken.mp4").write_bytes(data[:48])
    assert drop_broken_segments(folder) == [folder / "broken.mp4"]
    assert segment.is_file()


def test_an_svg_cut_short_is_not_complete(tmp_path):
    whole = tmp_path / "a.svg"
    whole.write_text(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>\n'
    )
    assert svg_is_complete(whole)
    cut = tmp_path / "b.svg"
    cut.write_bytes(whole.read_bytes()[:40])
    assert not svg_is_complete(cut)
    assert not svg_is_complete(tmp_path / "missing.svg")


def test_a_typeset_formula_cut_short_is_typeset_again(tmp_path):
    from scenes.kit.manim_cache import checked_tex_svg

    target = tmp_path / "f.svg"
    calls = []

    def typeset(expression):
        calls.append(expression)
        if not target.exists():
            target.write_text("<svg>" + expression + "</svg>")
        return target

    target.write_text("<svg><pa")  # what a stopped render left
    assert checked_tex_svg(typeset)("x^2").read_text() == "<svg>x^2</svg>"
    assert calls == ["x^2", "x^2"]
