"""The setup step: idempotent, and clear about what to install when it cannot."""

import os
import subprocess
import sys
import time

import pytest

from .helpers import DATA, ROOT, TINY


def test_second_run_is_quick_and_changes_nothing():
    t0 = time.monotonic()
    proc = subprocess.run(
        ["bash", str(ROOT / "setup.sh")], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "system packages: all present" in proc.stdout
    assert "project: installed" in proc.stdout
    assert time.monotonic() - t0 < 30


def test_without_root_or_sudo_it_lists_the_exact_packages():
    env = {**os.environ, "SETUP_PRETEND_MISSING": "espeak-ng dvisvgm", "SETUP_PRETEND_NONROOT": "1"}
    proc = subprocess.run(
        ["bash", str(ROOT / "setup.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "apt-get install --no-install-recommends dvisvgm espeak-ng" in proc.stderr


def test_the_browser_is_installed_only_for_the_tests():
    env = {
        **os.environ,
        "SETUP_PRETEND_MISSING": "chromium chromium-driver",
        "SETUP_PRETEND_NONROOT": "1",
    }
    plain = subprocess.run(
        ["bash", str(ROOT / "setup.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert plain.returncode == 0
    assert "chromium" not in plain.stdout + plain.stderr
    tests = subprocess.run(
        ["bash", str(ROOT / "setup.sh"), "--tests"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 1
    assert "apt-get install --no-install-recommends chromium chromium-driver" in tests.stderr
    bad = subprocess.run(
        ["bash", str(ROOT / "setup.sh"), "--test"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert "unknown option: --test" in bad.stderr


@pytest.mark.render
def test_manim_preview_flag_works_headless(tmp_path):
    """`manim -p …` renders and exits 0 on a machine without a screen."""
    env = {**os.environ, "EXPLAINER_VOICE": "none", "DISPLAY": ""}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "-p",
            *TINY,
            "--media_dir",
            str(tmp_path),
            str(DATA / "narrated_demo.py"),
            "NarratedDemo",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert list(tmp_path.rglob("NarratedDemo.mp4"))
