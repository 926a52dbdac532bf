"""The lesson page, opened from the file system in a real headless Chromium.

A two-section test film (tests/data/film: ta with two beats and an animation between them, tc
with one English-less beat) is built at tiny size (the ``lesson`` fixture of conftest.py, with
the questions of tests/data/questions_film.toml); the page beside it is then driven like a
teacher would: click a transcript line, present mode, the arrow and section keys. The questions
are tested in tests/builder/test_lesson_questions.py.
Needs Debian's chromium + chromium-driver and Selenium (``./setup.sh --tests``).
"""

import html
import shutil
import time

import pytest

from scenes.builder.browser import chrome, open_page
from scenes.common.media import video_duration

from .lesson_helpers import (
    FILM,
    arm_seek_probe,
    fresh_page,
    js,
    lines,
    press,
    seeked_at,
    state,
    wait_for,
)

pytestmark = pytest.mark.render

#: how late present mode may pause after a beat's end (the issue's promise)
PAUSE_SLACK = 0.25


@pytest.fixture(scope="module")
def browser():
    driver = chrome()
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, lesson):
    fresh_page(browser, lesson["page"])
    return browser


def test_the_page_is_self_contained_and_describes_the_film(lesson):
    data = lesson["data"]
    assert [s["id"] for s in data["sections"]] == ["ta", "tc"]
    assert [b["id"] for b in data["beats"]] == [
        "construct.1",
        "construct.2",
        "construct.1",
        "construct.2",
    ]
    assert data["beats"][0]["en"] == "The first test narration, a short one."
    assert data["beats"][3]["en"] == ""  # tc's second block has no en=
    assert data["film"] == FILM
    assert (lesson["page"].parent / FILM).is_file()
    # beats are in film time: tc's first beat starts after ta
    assert data["beats"][2]["start"] >= data["sections"][1]["start"]
    # nothing is fetched from the internet
    for scheme in ("http://", "https://", "//cdn", "@import"):
        assert scheme not in lesson["html"]


def test_page_loads_with_the_film_and_both_subtitle_tracks(page, lesson):
    assert js(page, "return document.querySelector('video').duration") == pytest.approx(
        video_duration(lesson["film"]), abs=0.1
    )
    tracks = js(
        page,
        "return [...document.querySelector('video').textTracks]"
        ".map(t => [t.kind, t.language, t.label, t.cues.length])",
    )
    assert tracks == [
        ["subtitles", "zh", "中文", len(lesson["zh"])],
        ["subtitles", "en", "English", len(lesson["en"])],
        ["chapters", "zh", "章节 Chapters", 2],
    ]
    first_en = js(page, "return document.querySelector('video').textTracks[1].cues[0].text")
    assert first_en == lesson["en"][0].content
    assert len(lines(page)) == 4
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_subtitle_buttons_switch_the_track(page):
    from selenium.webdriver.common.by import By

    modes = (
        "return [...document.querySelector('video').textTracks]"
        ".filter(t => t.kind === 'subtitles').map(t => t.mode)"
    )
    assert js(page, modes) == ["showing", "hidden"]
    page.find_element(By.CSS_SELECTOR, "[data-subs=en]").click()
    assert js(page, modes) == ["hidden", "showing"]
    page.find_element(By.CSS_SELECTOR, "[data-subs=off]").click()
    assert js(page, modes) == ["hidden", "hidden"]


def test_clicking_a_transcript_line_plays_from_its_beat(page, lesson):
    from selenium.webdriver.common.keys import Keys

    beats = lesson["data"]["beats"]
    for n in (1, 2):
        arm_seek_probe(page)
        lines(page)[n].click()
        assert seeked_at(page) == pytest.approx(beats[n]["start"], abs=0.1)
        wait_for(page, lambda: not state(page)["paused"], 5, "playback")
        assert "now" in lines(page)[n].get_attribute("class")
    # keyboard only: a focused line plays with Enter
    js(page, "document.querySelector('video').pause()")
    arm_seek_probe(page)
    lines(page)[0].send_keys(Keys.ENTER)
    assert seeked_at(page) == pytest.approx(beats[0]["start"], abs=0.1)


