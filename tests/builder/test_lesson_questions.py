"""The questions on the lesson page, in a real headless Chromium, and the printable worksheet.

The test film (the ``lesson`` fixture of conftest.py: tests/data/film's ta and tc, with the
questions of tests/data/questions_film.toml) is answered like a class would: right and wrong,
by mouse and by keyboard alone, with present mode holding at a section's end; the worksheet is
printed to PDF; a variant examples file gives other answers, which the page checks against.
Every answer is recomputed here by infotheory from the examples file.
"""

import base64
import io
import time
import tomllib

import pytest

import infotheory as it
from scenes.builder.browser import chrome, open_page
from scenes.kit.examples import DEFAULT_FILE

from ..helpers import DATA
from .lesson_helpers import (
    arm_seek_probe,
    build_test_film,
    fresh_page,
    js,
    lines,
    press,
    seeked_at,
    state,
    wait_for,
)

pytestmark = pytest.mark.render

OTHER = DATA / "examples_other.toml"
PAUSE_SLACK = 0.25


def expected(examples) -> dict[str, float]:
    """The answers to tests/data/questions_film.toml, by infotheory from the examples file."""
    ex = tomllib.loads(examples.read_text(encoding="utf-8"))
    loaded = ex["dice"]["loaded"]
    return {
        "ta-sunny": float(it.self_information(round(1 - ex["forecast"]["rain"], 2))),
        "tc-entropy": float(it.entropy(loaded)),
        "tc-share": loaded[0] * 100,
    }


@pytest.fixture(scope="module")
def browser():
    driver = chrome(1280, 900)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, lesson):
    fresh_page(browser, lesson["page"])
    return browser


@pytest.fixture(scope="module")
def variant(lesson):
    """The same test film from tests/data/examples_other.toml (its own film and lesson page)."""
    return build_test_film(lesson["out"].parent, "--examples", str(OTHER))


def find(driver, css):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css)


def open_questions(driver, n: int):
    """Open section ``n``'s questions as a teacher does: its button in the list of questions."""
    from selenium.webdriver.common.by import By

    driver.find_elements(By.CSS_SELECTOR, "#quiz-nav button")[n].click()
    wait_for(driver, lambda: state(driver)["quizOpen"] == n, 2, f"section {n + 1}'s questions")


def answer_number(driver, qid: str, text: str):
    from selenium.webdriver.common.keys import Keys

    box = find(driver, f"#q-{qid} input[type=text]")
    box.clear()
    box.send_keys(text, Keys.ENTER)


def choose(driver, qid: str, k: int):
    from selenium.webdriver.common.by import By

    driver.find_elements(By.CSS_SELECTOR, f"#q-{qid} label.choice")[k].click()
    find(driver, f"#q-{qid} button.check").click()


def feedback(driver, qid: str) -> tuple[str, str]:
    box = find(driver, f"#q-{qid} .feedback")
    return box.get_attribute("class"), box.text


def test_the_answers_in_the_page_are_recomputed_from_the_examples_file(lesson):
    questions = {q["id"]: q for q in lesson["data"]["questions"]}
    assert list(questions) == ["ta-sunny", "ta-rain", "tc-entropy", "tc-share", "tc-never-below"]
    for qid, value in expected(DEFAULT_FILE).items():
        assert questions[qid]["answer"] == pytest.approx(value, abs=1e-9), qid
    assert questions["ta-rain"]["answer"] == 1
    assert questions["tc-never-below"]["answer"] is False
    assert lesson["data"]["worksheet"] == "worksheet.html"
    assert lesson["worksheet"].is_file()
    for scheme in (
        "http://",
        "https://",
        "fetch(",
        "XMLHttpRequest",
        "sendBeacon",
    ):  # nothing is sent anywhere
        assert scheme not in lesson["html"]


def test_the_beat_ids_read_from_the_source_are_the_films(lesson):
    from scenes.builder.placeholders import read_section_facts
    from scenes.sections import Section

    for sec in lesson["data"]["sections"]:
        file = lesson["out"].parent / "sections" / f"{sec['id']}_voiced.py"
        facts = read_section_facts(
            Section(sec["id"], file.stem, "", sec["title"], 0.1, file=file), DEFAULT_FILE
        )
        assert facts.beat_ids() == [
            b["id"] for b in lesson["data"]["beats"] if b["section"] == sec["id"]
        ]


