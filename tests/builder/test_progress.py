"""Live progress of the renders, read from manim's logs."""

import io
import time

from scenes.builder.progress import Progress, animations_written


def write_log(path, n):
    path.write_text(
        "".join(
            f"INFO     Animation {i} : Partial      scene_file_writer.py:173\n"
            f"         movie file written in '/x/{i}.mp4'\n"
            for i in range(n)
        )
    )


def test_animations_are_counted_from_the_log(tmp_path):
    log = tmp_path / "s3.log"
    assert animations_written(log) == 0  # not there yet
    write_log(log, 12)
    assert animations_written(log) == 12
    log.write_text(log.read_text() + "INFO     Animation 12 : Using cached data (hash : 1_2_3)\n")
    assert animations_written(log) == 13  # cached animations count too


def test_lines_show_share_time_left_and_the_whole_build(tmp_path):
    out = io.StringIO()
    progress = Progress(["s1", "s2", "s3"], live=False, out=out)
    log = tmp_path / "s2.log"
    write_log(log, 30)
    progress.finished("s1", "unchanged, reused the last render")
    progress.started("s2", log, 60)
    progress.running["s2"].t0 -= 20  # as if it had been rendering for 20 s
    lines = progress.lines()
    assert lines[0].startswith("[s2]  50% (30/60 animations), 20 s, about 20 s left")
    assert lines[-1].startswith("[film]  50% of 3 sections")  # s1 done, s2 half, s3 waiting
    assert "[s1] unchanged, reused the last render" in out.getvalue()
    assert "[film] 1/3 sections ready" in out.getvalue()


def test_plain_lines_are_printed_while_sections_render(tmp_path, monkeypatch):
    monkeypatch.setattr("scenes.builder.progress.PLAIN_EVERY", 0.05)
    out = io.StringIO()
    log = tmp_path / "s1.log"
    write_log(log, 3)
    with Progress(["s1"], live=False, out=out) as progress:
        progress.started("s1", log, None)  # no count known: animations written only
        time.sleep(0.3)
    assert "[s1] 3 animations written" in out.getvalue()


def test_a_terminal_gets_a_live_display(tmp_path, monkeypatch):
    monkeypatch.setattr("scenes.builder.progress.PLAIN_EVERY", 0.05)
    out = io.StringIO()
    log = tmp_path / "s1.log"
    write_log(log, 5)
    with Progress(["s1"], live=True, out=out) as progress:
        progress.started("s1", log, 10)
        progress.say("s1", "started (标题)")
        time.sleep(1.3)  # the live display refreshes every second
        progress.finished("s1", "finished in 1.3 s")
    text = out.getvalue()
    assert "[s1] started (标题)" in text
    assert "[s1] finished in 1.3 s" in text
    assert "50% (5/10 animations)" in text  # drawn by the live display
