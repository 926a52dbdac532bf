"""Section 6: the one-hot collapse, argument order, bits and nats, the derivation, the coin record.

Figures are checked in their sentences (a regex on the beat's text) against hand formulas.
"""

import math
import re

import numpy as np
import pytest

from scenes import s6_mle_derivation as s6
from scenes.kit.narration_checks import figures

from ..helpers import render_section_tiny


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s6", tmp_path_factory.mktemp("s6"))


def beat(log, beat_id):
    return next(b for b in log["beats"] if b["id"] == beat_id)


def test_with_a_one_hot_label_the_sum_collapses_to_minus_log_q_of_the_true_class():
    p, q = s6.P_LABEL, s6.Q_GUESS
    assert p.sum() == 1
    assert np.count_nonzero(p) == 1
    assert q.sum() == pytest.approx(1)
    terms = [pk * math.log2(qk) for pk, qk in zip(p, q)]  # every term of -sum P log Q, by hand
    assert terms[1:] == [0.0, 0.0]
    assert s6.LOSS_BITS == pytest.approx(-math.log2(q[0])) == pytest.approx(-sum(terms))


def test_the_swapped_order_takes_the_log_of_zero():
    """H(Q, P) = -sum Q(k) log P(k).

    The model gives the other classes probability, the label gives them 0.
    """
    q, p = s6.Q_GUESS, s6.P_LABEL
    with np.errstate(divide="ignore"):
        terms = q * np.log2(p)
    assert np.all(np.isneginf(terms[1:]))
    assert np.all(q[1:] > 0)
    assert math.isinf(s6.SWAPPED)
    assert s6.SWAPPED > 0


def test_bits_and_nats_are_one_quantity():
    assert pytest.approx(s6.LOSS_BITS * math.log(2)) == s6.LOSS_NATS
    assert pytest.approx(-math.log(s6.BAD)) == s6.BAD_NATS


@pytest.mark.render
def test_the_collapse_and_the_order_are_said(rendered):
    _, log, _ = rendered
    collapse = beat(log, "recap.1")["text"]
    assert "只有正确类别是 1" in collapse
    assert "乘以零的项都消失" in collapse
    assert "概率的负对数" in collapse
    swapped = beat(log, "swapped_order.1")["text"]
    assert "H(Q, P)" in swapped
    assert "对 0 取对数" in swapped
    assert "无穷大" in swapped
    assert "数据放在前面" in swapped


@pytest.mark.render
def test_the_units_are_switched_in_one_sentence_with_both_numbers(rendered):
    _, log, _ = rendered
    b = beat(log, "bits_and_nats.1")
    q, in_bits, in_nats = re.search(
        r"Q\(y\) 是(\d\.\d+)：(\d\.\d\d) 比特；框架用自然对数：(\d\.\d\d) 奈特", b["text"]
    ).groups()
    assert float(in_bits) == pytest.approx(-math.log2(float(q)), abs=0.005)
    assert float(in_nats) == pytest.approx(-math.log(float(q)), abs=0.005)
    assert float(in_nats) == pytest.approx(float(in_bits) * math.log(2), abs=0.01)
    assert {in_bits, in_nats} <= set(figures(b["en"]))
    # nats are said in this beat only: everywhere else the section speaks bits
    others = "".join(x["text"] for x in log["beats"] if x["id"] != "bits_and_nats.1")
    assert "奈特" not in others


@pytest.mark.render
def test_the_coin_record_says_the_average_surprises(rendered):
    _, log, _ = rendered
    flips = np.array(s6.EXAMPLES.coin.flips)
    first = beat(log, "check_with_a_coin.1")["text"]
    assert f"抛了{len(flips)}次，{flips.sum()}次是正面" in first
    assert "第一节的预报员" in first
    assert "平均意外就是平均负对数似然" in first
    b = beat(log, "check_with_a_coin.2")
    fair, avg_fair, best, avg_best = re.search(
        r"θ 取(\d\.\d+)，平均 (\d\.\d\d) 比特；θ 等于(\d\.\d\d)的地方最低：(\d\.\d\d) 比特",
        b["text"],
    ).groups()

    def average_surprise(theta):  # -1/N sum log2 p(x_i | theta), by hand
        return -np.mean([math.log2(theta if x else 1 - theta) for x in flips])

    assert float(avg_fair) == pytest.approx(average_surprise(float(fair)), abs=0.005)
    assert float(avg_best) == pytest.approx(average_surprise(float(best)), abs=0.005)
    assert float(best) == pytest.approx(flips.mean())  # the frequency of heads
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    assert grid[np.argmin([average_surprise(t) for t in grid])] == pytest.approx(float(best))
    assert {avg_fair, best, avg_best} <= {f"{float(f):.2f}" for f in figures(b["en"])}


