"""What a section's render depends on, and the stamps that let an unchanged section be reused.

A section is rendered again only when its fingerprint changes: the hash of its scene file, the
project code it imports (:func:`render_sources`: followed through every import, also those inside
functions, so a module only the builder or the listen check uses is not part of it), the assets it
can use (its own recordings, not other sections', wherever ``EXPLAINER_VOICE_DIR`` keeps them), the
example settings it uses (only its own tables of ``assets/examples.toml`` or the ``--examples``
file), manim's version and the build settings, including every voice setting of the environment.

A stamp also records the size and sha256 of each file of the render (video, subtitles, beat
log); before a section is reused they are checked (:func:`damage`), so a file cut short or
changed since is rendered again rather than trusted because it exists.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
from pathlib import Path

from ..common.files import atomic_write_text
from ..kit.tools import DEFAULT_FILE, section_values
from ..paths import ASSETS, REPO_ROOT
from ..sections import Section
from ..speech.options import VoiceSettings, voice_env
from .cli import MANIM_CACHE, BuildPlan

__all__ = [
    "MANIM_CACHE",
    "fingerprint",
    "is_current",
    "damage",
    "file_record",
    "read_stamp",
    "write_stamp",
    "stamp_path",
    "section_files",
    "render_sources",
]

#: the project's own packages: an import of anything else (manim, numpy) is not followed
PACKAGES = ("scenes", "infotheory")


def _files_under(path: Path, pattern: str = "*") -> list[Path]:
    if not path.exists():
        return []
    return sorted(p for p in path.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _module_file(name: str) -> list[Path]:
    """The files that importing the project module ``name`` runs.

    Each package's ``__init__.py`` and the module.
    """
    parts = name.split(".")
    if parts[0] not in PACKAGES:
        return []
    found, here = [], REPO_ROOT
    for part in parts:
        here = here / part
        if (here / "__init__.py").is_file():
            found.append(here / "__init__.py")
        elif here.with_suffix(".py").is_file():
            found.append(here.with_suffix(".py"))
            break
        else:
            break
    return found


def _imported(path: Path) -> list[Path]:
    """The project files ``path`` imports directly, wherever the import statement stands."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    package = None
    if path.is_relative_to(REPO_ROOT):
        rel = path.relative_to(REPO_ROOT).with_suffix("").parts
        package = rel if path.name == "__init__.py" else rel[:-1]
        package = package[:-1] if package and package[-1] == "__init__" else package
    found: list[Path] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found += _module_file(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if package is None or node.level - 1 > len(package):
                    continue
                base = list(package[: len(package) - (node.level - 1)])
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found += _module_file(name)
            for alias in node.names:  # ``from pkg import module``
                found += [f for f in _module_file(f"{name}.{alias.name}") if f.stem == alias.name]
    return found


def render_sources(section_file: Path) -> list[Path]:
    """Every project file a render of ``section_file`` runs.

    The file and what it imports, followed through. Imports are read from the source (also those
    inside functions), not run: a module that no section reaches (the builder, the listen check's
    scoring) is not among them.
    """
    seen: dict[Path, None] = {}
    todo = [Path(section_file), *_module_file("scenes")]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen[path] = None
        todo += _imported(path)
    return sorted(seen)


def fingerprint(sec: Section, plan: BuildPlan) -> str:
    """Hash of everything the render of ``sec`` under ``plan`` depends on."""
    h = hashlib.sha256()
    files = render_sources(sec.path)
    assets = ASSETS
    for f in _files_under(assets):
        rel = f.relative_to(assets).parts
        if rel[0] == "voice" and len(rel) > 1 and rel[1] != sec.id:
            continue  # another section's recordings
        if rel[0] == "readme":
            continue  # the README's pictures: no render reads them
        if rel == ("examples.toml",):
            continue  # the example settings: only the values this section uses count (below)
        if rel == ("questions.toml",):
            continue  # the questions for the class: read by the lesson page, by no render
        files.append(f)
    # EXPLAINER_VOICE_DIR may name another folder
    recorded = VoiceSettings.from_env().voice_dir / sec.id
    if not recorded.resolve().is_relative_to(assets.resolve()):
        files += _files_under(recorded)
    for f in files:
        h.update(str(f.relative_to(REPO_ROOT) if f.is_relative_to(REPO_ROOT) else f).encode())
        h.update(b"\0")
        h.update(f.read_bytes() if f.is_file() else b"<missing>")
    import manim

    settings = {
        "quality": plan.quality,
        "tiny": plan.tiny,
        "manim": manim.__version__,
        "cache": plan.manim_cache,
        **voice_env(plan.voice),
        "examples": section_values(sec, plan.examples or DEFAULT_FILE),
    }
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


def section_files(sec: Section, plan: BuildPlan) -> list[Path]:
    """The files of a section's last good render: video, subtitles and beat log."""
    return [plan.section_dir / f"{sec.id}{suffix}" for suffix in (".mp4", ".srt", ".beats.json")]


def file_record(path: Path) -> dict | None:
    """Size and sha256 of ``path`` (``None`` when it does not exist)."""
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return {"size": path.stat().st_size, "sha256": h.hexdigest()}


def write_stamp(sec: Section, plan: BuildPlan, key: str, seconds: float, animations: int) -> None:
    """Record a good render: its fingerprint, time, animation count, each file's size and hash."""
    atomic_write_text(
        stamp_path(sec, plan),
        json.dumps(
            {
                "fingerprint": key,
                "render_seconds": round(seconds, 2),
                "animations": animations,
                "rendered_at": dt.datetime.now().isoformat(timespec="seconds"),
                "files": {f.name: file_record(f) for f in section_files(sec, plan)},
            }
        ),
    )


def damage(sec: Section, plan: BuildPlan) -> str | None:
    """Why the last good render of ``sec`` cannot be reused as it is on disk, or ``None`` if it can.

    Every file is compared with the size and hash recorded when it was written: a file cut short,
    changed or deleted since is found, and the section is rendered again instead of failing later.
    """
    recorded = read_stamp(sec, plan).get("files")
    if not isinstance(recorded, dict):
        return "no record of its files (made by an older version)"
    for f in section_files(sec, plan):
        want = recorded.get(f.name)
        if want is None:  # the render made no such file (a section without subtitles)
            if f.suffix == ".mp4":
                return f"{f} was not recorded"
            continue
        have = file_record(f)
        if have is None:
            return f"{f} is missing"
        if have["size"] != want["size"]:
            return f"{f} has {have['size']:,} bytes, {want['size']:,} when it was written"
        if have["sha256"] != want["sha256"]:
            return f"{f} changed since it was written"
    return None


def is_current(sec: Section, plan: BuildPlan, key: str | None = None) -> bool:
    """Whether the last good render of ``sec`` was made from exactly the current inputs."""
    if not (plan.section_dir / f"{sec.id}.mp4").is_file():
        return False
    return read_stamp(sec, plan).get("fingerprint") == (key or fingerprint(sec, plan))
