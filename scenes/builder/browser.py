r"""Headless Chromium (Debian's ``chromium`` + ``chromium-driver``) driven by Selenium.

Used by the lesson page's browser tests and to take the README's screenshots of the page::

    .venv/bin/python -m scenes.builder.browser out/cross_entropy_1080p60_lesson/index.html \\
        assets/readme/lesson_page.png --at 95
    .venv/bin/python -m scenes.builder.browser out/cross_entropy_480p15_lesson/index.html \\
        assets/readme/lesson_questions.png --at 95 --questions 1 --answer 2.3 --size 1280x1400

Selenium is a test dependency and the browser a test-only system package: ``./setup.sh --tests``
installs both. No driver is ever downloaded: the driver is Debian's, named explicitly.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

__all__ = ["BrowserUnavailable", "chrome", "open_page", "screenshot", "main"]

INSTALL_HINT = (
    "install them with `./setup.sh --tests` (or `apt-get install --no-install-recommends "
    "chromium chromium-driver`, and `pip install selenium` in .venv)"
)


class BrowserUnavailable(RuntimeError):
    """Chromium, its driver or Selenium is missing; the message says how to install them."""


def _find(*names: str) -> str | None:
    for n in names:
        path = shutil.which(n)
        if path:
            return path
    return None


def chrome(width: int = 1280, height: int = 800, extra: tuple[str, ...] = ()):
    """A headless Chromium session that keeps the browser console log and may autoplay sound.

    ``extra``: more command-line switches, e.g. a fake microphone fed from a WAV file (the
    recording page's tests): ``--use-fake-ui-for-media-stream``,
    ``--use-fake-device-for-media-stream``, ``--use-file-for-fake-audio-capture=clip.wav%noloop``.
    """
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:
        raise BrowserUnavailable(f"Selenium is not installed: {INSTALL_HINT}") from exc
    binary, driver = _find("chromium", "chromium-browser"), _find("chromedriver")
    if not binary or not driver:
        missing = " and ".join(
            n for n, p in (("chromium", binary), ("chromedriver", driver)) if not p
        )
        raise BrowserUnavailable(f"{missing} not found: {INSTALL_HINT}")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        f"--window-size={width},{height}",
        "--force-device-scale-factor=1",
        *extra,
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    session = webdriver.Chrome(service=Service(driver), options=opts)
    # the window size includes the browser's own bars: make the page itself width x height
    inner = session.execute_script("return [window.innerWidth, window.innerHeight]")
    session.set_window_size(2 * width - inner[0], 2 * height - inner[1])
    return session


def open_page(driver, page: Path, timeout: float = 30.0) -> None:
    """Open a file:// page and wait until its video knows its length and its tracks are loaded."""
    driver.get(Path(page).resolve().as_uri())
    deadline = time.monotonic() + timeout
    script = (
        "const v = document.querySelector('video');"
        "return v && v.readyState >= 1 && [...v.textTracks].every(t => t.cues !== null);"
    )
    while not driver.execute_script(script):
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"{page}: the video or its subtitles did not load in {timeout:.0f} s"
            )
        time.sleep(0.1)


def screenshot(
    page: Path,
    png: Path,
    at: float = 0.0,
    width: int = 1280,
    height: int = 800,
    questions: int | None = None,
    answer: str | None = None,
) -> Path:
    """A picture of the lesson page with the film at ``at`` seconds (its beat highlighted).

    ``questions``: with section ``questions``' questions open (1 for the first section), the first
    number question answered with ``answer`` if given (a tall ``height`` shows them under the film).
    """
    driver = chrome(width, height)
    try:
        open_page(driver, page)
        driver.execute_script(
            "const v = document.querySelector('video'); v.currentTime = arguments[0];", at
        )
        deadline = time.monotonic() + 15
        while driver.execute_script(
            "const v = document.querySelector('video'); return v.seeking || v.readyState < 2"
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{page}: the video did not seek to {at} s")
            time.sleep(0.1)
        time.sleep(0.3)  # the highlight follows within a tick
        if questions is not None:
            driver.execute_script(
                "localStorage.clear(); window.lesson.openQuiz(arguments[0] - 1, 'user');const box "
                "= document.querySelector('#quiz input[type=text]');if (box && arguments[1] !== "
                "null) { box.value = arguments[1]; box.form.requestSubmit(); "
                "}document.activeElement.blur(); localStorage.clear();",
                questions,
                answer,
            )
            time.sleep(0.2)
        png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(png))
    finally:
        driver.quit()
    return png


def main(argv=None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m scenes.builder.browser", description="Screenshot a lesson page."
    )
    p.add_argument("page", type=Path)
    p.add_argument("png", type=Path)
    p.add_argument("--at", type=float, default=0.0, help="film time in seconds (default 0)")
    p.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    p.add_argument(
        "--questions",
        type=int,
        default=None,
        metavar="N",
        help="open section N's questions (1 = the first)",
    )
    p.add_argument(
        "--answer",
        default=None,
        help="with --questions: answer its first number question with this",
    )
    args = p.parse_args(argv)
    w, h = (int(x) for x in args.size.lower().split("x"))
    try:
        print(screenshot(args.page, args.png, args.at, w, h, args.questions, args.answer))
    except BrowserUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
