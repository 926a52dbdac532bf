"""What a section's render depends on, and the stamps that let an unchanged section be reused.

A section is rendered again only when its fingerprint changes: the hash of its scene file, the
shared scene code (``scenes/kit``, ``scenes/sections.py``), ``infotheory``, the assets it can
use (its own recordings, not other sections'), the example settings it uses (only its own
tables of ``assets/examples.toml`` or the ``--examples`` file), manim's version and the build
settings, including every voice setting of the environment.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from ..kit.examples import DEFAULT_FILE, section_values
from ..kit.files import atomic_write_text
from ..kit.options import voice_env
from ..sections import REPO_ROOT, Section
from .cli import BuildPlan

__all__ = ["MANIM_CACHE", "fingerprint", "is_current", "read_stamp", "write_stamp", "stamp_path"]

#: manim's per-animation cache, by quality. It hashes every mobject at every play(): a cold
#: render costs +14 % at 480p15 and +12 % at 1080p60, but after a one-sentence narration
#: edit it re-renders only the changed animations (section 6 at 1080p60: 58 s instead of
#: 86 s). At high resolution that saving is what keeps an edit cheap; at low resolution
#: rendering is cheap and the hashing would cost the 480p film its 2-minute budget.
#: Unchanged sections are skipped whole by the builder in every case. (README: Performance.)
MANIM_CACHE = {"l": False, "m": False, "h": True, "k": True}


def _files_under(path: Path, pattern: str = "*") -> list[Path]:
    if not path.exists():
        return []
    return sorted(p for p in path.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(sec: Section, plan: BuildPlan) -> str:
    """Hash of everything the render of ``sec`` under ``plan`` depends on."""
    h = hashlib.sha256()
    scenes = REPO_ROOT / "scenes"
    files = [sec.path, scenes / "__init__.py", scenes / "sections.py",
             *_files_under(scenes / "kit", "*.py"), *_files_under(REPO_ROOT / "infotheory", "*.py")]
    assets = REPO_ROOT / "assets"
    for f in _files_under(assets):
        rel = f.relative_to(assets).parts
        if rel[0] == "voice" and len(rel) > 1 and rel[1] != sec.id:
            continue  # another section's recordings
        if rel[0] == "readme":
            continue  # the README's pictures: no render reads them
        if rel == ("examples.toml",):
            continue  # the example settings: only the values this section uses count (below)
        files.append(f)
    for f in files:
        h.update(str(f.relative_to(REPO_ROOT) if f.is_relative_to(REPO_ROOT) else f).encode())
        h.update(b"\0")
        h.update(f.read_bytes() if f.is_file() else b"<missing>")
    import manim

    settings = {"quality": plan.quality, "tiny": plan.tiny, "manim": manim.__version__,
                "cache": MANIM_CACHE[plan.quality], **voice_env(plan.voice),
                "examples": section_values(sec.id, plan.examples or DEFAULT_FILE)}
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()


def stamp_path(sec: Section, plan: BuildPlan) -> Path:
    return plan.section_dir / f"{sec.id}.json"


def read_stamp(sec: Section, plan: BuildPlan) -> dict:
    """What the last good render of ``sec`` recorded (empty when there is none)."""
    path = stamp_path(sec, plan)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_stamp(sec: Section, plan: BuildPlan, key: str, seconds: float, animations: int) -> None:
    atomic_write_text(stamp_path(sec, plan), json.dumps({
        "fingerprint": key, "render_seconds": round(seconds, 2), "animations": animations,
        "rendered_at": dt.datetime.now().isoformat(timespec="seconds")}))


def is_current(sec: Section, plan: BuildPlan, key: str | None = None) -> bool:
    """Whether the last good render of ``sec`` was made from exactly the current inputs."""
    if not (plan.section_dir / f"{sec.id}.mp4").is_file():
        return False
    return read_stamp(sec, plan).get("fingerprint") == (key or fingerprint(sec, plan))
