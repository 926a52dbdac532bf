"""Questions for the class: assets/questions.toml read, checked, filled in with the film's figures.

Every number answer of the shipped file is recomputed here by infotheory straight from the examples
file (not from the scenes' constants), for the default examples and for a variant; every mistake a
teacher can make in the file stops with one line naming the file, the question and the problem,
and a broken file stops the build before anything renders.
"""

import json
import math
import os
import subprocess
import tomllib

import numpy as np
import pytest

import infotheory as it
from scenes.builder.lesson import chapter_list
from scenes.builder.questions import DEFAULT_QUESTIONS, KINDS, QuestionError, load_questions
from scenes.builder.worksheet import worksheet_html
from scenes.kit.examples import DEFAULT_FILE
from scenes.sections import SECTIONS, Section

from ..helpers import DATA, ROOT, tiny_build_command

OTHER = DATA / "examples_other.toml"
TEST_QUESTIONS = DATA / "questions_film.toml"
TA = Section("ta", "ta_voiced", "VoicedA", "甲：两段", 0.1, file=DATA / "film" / "ta_voiced.py")
TC = Section("tc", "tc_voiced", "VoicedC", "丙：一段", 0.1, file=DATA / "film" / "tc_voiced.py")


def expected_answers(examples) -> dict[str, float]:
    """Each number question's answer, computed by infotheory from the examples file itself."""
    ex = tomllib.loads(examples.read_text(encoding="utf-8"))
    rain = ex["forecast"]["rain"]
    forecast = [rain, round(1 - rain, 2)]  # (rain, dry)
    days = ex["record"]["days"].replace(" ", "")
    share = [days.count("雨") / len(days), days.count("晴") / len(days)]
    loaded, fair = np.array(ex["dice"]["loaded"]), it.uniform(6)
    good = ex["classification"]["good"]
    flips = ex["coin"]["flips"].replace(" ", "")
    heads = flips.count("正") / len(flips)
    return {
        "s1-sunny": it.self_information(forecast[1]),
        "s1-average": it.cross_entropy(share, forecast),
        "s2-one-face": it.self_information(1 / 6),
        "s2-loaded-entropy": it.entropy(loaded),
        "s3-own-code": it.entropy([1 / 2, 1 / 4, 1 / 8, 1 / 8]),
        "s3-believed-fair": it.cross_entropy(loaded, fair),
        "s4-kl": it.kl_divergence(loaded, fair),
        "s5-confident-wrong": it.self_information(0.01),
        "s6-nats": it.cross_entropy([1, 0, 0], [good, (1 - good) / 2, (1 - good) / 2], base=math.e),
        "s6-best-coin": it.entropy(it.bernoulli(heads)),
    }


@pytest.fixture(scope="module")
def shipped():
    warnings = []
    default = load_questions(SECTIONS, DEFAULT_QUESTIONS, DEFAULT_FILE, warn=warnings.append)
    other = load_questions(SECTIONS, DEFAULT_QUESTIONS, OTHER, warn=warnings.append)
    return {"default": default, "other": other, "warnings": warnings}


def test_every_section_has_two_to_four_questions_one_of_them_numeric(shipped):
    for s in SECTIONS:
        qs = [q for q in shipped["default"] if q["section"] == s.id]
        assert 2 <= len(qs) <= 4, s.id
        assert any(q["kind"] == "number" for q in qs), s.id
        assert {q["kind"] for q in qs} - {"number"}, f"{s.id} has no conceptual question"
    assert shipped["warnings"] == []  # all in both languages
    for q in shipped["default"]:
        assert q["kind"] in KINDS
        assert q["zh"]
        assert q["en"]
        assert q["explain_zh"]
        assert q["explain_en"]
        assert q["beat"]


@pytest.mark.parametrize("examples", [DEFAULT_FILE, OTHER], ids=["default", "variant"])
def test_every_number_answer_is_recomputed_by_infotheory_from_the_examples_file(shipped, examples):
    questions = shipped["default" if examples == DEFAULT_FILE else "other"]
    numbers = {q["id"]: q for q in questions if q["kind"] == "number"}
    expected = expected_answers(examples)
    assert set(numbers) == set(expected), (
        "a number question without its recomputation here (or the reverse)"
    )
    for qid, value in expected.items():
        q = numbers[qid]
        assert q["unit"] != "%"
        assert q["answer"] == pytest.approx(float(value), abs=1e-9), qid
        assert q["tolerance"] <= 0.02
        assert q["decimals"] == 2


