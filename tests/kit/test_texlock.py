"""Formulas typeset by parallel processes sharing one cache (the builder does this) do not fail."""

import subprocess
import sys

import pytest

from ..helpers import ROOT

WORKER = r"""
import sys
from manim import MathTex, tempconfig
from scenes.kit.texlock import install
install()
with tempconfig({"media_dir": sys.argv[1], "verbosity": "ERROR"}):
    for k in range(10):
        MathTex(rf"H_{{{k}}}(P, Q) = -\sum_x P(x) \log Q(x) + {k}")
print("ok")
"""


@pytest.mark.render
def test_two_processes_typeset_the_same_formulas_at_once(tmp_path):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path / "media")],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err[-2000:]
        assert out.strip() == "ok", err[-2000:]
    assert len(list((tmp_path / "media" / "Tex").glob("*.svg"))) == 10
