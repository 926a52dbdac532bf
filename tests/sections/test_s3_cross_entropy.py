"""Section 3: the code picture's identities, and every figure said in its sentence.

Recomputed by hand.
"""

import math
import re

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy

from scenes import s3_cross_entropy as s3
from scenes.kit.examples import current
from scenes.kit.narration_checks import figures
from scenes.kit.text import fmt_num

from ..helpers import render_section_tiny

P, Q = s3.P, s3.Q  # the scene's dice: the loaded die (truth) and the fair die (belief)
LOADED = np.array([0.5] + [0.1] * 5)


def test_the_scene_uses_the_script_dice():
    """The script's example: a die showing 1 half the time, each other face 1/10; belief: fair."""
    assert np.allclose(P, LOADED)
    assert np.allclose(Q, 1 / 6)


# --- the code words, without rendering -------------------------------------------------------


def test_dyadic_code_lengths_are_minus_log2_p_and_the_words_are_a_prefix_code():
    assert s3.CODE_P.tolist() == [0.5, 0.25, 0.125, 0.125]
    assert s3.OWN_LENGTHS.tolist() == [-math.log2(p) for p in s3.CODE_P] == [1, 2, 3, 3]
    words = s3.OWN_WORDS
    assert [len(w) for w in words] == s3.OWN_LENGTHS.tolist()
    assert set("".join(words)) <= {"0", "1"}
    assert len(set(words)) == len(words)
    assert not any(a != b and b.startswith(a) for a in words for b in words)  # prefix-free
    # the message of the picture cuts apart one way only: greedy decoding gives it back
    sent = "".join(words[i] for i in s3.MESSAGE)
    decoded, start = [], 0
    while start < len(sent):
        match = [i for i, w in enumerate(words) if sent.startswith(w, start)]
        assert len(match) == 1
        decoded.append(match[0])
        start += len(words[match[0]])
    assert tuple(decoded) == s3.MESSAGE


def test_the_blocks_area_is_the_entropy_and_the_wrong_book_adds_the_kl_divergence():
    area = sum(p * n for p, n in zip(s3.CODE_P, s3.OWN_LENGTHS))  # widths times heights
    assert (
        s3.CODE_H == pytest.approx(area) == pytest.approx(scipy_entropy(s3.CODE_P, base=2)) == 1.75
    )
    wrong = [-math.log2(q) for q in s3.CODE_Q]  # the uniform book: 2 bits each
    assert s3.WRONG_LENGTHS.tolist() == wrong == [2, 2, 2, 2]
    assert s3.CODE_HPQ == pytest.approx(sum(p * n for p, n in zip(s3.CODE_P, wrong))) == 2.0
    assert pytest.approx(scipy_entropy(s3.CODE_P, s3.CODE_Q, base=2)) == s3.CODE_HPQ - s3.CODE_H
    assert s3.CODE_KL == pytest.approx(s3.CODE_HPQ - s3.CODE_H) == 0.25
    assert s3.WRONG_WORDS == ["00", "01", "10", "11"]


# --- the rendered narration: each figure in its sentence --------------------------------------


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cues, log, _ = render_section_tiny("s3", tmp_path_factory.mktemp("s3"))
    return cues, log


def said(log, pattern: str) -> tuple[dict, re.Match]:
    """The one beat whose Chinese matches ``pattern``, and the match."""
    hits = [(b, m) for b in log["beats"] if (m := re.search(pattern, b["text"]))]
    assert len(hits) == 1, (pattern, [b["text"] for b in log["beats"]])
    return hits[0]


def record_average() -> float:
    """Section 1's record under the forecast, by hand.

    The mean of -log2 of the probability given to each day.
    """
    rain = current().forecast.rain
    days = current().record.days  # 0 = rain, 1 = sunny
    return float(np.mean([-math.log2(rain if d == 0 else 1 - rain) for d in days]))


def hand_ce(p, q) -> float:
    return float(-np.sum(np.asarray(p) * np.log2(q)))


