"""A section is rendered again when what its render runs changes, and only then.

The fingerprint follows the section file's imports through the project's packages (read from the
source, also imports inside functions); the builder and the checks that run after a render are
not part of any section's render.
"""

from pathlib import Path

import pytest

from scenes.builder.cache import fingerprint, render_sources
from scenes.builder.cli import parse_plan
from scenes.paths import REPO_ROOT
from scenes.sections import SECTIONS


def rel(paths):
    return {str(p.relative_to(REPO_ROOT)) for p in paths}


@pytest.mark.parametrize("sec", SECTIONS, ids=lambda s: s.id)
def test_a_section_depends_on_what_it_imports_and_not_on_the_builder(sec):
    used = rel(render_sources(sec.path))
    assert str(sec.path.relative_to(REPO_ROOT)) in used
    # what every narrated section runs: the style, the narrated scene, the voice, the maths
    assert {
        "scenes/kit/style.py",
        "scenes/kit/narration.py",
        "scenes/speech/voice.py",
        "infotheory/core.py",
        "scenes/__init__.py",
        "scenes/sections.py",
    } <= used
    assert not any(p.startswith("scenes/builder/") for p in used)
    assert "scenes/builder/pacing.py" not in used  # the timing report's pacing figures
    others = {str(s.path.relative_to(REPO_ROOT)) for s in SECTIONS if s is not sec}
    assert not used & others


def test_imports_inside_functions_and_relative_imports_are_followed(tmp_path):
    section = tmp_path / "tz_section.py"
    section.write_text(
        "import numpy as np\n"
        "def later():\n"
        "    from scenes.kit.heatmap import Heatmap\n"
        "    from infotheory import faces\n",
        encoding="utf-8",
    )
    used = rel(p for p in render_sources(section) if p != section)
    assert {
        "scenes/kit/heatmap.py",
        "infotheory/__init__.py",
        "infotheory/faces.py",
        "scenes/kit/__init__.py",
    } <= used
    # heatmap's own relative imports are followed too (its style)
    assert "scenes/kit/style.py" in used


@pytest.mark.parametrize(
    ("changed", "rerenders"),
    [
        ("scenes/kit/style.py", True),  # the palette: every section looks different
        ("infotheory/core.py", True),  # the maths: every figure may change
        ("scenes/builder/pacing.py", False),  # the report's pacing: no frame changes
        ("scenes/builder/report.py", False),  # the builder
        ("scenes/builder/listen.py", False),  # the listen check
        ("scenes/s4_kl_divergence.py", False),  # another section
    ],
)
def test_editing_a_module_re_renders_exactly_the_sections_that_run_it(
    monkeypatch, changed, rerenders
):
    plan, _ = parse_plan(["--quality", "l", "--sections", "s3"])
    sec = SECTIONS[2]
    before = fingerprint(sec, plan)
    read = Path.read_bytes
    target = REPO_ROOT / changed
    monkeypatch.setattr(
        Path, "read_bytes", lambda p: read(p) + b"\n# edited\n" if p == target else read(p)
    )
    assert (fingerprint(sec, plan) != before) is rerenders
