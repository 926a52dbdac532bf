"""Section 2 renders; its argument comes in the order a learner needs, each figure in its sentence.

Figures are recomputed from the examples file (tomllib) and plain formulas, not with the scene.
"""

import math
import tomllib

import pytest

from scenes.kit.examples import DEFAULT_FILE
from scenes.kit.text import number_to_chinese

from ..helpers import f2, render_section_tiny, said

SETTINGS = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
LOADED = SETTINGS["dice"]["loaded"]
ROLLS = SETTINGS["dice"]["rolls"]
FACE_BITS = math.log2(6)


@pytest.fixture(scope="module")
def section(tmp_path_factory):
    _, log, _ = render_section_tiny("s2", tmp_path_factory.mktemp("s2"))
    return {b["id"]: b for b in log["beats"]}, log


@pytest.mark.render
def test_intuition_and_the_first_try_come_before_the_logarithm(section):
    beats, log = section
    order = [b["id"].rsplit(".", 1)[0] for b in log["beats"]]
    steps = [
        "surprise_by_intuition",
        "first_try_one_over_p",
        "ten_sixes_in_a_row",
        "the_logarithm",
        "define_surprise",
        "the_bit",
        "entropy_is_the_average",
    ]
    assert [order.index(s) for s in steps] == sorted(order.index(s) for s in steps)
    before = [
        b["text"]
        for b in log["beats"]
        if order.index(b["id"].rsplit(".", 1)[0]) < order.index("the_logarithm")
    ]
    assert not any("log" in t or "对数" in t for t in before)  # no logarithm before its reason
    assert "东边" in beats["surprise_by_intuition.1"]["text"]
    assert "西边" in beats["surprise_by_intuition.1"]["text"]


@pytest.mark.render
def test_one_over_p_fails_because_surprises_should_add(section):
    beats, _ = section
    one_in, score = said(beats, "first_try_one_over_p.2", r"倒数：1/(\d+) 的事，意外就是 (\d+)")
    assert (int(one_in), int(score)) == (6, 6)
    times, base, power = said(
        beats, "ten_sixes_in_a_row.1", r"加起来，是(\S+?)倍；倒数却要连乘：(\d+)的(\d+)次方"
    )
    assert times == number_to_chinese(ROLLS)
    assert (int(base), int(power)) == (6, ROLLS)
    total = said(beats, "the_logarithm.1", r"相加，就是 ([\d.]+)。")[0]
    assert total == f2(ROLLS * math.log2(6)) == f2(-math.log2((1 / 6) ** ROLLS))
    assert said(beats, "the_logarithm.1", r"exactly ([\d.]+)\.", "en") == (total,)


@pytest.mark.render
def test_the_definition_the_bit_and_a_face_of_a_die(section):
    beats, _ = section
    assert "负的 log 二、P" in beats["define_surprise.1"]["text"]
    sure_and_never = beats["define_surprise.2"]["text"]
    assert "必然的事，意外是零" in sure_and_never
    assert "掷出七点这种事，意外无穷大" in sure_and_never
    # section 1's sunny day found on the curve: -log2 of the forecast's chance of a dry day
    dry = round(1 - SETTINGS["forecast"]["rain"], 2)
    assert said(
        beats, "define_surprise.2", r"开头那个晴天，概率 (\d+)%，它的意外正是 ([\d.]+) 比特"
    ) == (f"{dry * 100:.0f}", f2(-math.log2(dry)))
    assert "信息量" in beats["define_surprise.1"]["text"]
    assert said(beats, "the_bit.1", r"意外正好 (\d+) 比特") == (str(round(-math.log2(0.5))),)
    face, low, high = said(
        beats, "the_bit.2", r"一面是 ([\d.]+) 比特，平均说来，介于(\S)到(\S)个是非题"
    )
    assert face == f2(FACE_BITS)
    assert (
        (low, high)
        == ("两", "三")
        == (
            number_to_chinese(math.floor(FACE_BITS)).replace("二", "两"),
            number_to_chinese(math.ceil(FACE_BITS)),
        )
    )
    assert said(
        beats, "the_bit.2", r"die is ([\d.]+) bits: on average, between (\d) and (\d)", "en"
    ) == (face, "2", "3")


@pytest.mark.render
def test_entropy_is_the_area_of_the_surprises(section):
    beats, _ = section
    each, h = said(
        beats, "entropy_is_the_average.2", r"每面都是 ([\d.]+) 比特，平均下来，熵还是 ([\d.]+) 比特"
    )
    assert (each, h) == (f2(FACE_BITS), f2(FACE_BITS))
    one, rest, h_loaded = said(
        beats,
        "loaded_die.1",
        r"只有 ([\d.]+) 比特，其余各 ([\d.]+) 比特；面积一算，熵是 ([\d.]+) 比特",
    )
    entropy = -sum(p * math.log2(p) for p in LOADED)
    assert (one, rest, h_loaded) == (
        f2(-math.log2(LOADED[0])),
        f2(-math.log2(LOADED[1])),
        f2(entropy),
    )
    assert said(
        beats,
        "loaded_die.1",
        r"only ([\d.]+) bits, the others ([\d.]+) bits each; the area, the entropy, "
        r"is ([\d.]+) bits",
        "en",
    ) == (one, rest, h_loaded)
    assert said(beats, "morph_the_die.1", r"熵是 ([\d.]+) 比特")[0] == f2(0.0)


@pytest.mark.render
def test_section_length(section):
    _, log = section
    assert log["section"] == "s2"
    assert 0.85 * 120 <= log["scene_time"] <= 1.2 * 120, log["scene_time"]
