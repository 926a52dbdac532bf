"""What the builder guarantees when things go wrong.

Ctrl-C, kill -9, a second build, damaged files, a full disk.
"""

import errno
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from scenes.common.media import mp4_is_complete

from ..helpers import DATA, ROOT, media_durations, tiny_build_command

FILM = "cross_entropy_108p5.mp4"


def _registry(tmp: Path, *entries) -> Path:
    scenes = tmp / "sections"
    if not scenes.exists():
        shutil.copytree(DATA / "film", scenes)
        shutil.copy(DATA / "slow_segments.py", scenes / "slow_segments.py")
    known = {
        "ta": {"file": "ta_voiced.py", "scene": "VoicedA", "title": "甲", "target_minutes": 0.1},
        "tb": {"file": "tb_silent.py", "scene": "SilentB", "title": "乙", "target_minutes": 0.05},
        "slow": {
            "file": "slow_segments.py",
            "scene": "SlowSecond",
            "title": "慢",
            "target_minutes": 0.4,
        },
    }
    items = [{"id": e, **known[e], "file": str(scenes / known[e]["file"])} for e in entries]
    path = tmp / f"registry_{'_'.join(entries)}.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


def _command(tmp: Path, registry: Path, *extra, out: Path | None = None):
    return tiny_build_command(registry, out or tmp / "out", *extra, voice="none")


def _env(tmp: Path, **more):
    return {**os.environ, "EXPLAINER_CACHE": str(tmp / "voice-cache"), **more}


def build(tmp: Path, registry: Path, *extra, out: Path | None = None, env=None):
    return subprocess.run(
        _command(tmp, registry, *extra, out=out),
        cwd=ROOT,
        env=_env(tmp, **(env or {})),
        capture_output=True,
        text=True,
        timeout=600,
    )