def test_a_variant_examples_file_changes_the_answers_and_the_texts(shipped):
    default = {q["id"]: q for q in shipped["default"]}
    other = {q["id"]: q for q in shipped["other"]}
    for qid in ("s1-sunny", "s1-average", "s2-loaded-entropy", "s4-kl", "s6-nats", "s6-best-coin"):
        assert abs(default[qid]["answer"] - other[qid]["answer"]) > 2 * default[qid]["tolerance"], (
            qid
        )
    assert "80%" in default["s1-sunny"]["zh"]
    assert "70%" in other["s1-sunny"]["zh"]
    assert "40%" in other["s2-loaded-entropy"]["zh"]


def test_the_conceptual_answers_hold_for_the_examples():
    ex = tomllib.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    days = ex["record"]["days"]
    share = [days.count("雨") / len(days), days.count("晴") / len(days)]
    rain = ex["forecast"]["rain"]
    # s1-better-forecaster: the forecaster who says the record's share (B) scores lower
    assert it.cross_entropy(share, np.round(share, 2)) < it.cross_entropy(share, [rain, 1 - rain])
    loaded = np.array(ex["dice"]["loaded"])
    # s2-most-entropy (C, the fair die), s3-below-entropy (false), s4-symmetric (false)
    assert it.entropy(it.uniform(6)) > it.entropy(loaded) > 0
    assert it.cross_entropy(loaded, it.uniform(6)) > it.entropy(loaded)
    assert (
        abs(it.kl_divergence(loaded, it.uniform(6)) - it.kl_divergence(it.uniform(6), loaded))
        > 0.01
    )


def test_placeholders_format_as_written():
    qs = load_questions((TA, TC), TEST_QUESTIONS, DEFAULT_FILE)
    by = {q["id"]: q for q in qs}
    assert by["ta-sunny"]["zh"] == "降雨概率 80%，却是晴天：意外是多少比特？"
    assert by["ta-sunny"]["note_zh"] == "（误差不超过 ±0.01 即算对）"
    assert by["ta-sunny"]["note_en"] == "(right within ±0.01)"
    assert by["ta-rain"]["choices_zh"] == ["20%", "80%", "一半"]
    assert by["ta-rain"]["answer"] == 1
    assert by["tc-share"]["answer"] == pytest.approx(50)
    assert by["tc-share"]["decimals"] == 0
    assert by["tc-share"]["note_zh"] == "（误差不超过 ±1% 即算对）"
    assert by["tc-never-below"]["answer"] is False
    assert [q["section"] for q in qs] == ["ta", "ta", "tc", "tc", "tc"]


# --- a teacher's mistakes ------------------------------------------------------------------
GOOD = """
[[ta]]
id = "ta-x"
kind = "number"
zh = "降雨概率 {RAIN_CHANCE:.0%}，晴天的意外是多少比特？"
en = "How many bits?"
answer = "{SURPRISE_DRY}"
tolerance = 0.01
explain_zh = "是 {SURPRISE_DRY:.2f} 比特。"
explain_en = "It is {SURPRISE_DRY:.2f} bits."
beat = "construct.2"
"""


def problem(tmp_path, text: str, sections=(TA,)) -> str:
    path = tmp_path / "questions.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuestionError) as err:
        load_questions(sections, path, DEFAULT_FILE)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_the_good_question_loads(tmp_path):
    path = tmp_path / "questions.toml"
    path.write_text(GOOD, encoding="utf-8")
    (q,) = load_questions((TA,), path, DEFAULT_FILE)
    assert q["answer"] == pytest.approx(it.self_information(0.2))
    assert q["explain_en"] == "It is 2.32 bits."


def test_a_misspelled_figure_is_named_with_the_figures_there(tmp_path):
    msg = problem(tmp_path, GOOD.replace("{SURPRISE_DRY:.2f} 比特", "{SURPRISE_DRI:.2f} 比特"))
    assert (
        "question ta-x (line 2): explain_zh: {SURPRISE_DRI} names no figure of "
        "tests/data/film/ta_voiced.py" in msg
    )
    assert "did you mean SURPRISE_DRY?" in msg
    assert "Figures there: DRY_CHANCE, RAIN_CHANCE, SURPRISE_DRY" in msg