def test_the_chapter_list_beside_the_film(lesson):
    sections = lesson["data"]["sections"]
    assert (
        lesson["chapters"].read_text(encoding="utf-8")
        == f"0:00 甲：两段\n0:{int(sections[1]['start']):02d} 丙：一段\n"
    )


def test_a_number_question_answered_wrong_then_right(page, lesson):
    right = expected(DEFAULT_FILE)
    open_questions(page, 0)
    answer_number(page, "ta-sunny", "二点三")
    assert feedback(page, "ta-sunny") == (
        "feedback",
        "请填一个数，例如 0.5 · Please type a number, e.g. 0.5",
    )
    assert state(page)["progress"] == {}  # not an answer: nothing counted
    answer_number(page, "ta-sunny", "2.30")
    cls, text = feedback(page, "ta-sunny")
    assert cls == "feedback wrong"
    assert "不对" in text
    assert f"{right['ta-sunny']:.2f}" in text
    assert "晴天的概率是 20%，意外是 2.32 比特。" in text
    assert "A sunny day had 20%" in text
    box = find(page, "#q-ta-sunny .feedback")
    assert box.get_attribute("aria-live") == "polite"
    assert box.get_attribute("role") == "status"
    assert find(page, "#q-ta-sunny .replay").is_displayed()
    answer_number(page, "ta-sunny", "2.32 比特")  # a second try is checked; the first one counts
    assert feedback(page, "ta-sunny")[0] == "feedback right"
    assert state(page)["progress"]["ta-sunny"] == {"ok": False, "given": "2.30"}
    open_questions(page, 1)
    answer_number(
        page, "tc-entropy", f"{right['tc-entropy'] + 0.009:.3f}"
    )  # inside the stated tolerance
    assert feedback(page, "tc-entropy")[0] == "feedback right"
    answer_number(page, "tc-share", "50%")  # a percentage, with or without its sign
    assert feedback(page, "tc-share")[0] == "feedback right"
    assert "（误差不超过 ±1% 即算对）" in find(page, "#q-tc-share legend").text


def test_a_multiple_choice_and_a_true_false_question(page):
    open_questions(page, 0)
    choose(page, "ta-rain", 0)
    cls, text = feedback(page, "ta-rain")
    assert cls == "feedback wrong"
    assert "正确答案：B 80%" in text
    assert "The answer is B." in text
    open_questions(page, 1)
    choose(page, "tc-never-below", 1)  # 错 False
    cls, text = feedback(page, "tc-never-below")
    assert cls == "feedback right"
    assert "交叉熵永远不小于熵。" in text
    assert state(page)["progress"] == {
        "ta-rain": {"ok": False, "given": "0"},
        "tc-never-below": {"ok": True, "given": "false"},
    }


def test_the_replay_button_plays_the_beat_that_explains_it(page, lesson):
    beats = lesson["data"]["beats"]
    open_questions(page, 0)
    answer_number(page, "ta-sunny", "1")
    arm_seek_probe(page)
    find(page, "#q-ta-sunny .replay").click()
    assert seeked_at(page) == pytest.approx(beats[1]["start"], abs=0.1)  # ta's construct.2
    wait_for(page, lambda: not state(page)["paused"], 5, "the replay playing")
    choose(page, "ta-rain", 1)
    arm_seek_probe(page)
    find(page, "#q-ta-rain .replay").click()
    assert seeked_at(page) == pytest.approx(beats[0]["start"], abs=0.1)  # ta's construct.1


