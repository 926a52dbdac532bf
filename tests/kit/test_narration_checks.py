"""Narration mistakes an educator can make stop the build, naming the beat, line and what to do."""

import json
import os
import subprocess

import pytest

from scenes.kit.narration_checks import (
    NarrationError,
    check_languages,
    check_screen,
    check_text,
    figures,
)

from ..helpers import DATA, ROOT, tiny_build_command

WHERE = "beat s1/forecast.1 (scenes/s1_weather_hook.py:88)"
RAIN = 0.8  # a figure whose misspelling the tool test makes


def test_braces_left_in_the_text_are_an_f_string_without_its_f():
    with pytest.raises(NarrationError, match=r"contains \{RAIN:\.0%\} as written") as err:
        check_text("明天降雨概率{RAIN:.0%}。", WHERE)
    assert WHERE in str(err.value)
    assert "letter f just before the opening quote" in str(err.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_block_is_refused(text):
    with pytest.raises(NarrationError, match="the English narration is empty"):
        check_text(text, WHERE, "English")


def test_the_two_languages_must_give_the_same_figures():
    check_languages(
        "意外是 2.32 比特，只有20%的可能", "the surprise is 2.32 bits, only 20% likely", WHERE
    )
    check_languages(
        "平均要问两到三个是非题；其余五面", "2 to 3 yes/no questions; the other 5 faces", WHERE
    )
    with pytest.raises(NarrationError) as err:
        check_languages(
            "晴天意外是 2.32 比特，下雨只有 0.32 比特", "sun: 0.32 bits, rain: 0.35 bits", WHERE
        )
    message = str(err.value)
    assert "the Chinese says 2.32, the English does not" in message
    assert "the English says 0.35, the Chinese does not" in message
    assert WHERE in message


def test_a_figure_said_but_never_shown_is_a_typed_number():
    check_screen(
        "意外是 0.5 比特，概率20%", {"0.50", "0.20", "3"}, WHERE
    )  # by value: 0.5 is 0.50, 20% is 0.20
    with pytest.raises(
        NarrationError, match=r"says 3\.5, but no text or formula on screen .* shows it"
    ) as err:
        check_screen("意外是 3.5 比特", {"2.32", "80%"}, WHERE)
    assert "on screen: 80%, 2.32" in str(err.value)


def test_figures_are_numbers_written_with_digits():
    assert figures("log₂ 6 是 2.585；晴天−0.5，20%") == ["6", "2.585", "-0.5", "20%"]


def _build(tmp_path, mistake):
    registry = tmp_path / "registry.json"
    registry.write_text(
        json.dumps(
            [
                {
                    "id": "tm",
                    "file": str(DATA / "mistakes.py"),
                    "scene": "Mistakes",
                    "title": "错",
                    "target_minutes": 0.1,
                }
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    cmd = tiny_build_command(registry, tmp_path / "out", voice="none", jobs=1)
    return subprocess.run(
        cmd,
        cwd=ROOT,
        env={**os.environ, "MISTAKE": mistake},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.render
@pytest.mark.parametrize(
    ("mistake", "said"),
    [
        ("no_f", r"contains {RAIN:.0%} as written"),
        (
            "misspelt",
            "mistakes.py:{line} (in forecast): NameError: name 'RAN' is not defined -- did you "
            "mean RAIN?",
        ),
        ("empty", "the Chinese narration is empty"),
        ("empty_en", "the English narration is empty"),
        ("languages", "the English says 0.32, the Chinese does not"),
        (
            "typed",
            "the narration says 3.5, but no text or formula on screen during this beat shows it",
        ),
    ],
)
def test_each_mistake_stops_the_build_naming_the_line(tmp_path, mistake, said):
    proc = _build(tmp_path, mistake)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(
        n
        for n, text in enumerate((DATA / "mistakes.py").read_text().splitlines(), 1)
        if "RAN:" in text
    )
    said = said.replace("{line}", str(line)) if mistake == "misspelt" else said
    assert said in proc.stderr, proc.stderr
    assert proc.stderr.count(said) == 1
    assert "mistakes.py:" in proc.stderr  # the file and line are named
    assert "Traceback" not in proc.stderr
    assert "│" not in proc.stderr
    assert not (tmp_path / "out" / "cross_entropy_108p5.mp4").exists()


@pytest.mark.render
def test_the_correct_version_builds(tmp_path):
    proc = _build(tmp_path, "none")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_tools_error_is_one_paragraph_without_a_traceback(capsys, monkeypatch):
    from scenes.common.errors import run_tool

    monkeypatch.delenv("EXPLAINER_TRACEBACK", raising=False)

    def main():
        return RAN  # noqa: F821 -- the mistake under test

    assert run_tool("python -m scenes.builder.stills", main) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m scenes.builder.stills: tests/kit/test_narration_checks.py:")
    assert "NameError: name 'RAN' is not defined -- did you mean RAIN?" in err
    assert "return RAN" in err
    assert "Traceback" not in err