@pytest.mark.render
def test_each_figure_in_its_sentence(rendered):
    _, log = rendered
    h_p, h_pq = scipy_entropy(LOADED, base=2), hand_ce(LOADED, np.full(6, 1 / 6))
    kl = scipy_entropy(LOADED, np.full(6, 1 / 6), base=2)
    _, m = said(log, r"面积就是平均码长：(\d+\.\d+) 比特，正是熵")
    assert m[1] == fmt_num(scipy_entropy([0.5, 0.25, 0.125, 0.125], base=2))
    _, m = said(log, r"码字都是两位：面积 (\d+\.\d+) 比特，就是交叉熵")
    assert m[1] == fmt_num(2.0)
    _, m = said(log, r"净多出 (\d+\.\d+) 比特")
    assert m[1] == fmt_num(0.25)
    _, m = said(log, r"1/6 对应 (\d+\.\d+) 比特")
    assert m[1] == fmt_num(math.log2(6))
    _, m = said(log, r"码本，每面都是 (\d+\.\d+) 比特；可实际上一点占一半，贡献 (\d+\.\d+)")
    assert (m[1], m[2]) == (fmt_num(math.log2(6)), fmt_num(0.5 * math.log2(6)))
    _, m = said(log, r"其余五面各 (\d+\.\d+)，累计(约?) (\d+\.\d+) 比特：交叉熵")
    assert (m[1], m[3]) == (fmt_num(0.1 * math.log2(6)), fmt_num(h_pq))
    # the rounded terms said (1.29 + 5 x 0.26) do not add up to the total: it is called "about"
    rounded_sum = round(0.5 * math.log2(6), 2) + 5 * round(0.1 * math.log2(6), 2)
    assert (m[2] == "约") == (fmt_num(rounded_sum) != fmt_num(h_pq))
    _, m = said(log, r"第一节报雨 80% 的预报，平均 (\d+\.\d+) 比特；天数足够多时，它逼近交叉熵")
    assert m[1] == fmt_num(record_average()) == "1.72"
    _, m = said(log, r"平均只要 (\d+\.\d+) 比特，即熵；用错码本，每掷多付 (\d+\.\d+)")
    assert (m[1], m[2]) == (fmt_num(h_p), fmt_num(kl))
    # the end of the drift: Q on the line from P through the fair
    # die, at D_MAX of the way to P(1) = 0
    stretch = 0.5 / (0.5 - 1 / 6)
    never_one = LOADED + stretch * (np.full(6, 1 / 6) - LOADED)
    q_end = (1 - s3.D_MAX) * LOADED + s3.D_MAX * never_one
    _, m = said(log, r"交叉熵猛涨到 (\d+\.\d+) 比特")
    assert m[1] == fmt_num(hand_ce(LOADED, q_end))


@pytest.mark.render
def test_partial_sums_are_called_partial_and_the_draft_figures_are_gone(rendered):
    _, log = rendered
    text = "".join(b["text"] for b in log["beats"])
    assert "1.76" not in text
    assert "2.23" not in text
    assert "累计" in text
    # "minimising cross-entropy = minimising KL" is said once in the film, in section 4
    assert "最小化" not in text


@pytest.mark.render
def test_english_gives_the_same_figures_beat_by_beat(rendered):
    _, log = rendered
    for beat in log["beats"]:
        zh = sorted(f for f in figures(beat["text"]) if "." in f or f.endswith("%"))
        en = sorted(f for f in figures(beat["en"]) if "." in f or f.endswith("%"))
        assert zh == en, (beat["id"], zh, en)


@pytest.mark.render
def test_section_length_is_about_two_minutes(rendered):
    """At the default reading pace the section lasts the script's 2 minutes, within 25 %."""
    cues, log = rendered
    assert log["section"] == "s3"
    assert 0.75 * 120 <= log["scene_time"] <= 1.25 * 120, log["scene_time"]
    assert cues[-1].end.total_seconds() <= log["scene_time"]
    assert len(log["beats"]) >= 10
