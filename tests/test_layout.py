"""The layout check finds what a viewer would trip over; the palette is readable."""
import pytest

from scenes.build.layout import MIN_CONTRAST, contrast_ratio


@pytest.mark.parametrize("name", ["P_COLOR", "Q_COLOR", "ENTROPY_COLOR", "KL_COLOR", "ACCENT", "TEXT_COLOR",
                                  "MUTED"])
def test_every_text_colour_of_the_palette_reads_on_the_background(name):
    from manim import config
    from manim.utils.color import ManimColor

    from scenes.kit import style

    ratio = contrast_ratio(ManimColor(getattr(style, name)).to_rgb(), ManimColor(config.background_color).to_rgb())
    assert ratio >= MIN_CONTRAST, f"{name}: {ratio:.1f}:1"


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21.0)
    assert contrast_ratio((0.5, 0.5, 0.5), (0, 0, 0)) == pytest.approx(5.28, abs=0.01)


@pytest.mark.render
def test_the_check_names_beat_rule_and_text_for_each_fault(tmp_path):
    from scenes.build.layout import check_section
    from scenes.sections import Section

    from .conftest import DATA

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
    assert sheet.is_file()