def test_a_misspelled_figure_of_a_film_section(tmp_path):
    text = (
        GOOD.replace("[[ta]]", "[[s1]]")
        .replace('"{SURPRISE_DRY}"', '"{AVG_FORCAST}"')
        .replace("construct.2", "forecast_then_sunshine.1")
    )
    msg = problem(tmp_path, text, sections=(SECTIONS[0],))
    assert (
        "{AVG_FORCAST} names no figure of scenes/s1_weather_hook.py -- did you mean AVG_FORECAST "
        "or FORECAST?" in msg
    )
    assert "question ta-x (line 2): answer: {AVG_FORCAST}" in msg


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('answer = "{SURPRISE_DRY}"\n', ""), "it has no answer"),
        (
            ('kind = "number"', 'kind = "multiple"'),
            "kind = 'multiple': write one of number, choice, truefalse",
        ),
        (
            ("tolerance = 0.01", "tolerence = 0.01"),
            "tolerence is not a key of a number question -- did you mean tolerance?",
        ),
        (("tolerance = 0.01\n", ""), "it has no tolerance"),
        (("tolerance = 0.01", "tolerance = 0"), "a number question needs a tolerance above 0"),
        (("tolerance = 0.01", "tolerance = 5"), "is not smaller than the answer"),
        (
            ('answer = "{SURPRISE_DRY}"', "answer = 2.32"),
            "answer = 2.32 is a typed number: write the figure it is in braces, "
            'e.g. answer = "{SURPRISE_DRY:.2f}"',
        ),
        (
            ('answer = "{SURPRISE_DRY}"', 'answer = "{SURPRISE_DRY} bits"'),
            "a number question's answer is one figure in braces",
        ),
        (("{RAIN_CHANCE:.0%}，", "80%，"), "zh: the number 80% is typed in the text"),
        (("{RAIN_CHANCE:.0%}，", "{RAIN_CHANCE:.2q}，"), "'.2q' is not a format for a number"),
        (("{RAIN_CHANCE:.0%}，", "{RAIN_CHANCE}} ，"), "write {{ or }} for a brace itself"),
        (
            ('beat = "construct.2"', 'beat = "construct.3"'),
            "beat = 'construct.3' is not a beat of ta -- did you mean construct.2? "
            "Its beats: construct.1, construct.2",
        ),
        (('id = "ta-x"', 'id = "ta x"'), "use letters, digits, '-' and '_' only"),
        (('en = "How many bits?"', 'en = ""'), "en must be text in quotes, and not empty"),
    ],
)
def test_each_mistake_is_named(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    assert expected in problem(tmp_path, GOOD.replace(old, new, 1))


def test_an_unknown_key_gets_a_suggestion(tmp_path):
    msg = problem(tmp_path, GOOD.replace("tolerance = 0.01", 'tolerance = 0.01\nexplian_en = "x"'))
    assert "explian_en is not a key of a number question -- did you mean explain_en?" in msg


def test_the_typed_number_gets_the_figure_that_shows_it(tmp_path):
    msg = problem(tmp_path, GOOD.replace("是 {SURPRISE_DRY:.2f} 比特", "是 2.32 比特"))
    assert "explain_zh: the number 2.32 is typed" in msg
    assert "write {SURPRISE_DRY:.2f} instead" in msg


def test_a_whole_array_is_not_a_number(tmp_path):
    text = (
        GOOD.replace("[[ta]]", "[[tc]]")
        .replace('"{SURPRISE_DRY}"', '"{LOADED_DIE}"')
        .replace("{SURPRISE_DRY:.2f}", "x")
    )
    msg = problem(tmp_path, text.replace("{RAIN_CHANCE:.0%}", "{H_LOADED:.2f}"), sections=(TC,))
    assert (
        "{LOADED_DIE} is not a number but a list of 6 items: pick one value, e.g. {LOADED_DIE[0]}"
        in msg
    )


def test_an_infinite_answer_is_refused(tmp_path):
    text = (
        GOOD.replace("[[ta]]", "[[s2]]")
        .replace('"{SURPRISE_DRY}"', '"{I_IMPOSSIBLE}"')
        .replace("{SURPRISE_DRY:.2f}", "{I_FACE:.2f}")
        .replace("{RAIN_CHANCE:.0%}", "{I_FACE:.2f}")
        .replace("construct.2", "define_surprise.2")
    )
    assert "is infinite: a number question needs a finite answer" in problem(
        tmp_path, text, sections=(SECTIONS[1],)
    )


CHOICE = """
[[ta]]
id = "ta-c"
kind = "choice"
zh = "哪个？"
choices_zh = ["{DRY_CHANCE:.0%}", "{RAIN_CHANCE:.0%}"]
choices_en = ["dry", "rain"]
answer = "B"
explain_zh = "因为。"
beat = "construct.1"
"""


def test_choice_mistakes(tmp_path):
    assert "answer = 'C': give the letter of the right choice, one of A, B" in problem(
        tmp_path, CHOICE.replace('"B"', '"C"')
    )
    assert "choices_en has 3 choices, choices_zh 2" in problem(
        tmp_path, CHOICE.replace('"rain"]', '"rain", "snow"]')
    )
    same = CHOICE.replace("{DRY_CHANCE:.0%}", "{RAIN_CHANCE:.1f}").replace(
        '"{RAIN_CHANCE:.0%}"', '"{RAIN_CHANCE:.1f}"'
    )
    assert "choices_zh: choices A and B read the same with these examples ('0.8')" in problem(
        tmp_path, same
    )
    tf = CHOICE.replace('kind = "choice"', 'kind = "truefalse"').replace(
        'answer = "B"', 'answer = "false"'
    )
    tf = "\n".join(line for line in tf.splitlines() if not line.startswith("choices"))
    assert "a true/false question's answer is true or false (no quotes)" in problem(tmp_path, tf)


def test_missing_english_is_a_warning_not_an_error(tmp_path):
    path = tmp_path / "questions.toml"
    path.write_text(CHOICE.replace('choices_en = ["dry", "rain"]\n', ""), encoding="utf-8")
    said = []
    (q,) = load_questions((TA,), path, DEFAULT_FILE, warn=said.append)
    assert q["choices_zh"] == ["20%", "80%"]
    assert q["answer"] == 1
    assert len(said) == 1
    assert "question ta-c (line 2) has no en or explain_en or choices_en" in said[0]


def test_file_level_mistakes(tmp_path):
    assert "the id 'ta-x' is already used by a question of [[ta]]" in problem(tmp_path, GOOD + GOOD)
    assert "[[s7]]: there is no section 's7'" in problem(tmp_path, GOOD.replace("[[ta]]", "[[s7]]"))
    assert "two brackets" in problem(tmp_path, GOOD.replace("[[ta]]", "[ta]"))
    msg = problem(tmp_path, GOOD.replace("tolerance = 0.01", "tolerance = ０.０１"))
    assert "not a valid questions file, line 8" in msg
    assert "write 0.01, not ０.０１" in msg
    msg = problem(tmp_path, GOOD.replace("tolerance = 0.01", "tolerance = 0.01\ntolerance = 0.02"))
    assert "a key is written twice in one question" in msg
    (tmp_path / "gbk.toml").write_bytes(GOOD.encode("gbk"))
    with pytest.raises(QuestionError, match="not UTF-8 text.*GBK"):
        load_questions((TA,), tmp_path / "gbk.toml", DEFAULT_FILE)
    with pytest.raises(QuestionError, match="no such file"):
        load_questions((TA,), tmp_path / "none.toml", DEFAULT_FILE)


def test_without_the_default_file_the_page_has_no_questions(monkeypatch, tmp_path):
    import scenes.builder.questions as questions

    monkeypatch.setattr(questions, "DEFAULT_QUESTIONS", tmp_path / "questions.toml")
    said = []
    assert (
        questions.load_questions((TA,), tmp_path / "questions.toml", DEFAULT_FILE, warn=said.append)
        == []
    )
    assert said
    assert "the lesson page has no questions" in said[0]


def test_questions_of_sections_not_built_are_checked_for_shape_only(tmp_path):
    path = tmp_path / "questions.toml"
    path.write_text(
        GOOD + GOOD.replace("[[ta]]", "[[s5]]").replace("ta-x", "s5-x"), encoding="utf-8"
    )
    assert [q["id"] for q in load_questions((TA,), path, DEFAULT_FILE)] == ["ta-x"]


SOURCE = """
X = 0.5
NAMES = (1, 2)


class Scene:
    def intro(self):
        with self.narrate("a"):
            pass
        with self.narrate("b"):
            pass

    def loop(self):
        for k in range(3):
            with self.narrate(f"{k}"):
                pass

    def named(self):
        with self.narrate("c", id="special"):
            pass
"""


def test_beat_ids_are_read_from_the_source(tmp_path):
    from scenes.builder.placeholders import read_section_facts

    (tmp_path / "tx_source.py").write_text(SOURCE, encoding="utf-8")
    facts = read_section_facts(
        Section("tx", "tx_source", "Scene", "x", 0.1, file=tmp_path / "tx_source.py"), DEFAULT_FILE
    )
    assert facts.beat_ids() == ["intro.1", "intro.2", "loop.*", "special"]
    assert facts.has_beat("loop.7")
    assert facts.has_beat("special")
    assert facts.has_beat("intro.2")
    assert not facts.has_beat("intro.3")
    assert not facts.has_beat("named.1")
    assert not facts.has_beat("intro")
    assert facts.figure_list() == "NAMES[…], X"


def test_the_questions_file_is_not_part_of_a_section_fingerprint(monkeypatch):
    from pathlib import Path

    from scenes.builder.cache import fingerprint
    from scenes.builder.cli import parse_plan

    plan, _ = parse_plan(["--quality", "l", "--sections", "s3"])
    before = fingerprint(SECTIONS[2], plan)
    read = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda p: b"changed" if p.name == "questions.toml" else read(p)
    )
    assert fingerprint(SECTIONS[2], plan) == before


