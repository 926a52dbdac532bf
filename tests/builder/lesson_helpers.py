"""Building the two-section test film with its lesson page, and driving the page in the browser.

Shared by the lesson page's browser tests (tests/builder/test_lesson.py,
tests/builder/test_lesson_questions.py)."""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import srt

from ..helpers import DATA, ROOT, tiny_build_command

FILM = "cross_entropy_108p5.mp4"
#: the questions of the test film's sections (their figures come from the build's examples file)
QUESTIONS = DATA / "questions_film.toml"


def build_test_film(ws: Path, *extra: str) -> dict:
    """Build tests/data/film's ta and tc into ``ws/out``; return the lesson page.

    ``extra``: more build arguments. The page's questions are tests/data/questions_film.toml, given
    through EXPLAINER_QUESTIONS.
    """
    if not (ws / "sections").exists():
        shutil.copytree(DATA / "film", ws / "sections")
        registry = [
            {
                "id": "ta",
                "file": str(ws / "sections" / "ta_voiced.py"),
                "scene": "VoicedA",
                "title": "甲：两段",
                "target_minutes": 0.1,
            },
            {
                "id": "tc",
                "file": str(ws / "sections" / "tc_voiced.py"),
                "scene": "VoicedC",
                "title": "丙：一段",
                "target_minutes": 0.1,
            },
        ]
        (ws / "registry.json").write_text(
            json.dumps(registry, ensure_ascii=False), encoding="utf-8"
        )
    cmd = tiny_build_command(ws / "registry.json", ws / "out", *extra)
    env = {
        **os.environ,
        "EXPLAINER_CACHE": str(ws / "voice-cache"),
        "EXPLAINER_QUESTIONS": str(QUESTIONS),
    }
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = ws / "out"
    film = next(
        p
        for p in out.glob("cross_entropy_108p5*.mp4")
        if ("--examples" in extra) == ("examples" in p.name)
    )
    page = out / f"{film.stem}_lesson" / "index.html"
    html = page.read_text(encoding="utf-8")
    return {
        "page": page,
        "html": html,
        "data": page_data(html),
        "film": film,
        "out": out,
        "log": proc.stdout,
        "worksheet": page.with_name("worksheet.html"),
        "chapters": out / f"{film.stem}_chapters.txt",
        "zh": list(srt.parse(film.with_suffix(".srt").read_text(encoding="utf-8"))),
        "en": list(srt.parse(film.with_name(f"{film.stem}_en.srt").read_text(encoding="utf-8"))),
    }


def page_data(html: str) -> dict:
    """The JSON the build wrote into a lesson page."""
    return json.loads(
        html.split('<script type="application/json" id="lesson-data">')[1].split("</script>")[0]
    )


def js(driver, script, *args):
    return driver.execute_script(script, *args)


def state(driver) -> dict:
    return js(driver, "return window.lesson.state()")


def wait_for(driver, predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}; state {state(driver)}")


def arm_seek_probe(driver):
    """Record the video's time at the next 'seeked' event (before playback moves it on)."""
    js(
        driver,
        "window._seekedAt = null; document.querySelector('video').addEventListener("
        "'seeked', e => { window._seekedAt = e.target.currentTime; }, {once: true});",
    )


def seeked_at(driver) -> float:
    # a list, so that a seek to 0.0 is not mistaken for "no seek yet"
    return wait_for(
        driver,
        lambda: js(driver, "return window._seekedAt === null ? null : [window._seekedAt]"),
        10,
        "a seek",
    )[0]


def press(driver, *keys):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def lines(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#transcript button")


def fresh_page(driver, page: Path) -> None:
    """Open ``page`` with nothing kept from earlier tests.

    The questions' progress lives in local storage.
    """
    from scenes.builder.browser import open_page

    driver.get(Path(page).resolve().as_uri())
    js(driver, "localStorage.clear()")
    open_page(driver, page)
    driver.get_log("browser")  # start with an empty console
