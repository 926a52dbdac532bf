"""The layout check finds what a viewer would trip over; the palette is readable."""

import pytest

from scenes.builder.layout import MIN_CONTRAST, contrast_ratio
from scenes.sections import SECTIONS


@pytest.mark.parametrize(
    "name", ["P_COLOR", "Q_COLOR", "ENTROPY_COLOR", "KL_COLOR", "ACCENT", "TEXT_COLOR", "MUTED"]
)
def test_every_text_colour_of_the_palette_reads_on_the_background(name):
    from manim import config
    from manim.utils.color import ManimColor

    from scenes.kit import style

    ratio = contrast_ratio(
        ManimColor(getattr(style, name)).to_rgb(), ManimColor(config.background_color).to_rgb()
    )
    assert ratio >= MIN_CONTRAST, f"{name}: {ratio:.1f}:1"


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio((0.5, 0.5, 0.5), (0, 0, 0)) == pytest.approx(5.28, abs=0.01)


@pytest.mark.render
def test_the_check_names_beat_rule_and_text_for_each_fault(tmp_path):
    from scenes.builder.layout import check_section
    from scenes.sections import Section

    from ..helpers import DATA

    sec = Section("demo", "bad_layout", "BadLayout", "坏版面", 0.1, file=DATA / "bad_layout.py")
    sheet = tmp_path / "demo.png"
    found = {(f.beat, f.rule, f.text) for f in check_section(sec, sheet)}
    assert not [f for f in found if f[0] == "clean.1"]
    assert ("faults.1", "safe area", "跑出画面的字") in found
    assert ("faults.1", "subtitle band", "压在字幕区") in found
    assert ("faults.1", "size", "0.17") in found
    assert ("faults.1", "contrast", "太暗的字") in found
    assert {("faults.1", "overlap", "重叠甲"), ("faults.1", "overlap", "重叠乙")} & found
    assert ("faults.1", "figure font", "0.42") in found
    assert ("stray.1", "stray marks", "0.00") in found
    # drawings too: a panel's border in the subtitle band, a square
    # off the safe area; a line marked bleed is not
    assert ("faults.1", "subtitle band", "RoundedRectangle") in found
    assert ("faults.1", "safe area", "Square") in found
    assert not [f for f in found if f[2] == "Line"]
    assert sheet.is_file()


@pytest.mark.render
@pytest.mark.parametrize("section_id", [s.id for s in SECTIONS])
def test_every_beat_of_the_film_passes_the_layout_check(section_id):
    """The gate: no finding in any section (intended overlays are marked where they are drawn)."""
    from scenes.builder.layout import check_section

    findings = check_section(section_id)
    assert not findings, f"{len(findings)} layout finding(s):\n" + "\n".join(
        map(str, findings[:20])
    )


def test_an_intended_overlay_is_marked_where_it_is_drawn():
    """Every ``overlay = True`` in the scenes has a comment saying why (no blanket exemptions)."""
    from ..helpers import ROOT

    marks = [
        (p.name, n, line)
        for p in sorted((ROOT / "scenes").glob("s[0-9]_*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if ".overlay = True" in line
    ]
    assert all("#" in line.split(".overlay = True", 1)[1] for _, _, line in marks), marks