def test_present_mode_holds_at_the_section_end_until_the_questions_are_done(page, lesson):
    from selenium.webdriver.common.keys import Keys

    beats = lesson["data"]["beats"]
    press(page, "p")
    lines(page)[1].click()  # ta's last beat
    wait_for(
        page, lambda: state(page)["paused"] and state(page)["atEnd"], 20, "the pause at ta's end"
    )
    held = state(page)
    assert held["hold"] == 0
    assert held["quizOpen"] == 0
    assert beats[1]["end"] <= held["time"] <= beats[1]["end"] + PAUSE_SLACK
    assert (
        js(page, "return document.activeElement.id") == "quiz-title"
    )  # keyboard and screen reader land there
    for key in (" ", Keys.ARROW_RIGHT):  # going on is held until the questions are done
        press(page, key)
    js(page, "document.body.focus()")
    press(page, " ")
    time.sleep(1.0)
    assert state(page)["paused"]
    assert state(page)["time"] == pytest.approx(held["time"], abs=0.01)
    assert "先回答或跳过" in find(page, "#status").text
    go = find(page, "#quiz-go")
    assert go.text == "跳过 Skip (Esc)"
    answer_number(page, "ta-sunny", "2.32")
    choose(page, "ta-rain", 1)
    assert go.text == "继续 Continue →"
    go.click()  # done: the film goes on into tc
    wait_for(
        page,
        lambda: state(page)["paused"] and state(page)["current"] == 2,
        20,
        "the pause at tc's first beat",
    )
    assert beats[2]["end"] <= state(page)["time"] <= beats[2]["end"] + PAUSE_SLACK
    assert state(page)["hold"] == -1
    assert state(page)["quizOpen"] == -1


def test_present_mode_skipped_at_the_last_section_ends_with_the_summary(page):
    press(page, "p")
    lines(page)[3].click()  # tc's last beat: the film's last
    wait_for(page, lambda: state(page)["hold"] == 1, 20, "the hold at tc's end")
    find(page, "#quiz-go").click()  # skip
    summary = find(page, "#summary")
    wait_for(page, summary.is_displayed, 2, "the summary")
    assert js(page, "return document.activeElement.id") == "summary-title"
    assert "答对 0 / 5" in find(page, "#summary-score").text
    assert "0 of 5 right (0 answered)" in find(page, "#summary-score").text


def test_in_normal_play_a_section_end_offers_its_questions_without_stopping(page, lesson):
    lines(page)[1].click()
    end = lesson["data"]["beats"][1]["end"]
    wait_for(page, lambda: state(page)["quizOpen"] == 0, end + 10, "the questions offered")
    assert not state(page)["paused"]
    assert state(page)["hold"] == -1
    assert "Questions on section 1 below the film" in find(page, "#status").text


def tab_to(driver, css: str, limit: int = 60):
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        if js(driver, "return document.activeElement.matches(arguments[0])", css):
            return
        press(driver, Keys.TAB)
    raise AssertionError(f"Tab never reached {css}")


def test_keyboard_only(page):
    from selenium.webdriver.common.keys import Keys

    tab_to(page, "#quiz-nav button")
    press(page, Keys.ENTER)
    assert js(page, "return document.activeElement.id") == "quiz-title"
    press(page, Keys.TAB)
    assert js(page, "return document.activeElement.id") == "answer-ta-sunny"
    press(page, "2.32", Keys.ENTER)  # digits go into the box, not to the chapter keys
    assert feedback(page, "ta-sunny")[0] == "feedback right"
    tab_to(page, "#q-ta-rain input[type=radio]")
    press(page, Keys.ARROW_DOWN)  # the arrow keys choose inside the group
    assert js(page, "return document.querySelector('#q-ta-rain input:checked').value") == "1"
    tab_to(page, "#q-ta-rain button.check")
    press(page, Keys.ENTER)
    assert feedback(page, "ta-rain")[0] == "feedback right"
    tab_to(page, "#quiz-go")
    press(page, Keys.ENTER)
    assert state(page)["quizOpen"] == -1
    assert state(page)["paused"]
    assert state(page)["time"] < 0.5
    tab_to(page, "#show-summary")
    press(page, Keys.ENTER)
    assert "答对 2 / 5" in find(page, "#summary-score").text
    press(page, Keys.ESCAPE)
    assert not find(page, "#summary").is_displayed()