@pytest.mark.render
def test_the_derivation_keeps_its_reasons_and_time_to_read(rendered):
    _, log, _ = rendered
    steps = [b for b in log["beats"] if b["id"].startswith("derive_from_maximum_likelihood.")]
    assert len(steps) == 4
    assert all(b["duration"] >= 5.0 for b in steps), [(b["id"], b["duration"]) for b in steps]
    text = "".join(b["text"] for b in steps)
    assert "极大似然" in text
    assert "样本独立" in text
    assert "出现的比例就是数据分布" in text
    assert text.index("取负号") < text.index("就是交叉熵")
    assert "统计学和信息论" in text
    # minimising cross-entropy = minimising KL is said once, in section 4: not argued again here
    assert "KL" not in "".join(b["text"] for b in log["beats"] if b["id"] != "closing_card.1")


@pytest.mark.render
def test_gan_and_vae_get_one_sentence(rendered):
    _, log, _ = rendered
    with_gan = [b["text"] for b in log["beats"] if "GAN" in b["text"] or "VAE" in b["text"]]
    assert len(with_gan) == 1
    assert "GAN" in with_gan[0]
    assert "VAE" in with_gan[0]


@pytest.mark.render
def test_the_english_subtitles_give_the_same_figures(rendered):
    _, log, _ = rendered

    def measured(text):
        return {
            float(f.rstrip("%")) / (100 if f.endswith("%") else 1)
            for f in figures(text)
            if "." in f or f.endswith("%")
        }

    for b in log["beats"]:
        assert measured(b["text"]) == measured(b["en"]), b["id"]


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    _, log, _ = rendered
    assert log["section"] == "s6"
    assert 0.85 * 90 <= log["scene_time"] <= 1.2 * 90, log["scene_time"]


@pytest.mark.render
def test_the_closing_card_answers_the_opening_question_with_the_record(rendered):
    """Section 1's forecast scored over its record, by hand.

    Its cross-entropy, the floor, and the gap = KL.
    """
    import tomllib

    from scenes.kit.examples import DEFAULT_FILE

    settings = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    rain, days = settings["forecast"]["rain"], settings["record"]["days"]
    share = days.count("雨") / len(days)
    ce = share * math.log2(1 / rain) + (1 - share) * math.log2(1 / round(1 - rain, 2))
    floor = -(share * math.log2(share) + (1 - share) * math.log2(1 - share))
    kl = share * math.log2(share / rain) + (1 - share) * math.log2((1 - share) / round(1 - rain, 2))
    _, log, _ = rendered
    text, en = beat(log, "closing_card.1")["text"], beat(log, "closing_card.1")["en"]
    m = re.search(
        r"天天报(\d+)%下雨的预报，平均每天意外 ([\d.]+) 比特，如实的预报只要 ([\d.]+) 比特；"
        r"多出的 ([\d.]+) 比特，就是 KL 散度",
        text,
    )
    assert m, text
    assert m.groups() == (f"{rain * 100:.0f}", f"{ce:.2f}", f"{floor:.2f}", f"{kl:.2f}")
    assert kl == pytest.approx(ce - floor)
    m_en = re.search(
        r"forecast of (\d+)% rain every day costs ([\d.]+) bits of surprise a day on average, an "
        r"honest one only ([\d.]+) bits; the extra ([\d.]+) bits is the KL divergence",
        en,
    )
    assert m_en, en
    assert m_en.groups() == m.groups(), en
