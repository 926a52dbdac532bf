"""The teacher's example settings: checked with errors that name the key, followed by the film."""

import json
import math
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import srt

import infotheory as it
from scenes.kit import examples
from scenes.kit.examples import DEFAULT_FILE, SECTION_TABLES, ExampleError
from scenes.kit.text import bits, nats

from ..helpers import DATA, ROOT, tiny_build_command

OTHER = DATA / "examples_other.toml"


def toml_text(data: dict) -> str:
    """A settings file from nested dicts (numbers, lists of numbers, text)."""
    lines = []
    for table, values in data.items():
        lines.append(f"[{table}]")
        for key, v in values.items():
            lines.append(f"{key} = {json.dumps(v, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


def default_data() -> dict:
    return tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))


def with_value(tmp_path: Path, table: str, key: str, value) -> Path:
    data = default_data()
    data[table][key] = value
    path = tmp_path / f"{table}_{key}.toml"
    path.write_text(toml_text(data), encoding="utf-8")
    return path


def test_the_default_settings_are_the_film_s():
    ex = examples.load(DEFAULT_FILE)
    assert ex.dice.loaded == [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
    assert ex.forecast.rain == 0.8
    assert ex.coin.flips.count(1) == 7
    assert toml_text(default_data())  # the writer used below round-trips the default file
    assert tomllib.loads(toml_text(default_data())) == default_data()


@pytest.mark.parametrize(
    ("table", "key", "value", "rule"),
    [
        ("forecast", "rain", 0.4, "above 0.5"),
        ("forecast", "rain", 1.0, "below 1"),
        ("forecast", "rain", 0.755, "whole percent"),
        ("forecast", "rain", "多半", "must be a number"),
        ("applications", "classifier", [0.7, 0.2], "list of 3 probabilities"),
        ("applications", "classifier", [0.7, 0.2, 0.2], "add up to 1"),
        ("applications", "classifier", [0.0, 0.5, 0.5], "first (true) answer"),
        ("applications", "discriminator", [1.0, 0.0], "second (true) answer 假"),
        ("applications", "discriminator", [1.2, -0.2], "from 0 to 1"),
        ("applications", "noise_seed", 1.5, "whole number"),
        ("dice", "loaded", [0.5, 0.1, 0.1, 0.1, 0.2], "six faces"),
        ("dice", "loaded", [0.5, 0.2, 0.1, 0.1, 0.05, 0.05], "faces 2 to 6 must be equally likely"),
        ("dice", "loaded", [0.1, 0.18, 0.18, 0.18, 0.18, 0.18], "more likely than on a fair die"),
        ("dice", "loaded", [1.0, 0, 0, 0, 0, 0], "must be possible"),
        ("dice", "loaded", [0.5, 0.1, 0.1, 0.1, 0.1, 0.1001], "two decimals"),
        ("dice", "loaded", [0.25, 0.15, 0.15, 0.15, 0.15, 0.15], "look the same on screen"),
        ("dice", "rolls", 30, "from 2 to 12"),
        ("images", "size", 4, "from 12 to 20"),
        ("images", "size", 24, "from 12 to 20"),
        ("images", "count", 3, "from 8"),
        ("images", "learning_rate", 0, "above 0"),
        ("images", "steps", 20, "not close to the floor"),
        ("images", "learning_rate", 5, "not close to the floor"),
        ("images", "sample_seed", 0, "three or four"),
        ("classification", "bad", 0.9, "smaller than classification.good"),
        ("classification", "good", 0.725, "two decimals"),
        ("coin", "flips", "正正正正", "both sides"),
        ("coin", "flips", "正反X正", "only 正"),
        ("coin", "flips", "正反正", "whole percentage"),
        ("coin", "flips", "正" * 10 + "反" * 10, "2 to 16 flips"),
        ("record", "days", "晴晴雨晴晴晴雨晴晴", "10 to 20 days"),
        ("record", "days", "晴晴雨晴阴晴雨晴晴雨", "only 晴 (sunny) and 雨"),
        ("record", "days", "雨晴雨晴晴晴雨晴晴晴", "the first day must be 晴"),
        ("record", "days", "晴" * 10, "at least one day must be 雨"),
        ("record", "days", "晴晴雨晴晴晴雨晴晴雨晴", "whole percentage"),
        ("record", "days", "晴雨雨雨雨雨雨雨雨雨", "not less than the forecast's 80%"),
        ("record", "days", 10, "text made of 晴"),
    ],
)
def test_each_rule_names_its_key(tmp_path, table, key, value, rule):
    path = with_value(tmp_path, table, key, value)
    with pytest.raises(ExampleError) as err:
        examples.load(path)
    message = str(err.value)
    assert f"{table}.{key}" in message
    assert rule in message
    assert str(path) in message


def test_the_record_is_read_as_outcomes_of_the_forecast():
    ex = examples.load(DEFAULT_FILE)
    days = DEFAULT_FILE.read_text(encoding="utf-8").split('days = "')[1].split('"')[0]
    assert ex.record.days == [
        0 if d == "雨" else 1 for d in days
    ]  # rain is the forecast's first outcome
    assert ex.record.days[0] == 1
    assert 10 <= len(ex.record.days) <= 20


def test_typos_missing_keys_and_broken_files_are_named(tmp_path):
    data = default_data()
    data["forecast"]["rian"] = 0.7
    path = tmp_path / "typo.toml"
    path.write_text(toml_text(data), encoding="utf-8")
    with pytest.raises(ExampleError, match=r"forecast\.rian is not a setting.*rain"):
        examples.load(path)
    data = default_data()
    del data["coin"]
    path.write_text(toml_text(data), encoding="utf-8")
    with pytest.raises(ExampleError, match=r"table \[coin\] is missing"):
        examples.load(path)
    path.write_text("[forecast\nrain = 0.8", encoding="utf-8")
    with pytest.raises(ExampleError, match="not a valid settings file"):
        examples.load(path)
    with pytest.raises(ExampleError, match="no such file"):
        examples.load(tmp_path / "nowhere.toml")


def edited(tmp_path: Path, old: str, new: str, name: str = "edited.toml") -> tuple[Path, int]:
    """The default file with ``old`` replaced by ``new`` (a teacher's edit); the line it is on."""
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def test_a_file_saved_as_gbk_says_how_to_save_it_as_utf8(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes(DEFAULT_FILE.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(ExampleError) as err:
        examples.load(path)
    message = str(err.value)
    assert str(path) in message
    assert "not UTF-8" in message
    assert "it looks like GBK" in message
    assert "Save As" in message
    assert "Encoding: UTF-8" in message


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "notepad.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_FILE.read_bytes())
    assert examples.load(path).forecast.rain == 0.8


@pytest.mark.parametrize(
    ("old", "new", "fix"),
    [
        ("rain = 0.8", "rain = ０.８", "write 0.8, not ０.８"),
        ("rain = 0.8", "rain ＝ 0.8", "write =, not ＝"),
        (
            'flips = "正正反正正正反正反正"',
            "flips = “正正反正正正反正反正”",
            'write flips = "正正反正正正反正反正", not flips = “正正反正正正反正反正”',
        ),
        (
            "classifier = [0.7, 0.2, 0.1]",
            "classifier = [0.7， 0.2， 0.1]",
            "write classifier = [0.7, 0.2, 0.1], not classifier = [0.7， 0.2， 0.1]",
        ),
        ("[dice]", "【dice】", "write [dice], not 【dice】"),
        ("rolls = 10", "rolls = １０。", "write rolls = 10., not rolls = １０。"),
    ],
)
def test_full_width_characters_are_named_with_what_to_write(tmp_path, old, new, fix):
    path, line = edited(tmp_path, old, new)
    with pytest.raises(ExampleError) as err:
        examples.load(path)
    message = str(err.value)
    assert str(path) in message
    assert f"line {line}:  {new}  " in message
    assert fix in message
    assert "full-width" in message


def test_a_misspelt_key_is_named_before_the_key_it_replaces_is_missing(tmp_path):
    path, _ = edited(tmp_path, "rain = 0.8", "rian = 0.8")
    with pytest.raises(ExampleError) as err:
        examples.load(path)
    message = str(err.value)
    assert "forecast.rian is not a setting the film knows — did you mean rain?" in message
    assert "missing" not in message


def test_a_misspelt_table_is_named_with_a_suggestion(tmp_path):
    path, _ = edited(tmp_path, "[forecast]", "[forcast]")
    with pytest.raises(ExampleError) as err:
        examples.load(path)
    message = str(err.value)
    assert "[forcast] is not a table the film knows — did you mean [forecast]?" in message
    assert "missing" not in message


def test_a_key_set_twice_names_both_lines(tmp_path):
    path, line = edited(tmp_path, "rain = 0.8", "rain = 0.8\nrain = 0.7")
    with pytest.raises(
        ExampleError,
        match=rf"forecast\.rain is set twice, on lines {line} and {line + 1}: keep one",
    ):
        examples.load(path)


@pytest.mark.render
@pytest.mark.parametrize("section", sorted(SECTION_TABLES))
def test_each_section_reads_exactly_its_tables(section):
    """The fingerprint's list of tables per section is what the section really reads."""
    code = (
        "from scenes.kit import examples\n"
        "from scenes.builder.script import read_section\n"
        f"read_section({section!r})\n"
        "print(' '.join(sorted(examples.reading())))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "EXPLAINER_VOICE": "none"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert set(proc.stdout.split()) == set(SECTION_TABLES[section])


def build(out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = tiny_build_command(None, out, *extra, voice="none")
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    out = tmp_path_factory.mktemp("variant")
    settings = out / "my_class.toml"
    settings.write_text(OTHER.read_text(encoding="utf-8"), encoding="utf-8")
    proc = build(out, "--examples", str(settings), "--sections", "s1,s3,s6")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return out, settings, proc


def subtitles(out: Path, section: str) -> str:
    path = out / "sections" / "108p5_my_class" / f"{section}.srt"
    return "".join(c.content for c in srt.parse(path.read_text(encoding="utf-8")))


@pytest.mark.render
def test_a_variant_film_says_the_figures_of_its_own_examples(variant):
    out, settings, proc = variant
    ex = examples.load(settings)
    assert (
        out / "cross_entropy_108p5_my_class_only-s1-s3-s6.mp4"
    ).is_file()  # a subset, named as one
    assert not (out / "cross_entropy_108p5.mp4").exists()  # the default film is not touched
    s1 = subtitles(out, "s1")
    rain = ex.forecast.rain
    assert f"降雨概率{rain:.0%}" in s1
    assert bits(float(it.self_information(round(1 - rain, 2)))) in s1
    # its own record: 20 days, 5 of them rainy, scored by hand
    days = ex.record.days
    rainy = days.count(0)
    assert (len(days), rainy) == (20, 5)
    assert "记上二十天" in s1
    assert "实际只下了五天" in s1
    assert "天天报25%下雨" in s1
    first = (
        rainy * math.log2(1 / rain) + (len(days) - rainy) * math.log2(1 / round(1 - rain, 2))
    ) / len(days)
    floor = -(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75))
    assert f"第一位每天意外 {first:.2f} 比特，第二位只有 {floor:.2f} 比特" in s1
    s3 = subtitles(out, "s3")
    p = ex.dice.loaded
    assert f"一点朝上占{p[0]:.0%}" in s3
    assert f"可实际上一点占{p[0]:.0%}，贡献 {p[0] * math.log2(6):.2f}" in s3
    assert f"其余五面各 {p[1] * math.log2(6):.2f}" in s3
    assert bits(float(it.entropy(p))) in s3
    s6 = subtitles(out, "s6")
    flips = ex.coin.flips
    assert f"抛了{len(flips)}次" in s6
    assert f"{sum(flips)}次是正面" in s6
    assert f"θ 等于{sum(flips) / len(flips):.2f}的地方" in s6
    found = set(re.findall(r"(\d+\.\d+) 奈特", s6))
    assert found == {nats(-math.log(ex.classification.good)).split()[0]}  # bits = nats, said once


@pytest.mark.render
def test_unchanged_examples_skip_and_a_change_rerenders_only_its_sections(variant):
    out, settings, _ = variant
    again = build(out, "--examples", str(settings), "--sections", "s1,s3,s6")
    assert again.returncode == 0, again.stderr[-2000:]
    assert again.stdout.count("unchanged, reused the last render") == 3
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("good = 0.8 ", "good = 0.9 "), encoding="utf-8"
    )
    changed = build(out, "--examples", str(settings), "--sections", "s1,s3,s6")
    assert changed.returncode == 0, changed.stderr[-2000:]
    assert "[s6] started" in changed.stdout
    assert "[s1] started" not in changed.stdout
    assert "[s3] started" not in changed.stdout
    assert "0.11 奈特" in subtitles(out, "s6")  # −ln 0.9


def test_a_bad_examples_file_stops_the_build_before_anything_renders(tmp_path):
    bad = with_value(tmp_path, "dice", "loaded", [0.5, 0.2, 0.1, 0.1, 0.05, 0.05])
    proc = build(tmp_path / "out", "--examples", str(bad), "--sections", "s3")
    assert proc.returncode == 1
    assert "dice.loaded" in proc.stderr
    assert "equally likely" in proc.stderr
    assert not (tmp_path / "out" / "sections").exists()