def test_chapter_list_for_video_sites():
    sections = [
        {"start": 0.4, "title": "引入"},
        {"start": 65.9, "title": "熵"},
        {"start": 3725.0, "title": "尾声"},
    ]
    assert chapter_list(sections) == "0:00 引入\n1:05 熵\n1:02:05 尾声\n"


def test_the_worksheet_has_the_questions_and_a_key_on_its_own_page():
    qs = load_questions((TA, TC), TEST_QUESTIONS, DEFAULT_FILE)
    data = {
        "title": "交叉熵 <测试>",
        "questions": qs,
        "sections": [
            {"id": "ta", "title": "甲", "start": 0.0},
            {"id": "tc", "title": "丙", "start": 6.0},
        ],
        "beats": [{"section": "ta", "id": "construct.2", "start": 3.5}],
    }
    html = worksheet_html(data)
    assert "交叉熵 &lt;测试&gt;" in html
    assert "<测试>" not in html
    body, key = html.split('<section class="key"')
    assert body.count('<li id="q-') == 5
    assert '<ol class="questions" start="3">' in body
    assert "break-before: page" in html
    assert "2.32" not in body
    assert "2.32 比特 bits (±0.01)" in key
    assert "B：80%</span>" in key
    assert "错 False" in key
    assert "50% (±1%)" in key
    assert "讲解见影片 0:03" in key
    assert "http" not in html


