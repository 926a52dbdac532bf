"""The lesson page: the film with its transcript, chapters and present mode, for a classroom.

``write_lesson`` fills ``lesson.html`` (beside this file) with the film's beats as JSON and puts
the film next to it, in ``out/cross_entropy_<res>_lesson/``. The page is plain HTML/CSS/JS that
opens from the file system with no network: the subtitles are embedded as WebVTT ``data:`` URLs
(a page opened from a file may not load a ``.vtt`` file beside it), the film is a sibling file.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

from ..kit.files import atomic_write_text
from ..kit.subtitles import Cue, vtt_text
from .render import SectionOutput

__all__ = ["TEMPLATE", "lesson_data", "write_lesson"]

TEMPLATE = Path(__file__).with_name("lesson.html")
PLACEHOLDER = "/*LESSON_DATA*/"


def lesson_data(film_name: str, title: str, outputs: list[SectionOutput], starts: list[float],
                lengths: list[float], zh: list[Cue], en: list[Cue]) -> dict:
    """What the page shows: sections, one entry per beat (film times), both subtitle tracks."""
    sections, beats = [], []
    for o, start, length in zip(outputs, starts, lengths):
        sections.append({"id": o.section.id, "title": o.section.title,
                         "start": round(start, 3), "end": round(start + length, 3)})
        for b in o.beat_log():
            begin = start + b["start"]
            end = min(begin + b["duration"] + b.get("overrun", 0.0), start + length)
            beats.append({"section": o.section.id, "id": b["id"], "start": round(begin, 3),
                          "end": round(end, 3), "zh": b["text"], "en": b.get("en") or ""})
    tracks = [{"lang": "zh", "label": "中文", "default": True},
              {"lang": "en", "label": "English", "default": False}]
    for track, cues in zip(tracks, (zh, en)):
        track["vtt_base64"] = base64.b64encode(vtt_text(cues).encode("utf-8")).decode("ascii")
    return {"title": title, "film": film_name, "duration": round(starts[-1] + lengths[-1], 3) if starts else 0.0,
            "sections": sections, "beats": beats, "tracks": tracks}


def _place_film(film: Path, target: Path) -> None:
    """The film beside the page: a hard link where possible (no second copy on disk)."""
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    try:
        os.link(film, tmp)
    except OSError:
        shutil.copyfile(film, tmp)
    os.replace(tmp, target)


def write_lesson(film: Path, folder: Path, title: str, outputs: list[SectionOutput], starts: list[float],
                 lengths: list[float], zh: list[Cue], en: list[Cue]) -> Path:
    """Write ``folder/index.html`` and the film beside it; return the page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    data = lesson_data(film.name, title, outputs, starts, lengths, zh, en)
    # "<" escaped: the JSON sits in a <script> element and must not be able to close it
    blob = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    template = TEMPLATE.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        raise RuntimeError(f"{TEMPLATE} must contain {PLACEHOLDER} exactly once")
    _place_film(film, folder / film.name)
    page = folder / "index.html"
    atomic_write_text(page, template.replace(PLACEHOLDER, blob))
    return page
