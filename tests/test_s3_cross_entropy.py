"""Section 3 renders, and every figure its subtitles speak equals the core's value."""
import re

import numpy as np
import pytest

import infotheory as it
from scenes import s3_cross_entropy as s3
from scenes.kit.text import fmt_num

from .conftest import render_section_tiny

P, Q = s3.P, s3.Q   # the scene's dice: the loaded die (truth) and the fair die (belief)


def test_the_scene_uses_the_script_dice():
    """The script's example: a die showing 1 half the time, each other face a tenth; belief: fair."""
    assert np.allclose(P, [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]) and np.allclose(Q, 1 / 6)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cues, log, _ = render_section_tiny("s3", tmp_path_factory.mktemp("s3"))
    return cues, log


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    text = "".join(c.content for c in rendered[0])
    h_p = it.entropy(P)
    h_pq = it.cross_entropy(P, Q)
    kl = it.kl_divergence(P, Q)
    # the headline figures are spoken, in bits
    for value in (h_p, h_pq, kl, it.self_information(1 / 6), 0.5 * it.self_information(1 / 6)):
        assert f"{fmt_num(value)} 比特" in text, (fmt_num(value), text)
    assert f"{fmt_num(it.self_information(0.5))} 比特" in text      # face 1 under P's own code
    assert f"{fmt_num(it.self_information(0.1))} 比特" in text      # faces 2-6 under P's own code
    # the draft's wrong figures do not appear
    assert "1.76" not in text and "2.23" not in text
    # every figure followed by 比特 is one of the core's values for this die
    allowed = {fmt_num(v) for v in (
        h_p, h_pq, kl, it.self_information(1 / 6), 0.5 * it.self_information(1 / 6),
        0.1 * it.self_information(1 / 6), it.self_information(0.5), it.self_information(0.1),
    )}
    # the end point of the drift animation, computed by the core from the scene's own path
    allowed.add(fmt_num(it.cross_entropy(P, s3.q_at(s3.D_MAX))))
    assert s3.NEVER_ONE[0] == 0 and np.isclose(s3.NEVER_ONE.sum(), 1)
    spoken = re.findall(r"(\d+\.\d+) 比特", text)
    assert spoken and set(spoken) <= allowed, set(spoken) - allowed
    # the probabilities of the die are said as they are
    assert "0.5" in text and "0.1" in text


@pytest.mark.render
def test_section_length_is_about_two_minutes(rendered):
    """At the default reading pace the section lasts the script's 2 minutes, within 25 %."""
    cues, log = rendered
    assert log["section"] == "s3"
    assert 0.75 * 120 <= log["scene_time"] <= 1.25 * 120, log["scene_time"]
    # subtitles cover the narration and end inside the video
    assert cues[-1].end.total_seconds() <= log["scene_time"]
    assert len(log["beats"]) >= 6