def test_progress_is_kept_in_the_browser_and_cleared_with_one_button(page, lesson):
    open_questions(page, 0)
    answer_number(page, "ta-sunny", "2.32")
    open_questions(page, 1)
    choose(page, "tc-never-below", 0)
    key = lesson["data"]["progress_key"]
    assert js(page, "return JSON.parse(localStorage.getItem(arguments[0]))", key) == {
        "ta-sunny": {"ok": True, "given": "2.32"},
        "tc-never-below": {"ok": False, "given": "true"},
    }
    open_page(page, lesson["page"])  # another visit: the answers are still there
    open_questions(page, 0)
    assert find(page, "#q-ta-sunny input").get_attribute("value") == "2.32"
    assert feedback(page, "ta-sunny")[0] == "feedback right"
    find(page, "#show-summary").click()
    marks = [m.text for m in page.find_elements("css selector", "#summary-list .mark")]
    assert marks == ["✓", "–", "–", "–", "✗"]
    find(page, "#summary .clear-progress").click()
    assert state(page)["progress"] == {}
    assert js(page, "return localStorage.getItem(arguments[0])", key) is None
    assert [m.text for m in page.find_elements("css selector", "#summary-list .mark")] == ["–"] * 5


@pytest.mark.parametrize(
    ("size", "mobile"), [((390, 844), True), ((1920, 1080), False)], ids=["phone", "projector"]
)
def test_the_questions_fit_a_phone_and_a_projector(browser, lesson, size, mobile):
    driver = browser
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": mobile},
    )
    try:
        fresh_page(driver, lesson["page"])
        assert js(driver, "return window.innerWidth") == size[0]
        js(driver, "window.lesson.openQuiz(0, 'user')")
        answer_number(driver, "ta-sunny", "1")
        assert js(driver, "return document.documentElement.scrollWidth") <= size[0]
        for css in (
            "#q-ta-sunny input",
            "#q-ta-sunny .check",
            "#q-ta-rain label.choice",
            "#quiz-go",
        ):
            box = js(
                driver, "return arguments[0].getBoundingClientRect().toJSON()", find(driver, css)
            )
            assert box["left"] >= 0, css
            assert box["right"] <= size[0], css
            assert box["height"] >= 24, css  # big enough to tap
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_worksheet_renders_and_prints_with_the_key_on_a_later_page(browser, lesson):
    from pypdf import PdfReader
    from selenium.webdriver.common.print_page_options import PrintOptions

    browser.get(lesson["worksheet"].resolve().as_uri())
    items = browser.find_elements("css selector", "ol.questions > li")
    assert len(items) == 5
    assert "80%" in items[0].text
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    pdf = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(PrintOptions()))))
    texts = [p.extract_text() for p in pdf.pages]
    assert len(texts) >= 2
    assert "Worksheet" in texts[0]
    assert "Answer key" not in texts[0]
    key = next(i for i, t in enumerate(texts) if "Answer key" in t)
    assert key >= 1
    assert "Print" not in "".join(texts)
    assert "2.32" in "".join(texts[key:])
    assert "2.32" not in "".join(texts[:key])


def test_a_copied_folder_works_offline_with_its_worksheet(browser, lesson, tmp_path):
    import shutil

    folder = tmp_path / "USB stick" / "lesson"
    shutil.copytree(lesson["page"].parent, folder)
    fresh_page(browser, folder / "index.html")
    open_questions(browser, 1)
    choose(browser, "tc-never-below", 1)
    assert feedback(browser, "tc-never-below")[0] == "feedback right"
    find(browser, "#worksheet-link").click()
    wait_for(browser, lambda: "Worksheet" in browser.title, 5, "the worksheet")
    assert browser.current_url == (folder / "worksheet.html").as_uri()


def test_a_variant_examples_file_changes_an_answer_and_the_page_checks_it(browser, lesson, variant):
    default, other = expected(DEFAULT_FILE), expected(OTHER)
    questions = {q["id"]: q for q in variant["data"]["questions"]}
    for qid, value in other.items():
        assert questions[qid]["answer"] == pytest.approx(value, abs=1e-9), qid
    assert abs(other["ta-sunny"] - default["ta-sunny"]) > 0.1
    fresh_page(browser, variant["page"])
    open_questions(browser, 0)
    answer_number(
        browser, "ta-sunny", f"{default['ta-sunny']:.2f}"
    )  # the default film's answer: wrong here
    cls, text = feedback(browser, "ta-sunny")
    assert cls == "feedback wrong"
    assert f"{other['ta-sunny']:.2f}" in text
    fresh_page(browser, variant["page"])
    open_questions(browser, 0)
    answer_number(browser, "ta-sunny", f"{other['ta-sunny']:.2f}")
    assert feedback(browser, "ta-sunny")[0] == "feedback right"
    assert "70%" in find(browser, "#q-ta-sunny legend").text
