"""Section 2 renders, and every figure its subtitles speak equals the core's value."""
import math
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
    return render_section_tiny("s2", tmp_path_factory.mktemp("s2"))


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    face = it.self_information(1 / 6)
    expected = {
        fmt_num(face),                                   # one face of a fair die
        fmt_num(face, 3),                                # ... and in 10 x 2.585 = 25.85, true as said
        fmt_num(it.self_information((1 / 6) ** 10)),     # ten sixes in a row
        fmt_num(it.entropy(FAIR)),
        fmt_num(it.entropy(LOADED)),
        fmt_num(it.entropy([1, 0, 0, 0, 0, 0])),          # a certain outcome
    }
    spoken = set(re.findall(r"(\d+\.\d+) 比特", text))
    assert spoken == expected, spoken ^ expected
    assert it.self_information((1 / 6) ** 10) == pytest.approx(10 * face)
    assert f"{10 * float(fmt_num(face, 3)):.2f}" == fmt_num(it.self_information((1 / 6) ** 10))
    assert fmt_num(it.entropy(FAIR)) == fmt_num(math.log2(6))
    # an impossible outcome: unbounded, said exactly (not "very large")
    assert "无穷大" in text
    # the script's typo I(x) = P(x) must not appear
    assert "I(x) = P(x)" not in text


@pytest.mark.render
def test_section_length_is_about_two_minutes(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s2"
    assert 0.75 * 120 <= log["scene_time"] <= 1.25 * 120, log["scene_time"]
    assert cues[-1].end.total_seconds() <= log["scene_time"]
