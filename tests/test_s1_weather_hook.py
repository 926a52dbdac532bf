"""Section 1 renders, and every figure its subtitles speak equals the core's value."""
import re

import pytest

import infotheory as it
from scenes.kit.text import fmt_num

from .conftest import render_section_tiny


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s1", tmp_path_factory.mktemp("s1"))


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    assert "80%" in text and "20%" in text
    dry, rain = it.self_information(0.2), it.self_information(0.8)
    assert f"{fmt_num(dry)} 比特" in text
    assert f"{fmt_num(rain)} 比特" in text
    spoken = set(re.findall(r"(\d+\.\d+) 比特", text))
    assert spoken == {fmt_num(dry), fmt_num(rain)}


@pytest.mark.render
def test_section_length_is_about_one_minute(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s1"
    assert 0.75 * 60 <= log["scene_time"] <= 1.25 * 60, log["scene_time"]
    assert cues[-1].end.total_seconds() <= log["scene_time"]
