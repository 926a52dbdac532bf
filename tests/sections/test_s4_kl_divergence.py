"""Section 4: the per-face terms, Jensen's picture and the heatmap marker.

Also every figure said in its sentence.
"""

import math
import re

import numpy as np
import pytest
from scipy.special import rel_entr
from scipy.stats import entropy as scipy_entropy

import infotheory as it
from scenes.kit.narration_checks import figures
from scenes.kit.text import fmt_num

from ..helpers import render_section_tiny

FAIR = np.full(6, 1 / 6)
LOADED = np.array([0.5, 0.1, 0.1, 0.1, 0.1, 0.1])
FORWARD = scipy_entropy(LOADED, FAIR, base=2)  # D(P||Q): truth loaded, belief fair
BACKWARD = scipy_entropy(FAIR, LOADED, base=2)  # D(Q||P)


def coin_by_hand(p: float, q: float) -> float:
    return p * math.log2(p / q) + (1 - p) * math.log2((1 - p) / (1 - q))


@pytest.fixture(scope="module")
def s4():
    import importlib.util

    from scenes.sections import section

    spec = importlib.util.spec_from_file_location("s4_module", section("s4").path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_per_face_terms_sum_to_each_direction(s4):
    by_hand_forward = [p * math.log2(p / q) for p, q in zip(LOADED, FAIR)]
    by_hand_backward = [q * math.log2(q / p) for p, q in zip(LOADED, FAIR)]
    assert pytest.approx(by_hand_forward) == s4.FORWARD
    assert pytest.approx(by_hand_backward) == s4.BACKWARD
    assert s4.FORWARD.sum() == pytest.approx(FORWARD)
    assert pytest.approx(FORWARD) == s4.KL
    assert s4.BACKWARD.sum() == pytest.approx(BACKWARD)
    assert pytest.approx(BACKWARD) == s4.KL_SWAPPED
    assert pytest.approx(rel_entr(LOADED, FAIR) / math.log(2)) == s4.FORWARD
    # what the picture shows: face one makes D(P||Q), the other faces make D(Q||P)
    assert s4.FORWARD[0] > FORWARD > 0 > s4.FORWARD[1]
    assert s4.BACKWARD[0] < 0 < s4.BACKWARD[1]


def test_jensen_picture_mean_point_is_one_and_minus_kl(s4):
    ratios = FAIR / LOADED
    assert sorted(set(np.round(s4.RATIOS, 12))) == sorted(set(np.round(ratios, 12)))
    assert s4.MEAN_RATIO == pytest.approx(np.sum(LOADED * ratios)) == pytest.approx(1.0)
    assert s4.MEAN_LOG == pytest.approx(np.sum(LOADED * np.log2(ratios))) == pytest.approx(-FORWARD)
    # the mean point lies on the chord between the two distinct points, under the curve at x = 1
    low, high = min(ratios), max(ratios)
    on_chord = math.log2(low) + (1 - low) / (high - low) * (math.log2(high) - math.log2(low))
    assert pytest.approx(on_chord) == s4.MEAN_LOG
    assert math.log2(1.0) > s4.MEAN_LOG
    assert high < s4.X_MAX
    assert math.log2(low) > s4.Y_MIN
    assert math.log2(s4.X_MAX) < s4.Y_MAX


def test_the_heatmap_marker_parks_where_the_directions_differ(s4):
    assert (s4.PARK_P, s4.PARK_Q) == (0.5, 0.01)
    assert pytest.approx(coin_by_hand(0.5, 0.01)) == s4.PARK_FORWARD
    assert pytest.approx(coin_by_hand(0.01, 0.5)) == s4.PARK_BACKWARD
    assert (fmt_num(s4.PARK_FORWARD), fmt_num(s4.PARK_BACKWARD)) == ("2.33", "0.92")
    # the parked point is on the grid, and each map reads its direction there
    j = int(np.argmin(abs(s4.COINS - s4.PARK_Q)))
    i = int(np.argmin(abs(s4.COINS - s4.PARK_P)))
    assert s4.KL_GRID[i, j] == pytest.approx(coin_by_hand(s4.COINS[i], s4.COINS[j]))
    assert s4.KL_GRID.T[i, j] == pytest.approx(coin_by_hand(s4.COINS[j], s4.COINS[i]))


def test_heatmap_grid_is_the_cores_and_the_diagonal_is_zero(s4):
    np.testing.assert_allclose(np.diag(s4.KL_GRID), 0.0, atol=1e-12)
    i, j = 30, 150
    p, q = s4.COINS[i], s4.COINS[j]
    assert s4.KL_GRID[i, j] == pytest.approx(it.kl_divergence([p, 1 - p], [q, 1 - q]))
    assert s4.KL_GRID[i, j] != pytest.approx(s4.KL_GRID[j, i])


# --- the rendered narration ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s4", tmp_path_factory.mktemp("s4"))


def said(log, pattern: str) -> re.Match:
    hits = [m for b in log["beats"] if (m := re.search(pattern, b["text"]))]
    assert len(hits) == 1, (pattern, [b["text"] for b in log["beats"]])
    return hits[0]


@pytest.mark.render
def test_each_figure_in_its_sentence(rendered):
    _, log, _ = rendered
    assert said(log, r"叫 KL 散度：交叉熵减去熵，这里是 (\d+\.\d+) 比特")[1] == fmt_num(FORWARD)
    assert said(log, r"弦上的点却低了 (\d+\.\d+)，正是 KL 散度")[1] == fmt_num(FORWARD)
    m = said(log, r"合计 (\d+\.\d+) 对 (\d+\.\d+)")
    assert (m[1], m[2]) == (fmt_num(FORWARD), fmt_num(BACKWARD))
    assert m[1] != m[2]
    m = said(log, r"p 等于 0\.5、q 等于 0\.01：左图 (\d+\.\d+) 比特，右图只有 (\d+\.\d+)")
    assert (m[1], m[2]) == (fmt_num(coin_by_hand(0.5, 0.01)), fmt_num(coin_by_hand(0.01, 0.5)))


@pytest.mark.render
def test_the_statements_of_the_section(rendered):
    _, log, _ = rendered
    text = "".join(b["text"] for b in log["beats"])
    # the curve's shape in words no textbook reads the other way (凹/凸 swap between traditions): it
    # arches up, and the chord lies under it
    assert "对数曲线向上拱" in text
    assert "弦总在曲线下方" in text
    assert "凸" not in text
    assert text.count("最小化交叉熵，就是最小化 KL 散度") == 1  # said once in the film, here
    assert "数据在前" in text  # the one practical sentence: the usual loss puts the data first
    for beat in log["beats"]:
        zh = sorted(f for f in figures(beat["text"]) if "." in f or f.endswith("%"))
        en = sorted(f for f in figures(beat["en"]) if "." in f or f.endswith("%"))
        assert zh == en, (beat["id"], zh, en)


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s4"
    assert 0.75 * 90 <= log["scene_time"] <= 1.25 * 90, log["scene_time"]
