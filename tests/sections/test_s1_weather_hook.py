"""Section 1 renders, and every figure it says sits in its sentence and equals a hand computation.

The figures are recomputed here from the examples file itself (``assets/examples.toml``, read
with tomllib) and plain formulas -- not with the scene's own functions.
"""

import math
import tomllib

import pytest
from scipy import stats

from scenes.kit.examples import DEFAULT_FILE
from scenes.kit.text import number_to_chinese

from ..helpers import f2, render_section_tiny, said

SETTINGS = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
RAIN = SETTINGS["forecast"]["rain"]
DRY = round(1 - RAIN, 2)
DAYS = SETTINGS["record"]["days"]
RAINY = DAYS.count("雨")
SHARE = RAINY / len(DAYS)
# the forecaster who always says RAIN: the mean of -log2 of the probability it gave what happened
FIRST = (RAINY * math.log2(1 / RAIN) + (len(DAYS) - RAINY) * math.log2(1 / DRY)) / len(DAYS)
# the one who says the record's share: the entropy of the record's frequencies (scipy, in bits)
FLOOR = float(stats.entropy([SHARE, 1 - SHARE], base=2))


@pytest.fixture(scope="module")
def beats(tmp_path_factory):
    _, log, _ = render_section_tiny("s1", tmp_path_factory.mktemp("s1"))
    return {b["id"]: b for b in log["beats"]}, log


@pytest.mark.render
def test_one_sunny_day_is_scored_in_its_sentence(beats):
    beats, _ = beats
    assert said(beats, "forecast_then_sunshine.1", r"降雨概率(\d+)%") == (f"{RAIN * 100:.0f}",)
    share, dry, rain = said(
        beats,
        "score_one_day.1",
        r"晴天只有(\d+)%.*?意外 ([\d.]+) 比特；要是下雨，只有 ([\d.]+) 比特",
    )
    assert (share, dry, rain) == (
        f"{DRY * 100:.0f}",
        f2(math.log2(1 / DRY)),
        f2(math.log2(1 / RAIN)),
    )
    en = said(
        beats,
        "score_one_day.1",
        r"just (\d+)%.*?surprise of ([\d.]+) bits\. Rain .*? only ([\d.]+) bits",
        "en",
    )
    assert en == (share, dry, rain)
    assert "log" not in beats["score_one_day.1"]["text"]  # the formula waits for section 2


@pytest.mark.render
def test_the_record_and_its_two_forecasters(beats):
    beats, _ = beats
    days, percent, rainy = said(
        beats, "keep_a_record.1", r"记上(\S+?)天，.*?它天天报(\d+)%下雨，实际只下了(\S+?)天"
    )
    assert (days, percent, rainy) == (
        number_to_chinese(len(DAYS)),
        f"{RAIN * 100:.0f}",
        number_to_chinese(RAINY),
    )
    assert said(
        beats,
        "keep_a_record.1",
        r"for (\d+) days, .*?it says (\d+)% rain every day; it rains on (\d+)",
        "en",
    ) == (str(len(DAYS)), percent, str(RAINY))
    assert said(beats, "a_forecast_that_matches.1", r"天天报(\d+)%下雨") == (f"{SHARE * 100:.0f}",)


@pytest.mark.render
def test_the_averages_are_the_cross_entropy_and_the_entropy(beats):
    beats, _ = beats
    first, second = said(
        beats,
        "a_forecast_that_matches.2",
        r"第一位每天意外 ([\d.]+) 比特，第二位只有 ([\d.]+) 比特",
    )
    assert (first, second) == (f2(FIRST), f2(FLOOR))
    assert said(
        beats,
        "a_forecast_that_matches.2",
        r"first is surprised ([\d.]+) bits a day, the second only ([\d.]+)",
        "en",
    ) == (first, second)
    # the average weighs each weather by its frequency, and that sum is the cross-entropy
    parts = said(
        beats,
        "name_the_average.1",
        r"下雨的日子占(\d+)%，各 ([\d.]+)；晴天占(\d+)%，各 ([\d.]+)；这样的平均，就是交叉熵",
    )
    assert parts == (
        f"{SHARE * 100:.0f}",
        f2(math.log2(1 / RAIN)),
        f"{(1 - SHARE) * 100:.0f}",
        f2(math.log2(1 / DRY)),
    )
    assert (
        said(
            beats,
            "name_the_average.1",
            r"(\d+)% of the days at (\d+\.\d+) bits, (\d+)% at (\d+\.\d+)",
            "en",
        )
        == parts
    )
    # every other forecast scores more: the bowl's lowest point is
    # the record's own share, at its entropy
    lowest = beats["all_forecasts.1"]["text"]
    assert "最低点就在真实频率上" in lowest
    assert "交叉熵等于天气自己的熵" in lowest
    grid = [k / 1000 for k in range(1, 1000)]
    scores = [
        (RAINY * math.log2(1 / q) + (len(DAYS) - RAINY) * math.log2(1 / (1 - q))) / len(DAYS)
        for q in grid
    ]
    best = grid[scores.index(min(scores))]
    assert best == pytest.approx(SHARE, abs=1e-3)
    assert min(scores) == pytest.approx(FLOOR, abs=1e-6)


@pytest.mark.render
def test_the_gan_panel_says_what_is_true_and_the_section_keeps_its_length(beats):
    beats, log = beats
    uses = beats["show_where_it_is_used.1"]["text"]
    assert "判别器" in uses
    assert "以假乱真" not in uses
    assert log["section"] == "s1"
    assert 0.85 * 90 <= log["scene_time"] <= 1.2 * 90, log["scene_time"]
