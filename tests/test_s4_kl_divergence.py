"""Section 4 renders, and every figure its subtitles speak equals the core's value."""
import re

import numpy as np
import pytest

import infotheory as it
from scenes.kit.text import fmt_num

from .conftest import render_section_tiny

FAIR = np.full(6, 1 / 6)
LOADED = np.array([0.5, 0.1, 0.1, 0.1, 0.1, 0.1])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s4", tmp_path_factory.mktemp("s4"))


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    forward = it.kl_divergence(LOADED, FAIR)
    backward = it.kl_divergence(FAIR, LOADED)
    expected = {fmt_num(it.cross_entropy(LOADED, FAIR)), fmt_num(it.entropy(LOADED)),
                fmt_num(forward), fmt_num(backward)}
    spoken = set(re.findall(r"(\d+\.\d+) 比特", text))
    assert spoken == expected, spoken ^ expected
    assert fmt_num(forward) != fmt_num(backward)        # the asymmetry is audible
    # the reason given is the concavity of log, not the draft's "convex"
    assert "凹" in text and "凸" not in text


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s4"
    assert 0.75 * 90 <= log["scene_time"] <= 1.25 * 90, log["scene_time"]


def test_heatmap_grid_is_the_cores_and_the_diagonal_is_zero():
    import importlib.util

    from scenes.sections import section

    spec = importlib.util.spec_from_file_location("s4_module", section("s4").path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    np.testing.assert_allclose(np.diag(mod.KL_GRID), 0.0, atol=1e-12)
    i, j = 30, 150
    p, q = mod.COINS[i], mod.COINS[j]
    assert mod.KL_GRID[i, j] == pytest.approx(it.kl_divergence([p, 1 - p], [q, 1 - q]))
    assert mod.KL_GRID[i, j] != pytest.approx(mod.KL_GRID[j, i])