def start(tmp: Path, registry: Path, *extra, **popen):
    return subprocess.Popen(
        _command(tmp, registry, *extra),
        cwd=ROOT,
        env=_env(tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


def wait_for(condition, timeout=120, what="the condition", proc=None):
    """Poll ``condition`` until it holds; fail when ``proc`` (a build) ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            raise AssertionError(
                f"the build ended (status {proc.returncode}) before {what}:\n"
                f"{proc.communicate()[0][-3000:]}"
            )
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def manim_processes(marker: str) -> list[int]:
    """Process ids of live manim renders whose command line mentions ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().split(") ")[-1].split()[0]
        except OSError:
            continue
        if state != "Z" and b"manim" in cmd and any(marker.encode() in part for part in cmd):
            found.append(int(proc.name))
    return found


def segments(out: Path):
    return sorted((out / "build").rglob("partial_movie_files/SlowSecond/*.mp4"))


@pytest.mark.render
def test_ctrl_c_with_manims_cache_on_leaves_the_next_build_working(tmp_path):
    registry = _registry(tmp_path, "slow")
    build_proc = start(tmp_path, registry, "--manim-cache", "on")
    out = tmp_path / "out"
    # the slow animation's segment file appears once the encoder has written its first packets
    wait_for(lambda: len(segments(out)) >= 2, what="the slow animation's segment", proc=build_proc)
    time.sleep(0.5)
    build_proc.send_signal(signal.SIGINT)  # Ctrl-C
    text, _ = build_proc.communicate(timeout=60)
    assert build_proc.returncode == 130, text
    assert "interrupted" in text
    assert any(not mp4_is_complete(s) for s in segments(out)), (
        "the interruption left no unfinished segment"
    )

    again = build(tmp_path, registry, "--manim-cache", "on")
    assert again.returncode == 0, again.stdout + again.stderr
    assert media_durations(out / FILM)["video"] == pytest.approx(22.0, abs=0.5)


@pytest.mark.render
def test_a_build_killed_with_sigkill_takes_its_manim_process_with_it(tmp_path):
    registry = _registry(tmp_path, "slow")
    build_proc = start(tmp_path, registry)
    marker = str(tmp_path / "sections" / "slow_segments.py")
    children = wait_for(
        lambda: manim_processes(marker), what="the section's manim process", proc=build_proc
    )
    build_proc.kill()  # kill -9: the builder cleans up nothing
    build_proc.communicate(timeout=30)
    wait_for(
        lambda: not manim_processes(marker),
        timeout=15,
        what=f"manim {children} to end with its build",
    )
    # and the lock died with the build: the next build runs
    again = build(tmp_path, _registry(tmp_path, "ta"))
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_second_build_in_the_same_folder_is_refused_with_the_running_one_named(tmp_path):
    from scenes.builder.lock import build_lock

    registry = _registry(tmp_path, "ta")
    out = tmp_path / "out"
    with build_lock(out, ["./render.sh", "--quality", "l"]):  # a build holds the folder
        second = build(tmp_path, registry)
    assert second.returncode == 1
    assert "another build is already running" in second.stderr
    assert f"process {os.getpid()}" in second.stderr
    assert "./render.sh --quality l" in second.stderr
    assert "Traceback" not in second.stderr
    assert not (out / FILM).exists()
    assert not (out / "sections").exists()


@pytest.mark.render
def test_two_builds_started_together_one_runs_one_refuses(tmp_path):
    registry = _registry(tmp_path, "slow")
    first = start(tmp_path, registry)
    wait_for(
        lambda: (tmp_path / "out" / ".build.lock").is_file(),
        what="the first build's lock",
        proc=first,
    )
    second = build(tmp_path, registry)
    assert second.returncode == 1
    assert "another build is already running" in second.stderr
    text, _ = first.communicate(timeout=300)
    assert first.returncode == 0, text


@pytest.mark.render
def test_a_damaged_section_render_is_rendered_again_not_reused(tmp_path):
    registry = _registry(tmp_path, "ta", "tb")
    assert build(tmp_path, registry).returncode == 0
    out = tmp_path / "out"
    section = out / "sections" / "108p5" / "ta.mp4"
    data = section.read_bytes()
    section.write_bytes(data[: len(data) // 2])  # cut short after it was written
    again = build(tmp_path, registry)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "[ta] the last render is damaged" in again.stdout
    assert "rendering it again" in again.stdout
    assert "[tb] unchanged" in again.stdout
    assert mp4_is_complete(section)
    assert section.stat().st_size == len(data)
    # a damaged beat log is found too
    beats = out / "sections" / "108p5" / "tb.beats.json"
    beats.write_text("{", encoding="utf-8")
    third = build(tmp_path, registry)
    assert third.returncode == 0
    assert "[tb] the last render is damaged" in third.stdout


@pytest.mark.render
def test_a_subset_build_is_named_as_a_subset_and_leaves_the_whole_film_alone(tmp_path):
    registry = _registry(tmp_path, "ta", "tb")
    assert build(tmp_path, registry).returncode == 0
    out = tmp_path / "out"
    film, page = out / FILM, out / "cross_entropy_108p5_lesson" / "index.html"
    before = (film.read_bytes(), page.read_bytes())
    part = build(tmp_path, registry, "--sections", "tb")
    assert part.returncode == 0, part.stdout + part.stderr
    assert (film.read_bytes(), page.read_bytes()) == before
    subset = out / "cross_entropy_108p5_only-tb.mp4"
    assert subset.is_file()
    assert (out / "cross_entropy_108p5_only-tb_lesson" / "index.html").is_file()
    assert media_durations(subset)["video"] < media_durations(film)["video"]
    assert "[tb] unchanged" in part.stdout  # the subset shares the section renders


def test_a_full_disk_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    from scenes.builder import film
    from scenes.builder.cli import parse_plan

    plan, _ = parse_plan(
        [
            "--tiny",
            "--voice",
            "none",
            "--registry",
            str(_registry(tmp_path, "ta")),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    target = tmp_path / "out" / FILM

    def full(_plan):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(film, "build", full)
    assert film.run(plan) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "no space left on the disk while writing" in err[0]
    assert str(target) in err[0]
    assert "MB free" in err[0]
    assert "run the build again" in err[0]


@pytest.mark.render
def test_a_really_full_disk_stops_the_build_with_one_clear_line(tmp_path):
    registry = _registry(tmp_path, "ta", "tb")
    # the space runs out in different places: manim's own files, its log, the copy of a section
    for size in ("40k", "80k"):
        disk = tmp_path / f"disk{size}"
        disk.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True
        )
        if mounted.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
        try:
            proc = build(tmp_path, registry, out=disk / "out")
        finally:
            subprocess.run(["umount", str(disk)], check=False)
        text = proc.stdout + proc.stderr
        assert proc.returncode == 1, text
        assert "Traceback" not in text, text
        assert "│" not in text, text
        failed = [line for line in proc.stderr.splitlines() if "FAILED" in line]
        assert len(failed) == 1, text
        assert "no space left on the disk" in failed[0] or "the disk is full" in failed[0], text
        assert ".tmp" not in failed[0]
