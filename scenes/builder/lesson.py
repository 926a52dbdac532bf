"""The lesson page: the film with its transcript, chapters, present mode and questions, for a class.

``write_lesson`` fills ``lesson.html`` (beside this file) with the film's beats and questions as
JSON and puts the film next to it, in ``out/cross_entropy_<res>_lesson/``, with the printable
worksheet (:mod:`scenes.builder.worksheet`) beside the page and the chapter list video sites read
(``cross_entropy_<res>_chapters.txt``) beside the film. The page is plain HTML/CSS/JS that opens
from the file system with no network: the subtitles and chapters are embedded as WebVTT ``data:``
URLs (a page opened from a file may not load a ``.vtt`` file beside it), the film is a sibling file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import shutil
from pathlib import Path

from ..common.files import atomic_write_text
from ..speech.subtitles import Cue, vtt_text
from .render import SectionOutput
from .worksheet import WORKSHEET, write_worksheet

__all__ = ["TEMPLATE", "lesson_data", "write_lesson", "chapter_list", "chapters_path"]

TEMPLATE = Path(__file__).with_name("lesson.html")
PLACEHOLDER = "/*LESSON_DATA*/"
#: where the film's title goes in the page's <title> and heading
# (the script sets them again from the data)
TITLE_PLACEHOLDER = "__FILM_TITLE__"


def _vtt_base64(cues: list[Cue]) -> str:
    return base64.b64encode(vtt_text(cues).encode("utf-8")).decode("ascii")


def _clock(t: float) -> str:
    """``m:ss`` (``h:mm:ss`` from an hour on), whole seconds down.

    Rounded down, a chapter starts no later than its section.
    """
    s = int(t + 1e-6)
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def chapter_list(sections: list[dict]) -> str:
    """The chapters as video sites read them: one ``0:00 引入：…`` line per section.

    The first is at 0:00.
    """
    return "".join(
        f"{'0:00' if n == 0 else _clock(s['start'])} {s['title']}\n" for n, s in enumerate(sections)
    )


def chapters_path(film: Path) -> Path:
    """``cross_entropy_<res>_chapters.txt`` beside the film."""
    return film.with_name(f"{film.stem}_chapters.txt")


def _check_replays(questions: list[dict], beats: list[dict]) -> None:
    """Warn of a question whose beat the film lacks (its replay then starts its section)."""
    have = {(b["section"], b["id"]) for b in beats}
    for q in questions:
        if (q["section"], q["beat"]) not in have:
            print(
                f"[film] warning: question {q['id']}: beat {q['section']}/{q['beat']} is not in "
                "the film; its replay button plays its section from the start",
                flush=True,
            )


def lesson_data(
    film_name: str,
    title: str,
    outputs: list[SectionOutput],
    starts: list[float],
    lengths: list[float],
    zh: list[Cue],
    en: list[Cue],
    questions: list[dict] | None = None,
) -> dict:
    """What the page shows: sections, beats (film times), subtitle and chapter tracks, questions."""
    sections, beats = [], []
    for o, start, length in zip(outputs, starts, lengths):
        sections.append(
            {
                "id": o.section.id,
                "title": o.section.title,
                "start": round(start, 3),
                "end": round(start + length, 3),
            }
        )
        for b in o.beat_log():
            begin = start + b["start"]
            end = min(begin + b["duration"] + b.get("overrun", 0.0), start + length)
            beats.append(
                {
                    "section": o.section.id,
                    "id": b["id"],
                    "start": round(begin, 3),
                    "end": round(end, 3),
                    "zh": b["text"],
                    "en": b.get("en") or "",
                }
            )
    tracks = [
        {"lang": "zh", "label": "中文", "default": True},
        {"lang": "en", "label": "English", "default": False},
    ]
    for track, cues in zip(tracks, (zh, en)):
        track["vtt_base64"] = _vtt_base64(cues)
    chapters = _vtt_base64([(s["start"], s["end"], s["title"]) for s in sections])
    questions = [q for q in questions or [] if q["section"] in {s["id"] for s in sections}]
    _check_replays(questions, beats)
    # progress is kept per film and per set of questions and
    # answers: a changed question starts afresh
    digest = hashlib.sha256(
        json.dumps(questions, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()[:12]
    return {
        "title": title,
        "film": film_name,
        "duration": round(starts[-1] + lengths[-1], 3) if starts else 0.0,
        "sections": sections,
        "beats": beats,
        "tracks": tracks,
        "chapters_vtt_base64": chapters,
        "questions": questions,
        "progress_key": f"cross-entropy-lesson:{film_name}:{digest}",
        "worksheet": WORKSHEET if questions else None,
    }


def _place_film(film: Path, target: Path) -> None:
    """The film beside the page: a hard link where possible (no second copy on disk)."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        os.link(film, tmp)
    except OSError:
        shutil.copyfile(film, tmp)
    os.replace(tmp, target)


def write_lesson(
    film: Path,
    folder: Path,
    title: str,
    outputs: list[SectionOutput],
    starts: list[float],
    lengths: list[float],
    zh: list[Cue],
    en: list[Cue],
    questions: list[dict] | None = None,
    chapters: Path | None = None,
) -> Path:
    """Write ``folder/index.html``, the film and the worksheet beside it; return the page.

    ``chapters``: where to write the chapter list for video sites too (the build:
    :func:`chapters_path`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    data = lesson_data(film.name, title, outputs, starts, lengths, zh, en, questions)
    # "<" escaped: the JSON sits in a <script> element and must not be able to close it
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"{TEMPLATE} must contain {PLACEHOLDER} exactly once")
    _place_film(film, folder / film.name)
    page = folder / "index.html"
    # the title in the page itself too, so that it is right before the script runs (and without it)
    page_text = template.replace(TITLE_PLACEHOLDER, html.escape(title)).replace(PLACEHOLDER, blob)
    atomic_write_text(page, page_text)
    if data["questions"]:
        write_worksheet(folder / WORKSHEET, data)
    else:
        # no questions: no worksheet left from an earlier build
        (folder / WORKSHEET).unlink(missing_ok=True)
    if chapters is not None:
        atomic_write_text(chapters, chapter_list(data["sections"]))
    return page