@pytest.mark.render
def test_a_broken_question_file_stops_the_build_before_anything_renders(tmp_path):
    registry = [
        {"id": "ta", "file": str(TA.path), "scene": "VoicedA", "title": "甲", "target_minutes": 0.1}
    ]
    (tmp_path / "registry.json").write_text(json.dumps(registry), encoding="utf-8")
    broken = tmp_path / "questions.toml"
    broken.write_text(
        GOOD.replace("{SURPRISE_DRY:.2f} 比特。", "{SURPRISE_DRI:.2f} 比特。"), encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    film = out / "cross_entropy_108p5.mp4"
    film.write_bytes(b"the previous film")
    proc = subprocess.run(
        tiny_build_command(tmp_path / "registry.json", out, voice="none", jobs=None),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "EXPLAINER_QUESTIONS": str(broken)},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    failed = [line for line in proc.stderr.splitlines() if line.startswith("[film] FAILED")]
    assert len(failed) == 1
    assert "Traceback" not in proc.stderr
    assert (
        f"the questions cannot be used: {broken}, question ta-x (line 2): explain_zh: "
        "{SURPRISE_DRI} names no figure" in failed[0]
    )
    assert "did you mean SURPRISE_DRY?" in failed[0]
    assert "nothing was rendered" in proc.stderr
    assert film.read_bytes() == b"the previous film"
    assert not (out / "sections").exists()