def test_present_mode_stops_at_each_beat_end_and_the_keys_go_on(page, lesson):
    from selenium.webdriver.common.keys import Keys

    beats = lesson["data"]["beats"]
    press(page, "p")
    assert state(page)["present"] is True
    lines(page)[0].click()  # play beat 1 of ta
    wait_for(page, lambda: not state(page)["paused"], 5, "playback")
    wait_for(
        page,
        lambda: state(page)["paused"],
        beats[0]["end"] - beats[0]["start"] + 5,
        "the pause at beat 1's end",
    )
    t = state(page)["time"]
    assert beats[0]["end"] <= t <= beats[0]["end"] + PAUSE_SLACK
    press(page, Keys.ARROW_RIGHT)  # on: through the animation between, into beat 2
    wait_for(page, lambda: not state(page)["paused"], 5, "playback after →")
    wait_for(
        page, lambda: state(page)["paused"], beats[1]["end"] - t + 5, "the pause at beat 2's end"
    )
    t = state(page)["time"]
    assert beats[1]["end"] <= t <= beats[1]["end"] + PAUSE_SLACK
    assert state(page)["current"] == 1
    arm_seek_probe(page)
    press(page, Keys.ARROW_LEFT)  # replay beat 2 from its start
    assert seeked_at(page) == pytest.approx(beats[1]["start"], abs=0.1)
    wait_for(
        page,
        lambda: state(page)["paused"],
        beats[1]["end"] - beats[1]["start"] + 5,
        "the replay's pause",
    )
    assert beats[1]["end"] <= state(page)["time"] <= beats[1]["end"] + PAUSE_SLACK
    # beat 2 ends section ta, which has questions: the film holds for them
    # (tests/builder/test_lesson_questions.py)
    assert state(page)["hold"] == 0
    press(page, Keys.ESCAPE)  # skipped: the film goes on, into tc's first beat
    wait_for(
        page, lambda: state(page)["paused"] and state(page)["current"] == 2, 20, "beat 3's end"
    )
    assert beats[2]["end"] <= state(page)["time"] <= beats[2]["end"] + PAUSE_SLACK
    press(page, " ")  # Space also goes on: into tc's last beat
    wait_for(
        page, lambda: state(page)["paused"] and state(page)["current"] == 3, 20, "beat 4's end"
    )
    assert beats[3]["end"] <= state(page)["time"] <= beats[3]["end"] + PAUSE_SLACK
    press(page, "p")
    assert state(page)["present"] is False


def test_a_section_key_jumps_to_its_chapter(page, lesson):
    from selenium.webdriver.common.by import By

    sections = lesson["data"]["sections"]
    arm_seek_probe(page)
    press(page, "2")
    assert seeked_at(page) == pytest.approx(sections[1]["start"], abs=0.1)
    chapters = page.find_elements(By.CSS_SELECTOR, "#chapters button")
    wait_for(page, lambda: "now" in chapters[1].get_attribute("class"), 2, "chapter 2 highlighted")
    assert "now" not in chapters[0].get_attribute("class")
    arm_seek_probe(page)
    press(page, "1")
    assert seeked_at(page) == pytest.approx(sections[0]["start"], abs=0.1)
    before = state(page)["time"]
    press(page, "9")  # no ninth section: nothing happens
    assert state(page)["time"] >= before


def copy_of_the_page(lesson, folder, film: bool = True):
    """The lesson folder copied elsewhere as a teacher would; ``film=False`` leaves out the film."""
    shutil.copytree(
        lesson["page"].parent, folder, ignore=None if film else shutil.ignore_patterns("*.mp4")
    )
    return folder / "index.html"


def test_a_missing_film_is_named_in_the_page_not_blamed_on_autoplay(browser, lesson, tmp_path):
    from selenium.webdriver.common.by import By

    page = copy_of_the_page(lesson, tmp_path / "copied", film=False)
    browser.get(page.resolve().as_uri())
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")
    wait_for(browser, alert.is_displayed, 10, "the message about the missing film")
    text = alert.text
    assert FILM in text
    assert "missing or cannot be played" in text
    assert "beside index.html, in the same folder" in text
    assert "同一个文件夹" in text
    lines(browser)[1].click()  # what a teacher does next: click, press Space
    press(browser, " ")
    press(browser, "2")
    time.sleep(0.5)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "自动播放" not in body
    assert "autoplay" not in body.lower()
    assert alert.is_displayed()
    assert FILM in alert.text


