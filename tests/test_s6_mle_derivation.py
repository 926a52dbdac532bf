"""Section 6 renders; its figures are the core's; the coin's two optima coincide."""
import math
import re

import numpy as np
import pytest

import infotheory as it
from scenes.kit.text import fmt_num

from .conftest import render_section_tiny


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s6", tmp_path_factory.mktemp("s6"))


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    nats = set(re.findall(r"(\d+\.\d+) 奈特", text))
    assert nats == {fmt_num(-math.log(0.7)), fmt_num(-math.log(0.1))}
    assert "自然对数" in text                      # the log base is said
    assert "θ 等于0.70的地方" in text                   # the optimum found on the grid, said exactly
    assert not re.findall(r"\d+\.\d+ 比特", text)   # no bits figure is spoken in this section


@pytest.mark.render
def test_the_teaching_points_are_said(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    assert "one-hot" in text and "求和只剩正确类别那一项" in text       # why the classification loss is −log Q(y)
    assert "样本相互独立" in text                              # why the likelihood is a product
    assert "出现的比例，就是数据分布" in text                  # the empirical distribution, not a limit
    assert text.index("记作 Q θ") < text.index("剩下的正是交叉熵")
    assert "统计学" in text and "信息论" in text              # two names for one thing
    assert "GAN" in text and "VAE" in text
    assert "平均意外最低" in text                              # the hook's question is answered


@pytest.mark.render
def test_each_derivation_step_has_time_to_be_read(rendered):
    _, log, _ = rendered
    steps = [b for b in log["beats"] if b["id"].startswith("derive_from_maximum_likelihood.")]
    assert len(steps) == 5
    assert all(b["duration"] >= 6.0 for b in steps), [(b["id"], b["duration"]) for b in steps]


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s6"
    assert 0.75 * 90 <= log["scene_time"] <= 1.25 * 90, log["scene_time"]


def test_likelihood_and_cross_entropy_share_their_optimum():
    flips = np.array([1, 1, 0, 1, 1, 1, 0, 1, 0, 1])
    thetas = np.linspace(0.06, 0.98, 93)
    p_data = it.bernoulli(flips.mean())
    ce = it.cross_entropy(p_data, it.bernoulli(thetas))
    ll = np.array([np.mean(np.log2(np.where(flips == 1, t, 1 - t))) for t in thetas])
    np.testing.assert_allclose(ll, -ce, atol=1e-12)          # mean log-likelihood = -H(P_data, Q)
    assert thetas[np.argmin(ce)] == pytest.approx(0.7) == thetas[np.argmax(ll)]
    assert it.binary_cross_entropy(1, 0.7, base=math.e) == pytest.approx(-math.log(0.7))
