"""Figures: one typeface, cheap updates, no ghosts, and a scale that survives a change of value."""

import pytest

from scenes.kit.figures import Figure, figure_axes


def test_a_changed_figure_shows_the_new_string_and_hides_the_old_digits():
    fig = Figure(1.0, decimals=2)
    old = fig.submobjects[0]
    fig.set_value(2.384)
    assert fig.text == "2.38"
    assert fig.get_value() == pytest.approx(2.384)
    # the renderer may still hold the outgoing digits during an animation: they must be invisible
    assert old.get_fill_opacity() == 0
    assert fig.submobjects[0].get_fill_opacity() > 0


def test_a_scaled_figure_keeps_its_scale_and_left_edge_for_new_digits():
    fig = Figure(1.0, decimals=2).scale(2).shift([1.0, 0.5, 0])
    height, left = fig.height, fig.get_left()[0]
    fig.set_value(3.0)
    assert fig.height == pytest.approx(height, rel=0.05)
    assert fig.get_left()[0] == pytest.approx(left, abs=1e-6)


def test_axes_tick_labels_take_the_size_asked_for():
    small = figure_axes([0, 1, 0.5], [0, 2, 1], x_length=4, y_length=3, size=20)
    large = figure_axes([0, 1, 0.5], [0, 2, 1], x_length=4, y_length=3, size=40)
    assert large.x_axis.labels[0].height == pytest.approx(
        2 * small.x_axis.labels[0].height, rel=0.05
    )
    assert [lab.text for lab in small.x_axis.labels] == ["0.5", "1.0"]