def markup_beat(text: str):
    """A one-section, one-beat film description whose narration is ``text`` (Chinese, English)."""
    from types import SimpleNamespace

    beat = {"id": "construct.1", "start": 0.0, "duration": 2.0, "text": text, "en": text}
    return [SimpleNamespace(section=SimpleNamespace(id="ta", title="甲"), beat_log=lambda: [beat])]


MARKUP = "<b>粗体</b> & 1 < 2 --> 3"


def test_narration_text_is_escaped_in_the_subtitle_tracks():
    import base64

    from scenes.builder.lesson import lesson_data

    data = lesson_data(
        FILM,
        "交叉熵",
        markup_beat(MARKUP),
        [0.0],
        [2.0],
        [(0.0, 2.0, MARKUP)],
        [(0.0, 2.0, MARKUP)],
    )
    for track in data["tracks"]:
        vtt = base64.b64decode(track["vtt_base64"]).decode("utf-8")
        assert vtt.splitlines()[-1] == "&lt;b&gt;粗体&lt;/b&gt; &amp; 1 &lt; 2 --&gt; 3"
        assert "<b>" not in vtt
    assert data["beats"][0]["zh"] == MARKUP  # the transcript gets the text as written


def test_the_film_title_is_in_the_page_before_any_script_runs(lesson, tmp_path):
    """The title is the builder's (scenes/paths.py), escaped, in <title> and the heading."""
    import re

    from scenes.builder.lesson import write_lesson
    from scenes.paths import FILM_TITLE

    for title in (FILM_TITLE, "<i>A & B</i>"):
        page = write_lesson(
            lesson["film"],
            tmp_path / "title",
            title,
            markup_beat(MARKUP),
            [0.0],
            [2.0],
            [(0.0, 2.0, MARKUP)],
            [(0.0, 2.0, MARKUP)],
        )
        text = page.read_text(encoding="utf-8")
        shown = html.escape(title)
        assert re.search(r"<title>(.*?)</title>", text)[1] == f"{shown} · 课堂版"
        assert re.search(r'<h1 id="title">(.*?)</h1>', text)[1] == shown
        assert "__FILM_TITLE__" not in text
    assert f"<title>{FILM_TITLE}" in lesson["html"]  # the built page: the film's own title


def test_narration_with_markup_shows_as_written_in_the_page(browser, lesson, tmp_path):
    from selenium.webdriver.common.by import By

    from scenes.builder.lesson import write_lesson

    page = write_lesson(
        lesson["film"],
        tmp_path / "markup",
        "交叉熵",
        markup_beat(MARKUP),
        [0.0],
        [2.0],
        [(0.0, 2.0, MARKUP)],
        [(0.0, 2.0, MARKUP)],
    )
    open_page(browser, page)
    cues = js(
        browser,
        "return [...document.querySelector('video').textTracks].filter(t => t.kind === "
        "'subtitles').map(t => { const f = t.cues[0].getCueAsHTML(); return [f.textContent, "
        "f.querySelectorAll('*').length]; })",
    )
    assert cues == [[MARKUP, 0], [MARKUP, 0]]  # no <b> element: the text, as written
    assert lines(browser)[0].find_element(By.CSS_SELECTOR, ".zh").text == MARKUP
    assert browser.find_elements(By.CSS_SELECTOR, "#transcript b") == []
    assert not browser.find_element(
        By.CSS_SELECTOR, "[role=alert]"
    ).is_displayed()  # the film is there


def test_screenshot_of_the_page(lesson, tmp_path):
    from scenes.builder.browser import screenshot

    png = screenshot(lesson["page"], tmp_path / "lesson.png", at=1.0, width=900, height=700)
    from PIL import Image

    with Image.open(png) as im:
        assert im.size == (900, 700)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50
