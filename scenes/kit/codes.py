"""Code lengths you can see: code-word blocks, a coded message, signed bars.

Section 3 draws each outcome as a block as wide as its probability and as tall as its code
length (Chris Olah's picture in "Visual Information Theory"): the total area is the average
code length, the entropy for the outcomes' own code; a code built for a wrong distribution
changes the heights and not the widths, and the area it adds is the KL divergence. Section 4
shows the divergence's terms outcome by outcome as bars above and below a zero line.

    names, shares = ["甲", "乙", "丙", "丁"], ["1/2", "1/4", "1/8", "1/8"]
    blocks = CodeBlocks(P, lengths, words, names, prob_labels=shares)
    tracker = ValueTracker(0)
    blocks.follow(lambda: (1 - tracker.get_value()) * own + tracker.get_value() * wrong)

Every length and area comes from :mod:`infotheory.coding`; the mobjects only draw them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, DashedLine, DashedVMobject, Line, Rectangle, VGroup

from infotheory.coding import average_length, code_space

from .figures import figure_axes, figure_text
from .style import (
    CAPTION_SIZE,
    FAINT,
    KL_COLOR,
    LABEL_SIZE,
    MUTED,
    P_COLOR,
    SMALL_SIZE,
    STRONG_LABEL_SIZE,
    TEXT_COLOR,
    zh,
)

__all__ = ["CodeBlocks", "CodeSpace", "coded_message", "joined", "SignedBars", "grow_direction"]

#: the colour of the thin seams between neighbouring blocks (the film's background)
_SEAM = "#000000"
_MIN_HEIGHT = 1e-3


class CodeBlocks(VGroup):
    """Outcomes as blocks P(x) wide and code-length tall, on axes in bits (see the module).

    Parts: ``axes`` (x from 0 to 1, y in bits; its x tick labels are a separate part, ``x_ticks``,
    to show when the x axis becomes a probability), ``grid`` (a faint line at each whole bit),
    ``y_label``, ``blocks``, ``words`` (the code word inside each block), ``names`` and
    ``probs_shown`` (the outcome and its probability under each block). A scene shows the parts it
    needs (never the whole group at once: the x tick labels belong to a later picture).
    """

    def __init__(
        self,
        probs,
        lengths,
        words: Sequence[str],
        names: Sequence[str],
        *,
        prob_labels: Sequence[str],
        width: float = 6.0,
        unit: float = 0.75,
        max_bits: int = 4,
        color=P_COLOR,
        y_label: str = "码长（比特）",
    ):
        super().__init__()
        self.probs = np.asarray(probs, dtype=float)
        self.lengths = np.asarray(lengths, dtype=float)
        self.unit, self.color = unit, color
        self.axes = figure_axes(
            [0, 1, 0.25],
            [0, max_bits, 1],
            x_length=width,
            y_length=max_bits * unit,
            size=CAPTION_SIZE,
        )
        self.x_ticks = self.axes.x_axis.labels
        self.axes.x_axis.remove(self.x_ticks)
        self.grid = VGroup(
            *[
                DashedLine(
                    self.axes.c2p(0, b),
                    self.axes.c2p(1, b),
                    color=FAINT,
                    stroke_width=1.5,
                    dash_length=0.08,
                )
                for b in range(1, max_bits + 1)
            ]
        )
        self.y_label = zh(y_label, size=LABEL_SIZE, color=MUTED).next_to(
            self.axes.y_axis, UP, buff=0.2
        )
        self.left_edges = np.concatenate([[0.0], np.cumsum(self.probs)[:-1]])
        self.blocks = VGroup(
            *[
                Rectangle(
                    width=p * width,
                    height=1.0,
                    fill_color=color,
                    fill_opacity=0.8,
                    stroke_color=_SEAM,
                    stroke_width=3,
                )
                for p in self.probs
            ]
        )
        # drawn above the blocks even when an animation brings the blocks to the front
        self.words = VGroup(
            *[
                figure_text(w, size=STRONG_LABEL_SIZE, color=TEXT_COLOR).set_z_index(1)
                for w in words
            ]
        )
        self.names = VGroup(*[zh(n, size=LABEL_SIZE) for n in names])
        self.probs_shown = VGroup(*[zh(s, size=LABEL_SIZE, color=P_COLOR) for s in prob_labels])
        for i, (name, prob) in enumerate(zip(self.names, self.probs_shown)):
            x = self.axes.c2p(self.left_edges[i] + self.probs[i] / 2, 0)[0]
            name.next_to(self.axes.c2p(0, 0), DOWN, buff=0.2).set_x(x)
            prob.next_to(name, DOWN, buff=0.12).set_x(x)
        self.set_lengths(self.lengths)
        # the x tick labels travel with the picture but are shown only
        # when the x axis becomes a probability
        self.add(
            self.grid,
            self.axes,
            self.x_ticks,
            self.y_label,
            self.blocks,
            self.words,
            self.names,
            self.probs_shown,
        )

    def block_rect(self, i: int, length: float) -> Rectangle:
        """A rectangle where block ``i`` would be with code length ``length`` (for outlines)."""
        left, bottom = self.axes.c2p(self.left_edges[i], 0), self.axes.c2p(0, 0)[1]
        rect = Rectangle(width=self.blocks[i].width, height=max(length * self.unit, _MIN_HEIGHT))
        return rect.move_to([left[0], bottom, 0], aligned_edge=DOWN + LEFT)

    def set_lengths(self, lengths) -> CodeBlocks:
        """Move every block (and its word) to the given code lengths, in place."""
        self.lengths = np.asarray(lengths, dtype=float)
        for i, (block, word) in enumerate(zip(self.blocks, self.words)):
            target = self.block_rect(i, float(self.lengths[i]))
            block.stretch_to_fit_height(target.height)
            block.move_to(target)
            word.next_to(block.get_top(), DOWN, buff=0.12)
        return self

    def follow(self, lengths_fn: Callable[[], Sequence[float]]) -> CodeBlocks:
        """Keep the blocks at ``lengths_fn()`` on every frame (a function of a ValueTracker).

        The updater sits on ``blocks`` (the part on screen); :meth:`stop` removes it.
        """
        self.blocks.add_updater(lambda _: self.set_lengths(lengths_fn()))
        return self

    def stop(self) -> CodeBlocks:
        """Stop following (see :meth:`follow`)."""
        self.blocks.clear_updaters()
        return self

    def area(self) -> float:
        """The blocks' total area in bits: the average code length of the outcomes."""
        return average_length(self.probs, self.lengths)

    def outline(self, lengths=None, color=P_COLOR) -> VGroup:
        """Dashed outlines of the blocks at ``lengths`` (default: where they are now)."""
        lengths = self.lengths if lengths is None else np.asarray(lengths, dtype=float)
        return VGroup(
            *[
                DashedVMobject(
                    self.block_rect(i, float(n)).set_stroke(color, 3).set_fill(opacity=0),
                    num_dashes=28,
                )
                for i, n in enumerate(lengths)
            ]
        )

    def change(self, old, new) -> tuple[VGroup, VGroup]:
        """The pieces between heights ``old`` and ``new``: (area added, area saved), per outcome.

        An added piece is filled in the KL colour; a saved piece is a pale box. An outcome whose
        length does not change has an invisible piece in both groups.
        """
        added, saved = VGroup(), VGroup()
        for i, (a, b) in enumerate(zip(np.asarray(old, dtype=float), np.asarray(new, dtype=float))):
            low, high = self.block_rect(i, min(a, b)), self.block_rect(i, max(a, b))
            piece = Rectangle(width=high.width, height=max(high.height - low.height, _MIN_HEIGHT))
            piece.move_to([high.get_x(), (low.get_top()[1] + high.get_top()[1]) / 2, 0])
            added.add(
                piece.copy()
                .set_fill(KL_COLOR, 0.85 if b > a else 0)
                .set_stroke(_SEAM, 3 if b > a else 0)
            )
            saved.add(
                piece.copy()
                .set_fill(MUTED, 0.3 if b < a else 0)
                .set_stroke(_SEAM, 3 if b < a else 0)
            )
        return added, saved

    def corner(self, i: int, length: float | None = None):
        """The point (P(x), length) on the axes.

        It is block ``i``'s corner once every block starts at 0.
        """
        n = float(self.lengths[i] if length is None else length)
        return self.axes.c2p(float(self.probs[i]), n)


class CodeSpace(VGroup):
    """The code space as a strip ``width`` long, cut word by word (Olah's picture of a prefix code).

    ``levels[k]`` is the strip cut after ``k`` digits: a piece per prefix, labelled with the word
    when it is one (filled) or with the prefix and "…" (outlined); ``levels[0]`` is the whole
    strip, labelled ``whole``. The last level shows every word's share, ``base**-len`` of the
    strip (:func:`infotheory.coding.code_space`). ``shares`` are the labels under it.
    """

    def __init__(
        self,
        words: Sequence[str],
        *,
        width: float,
        share_labels: Sequence[str],
        height: float = 0.5,
        whole: str = "所有码字",
        color=P_COLOR,
    ):
        super().__init__()
        words = [str(w) for w in words]
        spans = {w: tuple(span) for w, span in zip(words, code_space(words))}
        self.levels, pieces = VGroup(), {}
        for depth in range(max(len(w) for w in words) + 1):
            cut = sorted(
                {w[:depth] for w in words}, key=lambda x: code_space([x])[0][0] if x else 0.0
            )
            level = VGroup()
            for prefix in cut:
                start, share = code_space([prefix])[0] if prefix else (0.0, 1.0)
                done = prefix in spans
                piece = Rectangle(
                    width=share * width,
                    height=height,
                    stroke_color=_SEAM if done else MUTED,
                    stroke_width=3 if done else 2,
                    fill_color=color if done else FAINT,
                    fill_opacity=0.8 if done else 0.35,
                )
                piece.move_to([(start + share / 2) * width, 0, 0])
                text = prefix if done else (f"{prefix}…" if prefix else whole)
                label = (
                    (
                        figure_text(text, size=STRONG_LABEL_SIZE, color=TEXT_COLOR)
                        if prefix
                        else zh(text, size=LABEL_SIZE, color=TEXT_COLOR)
                    )
                    .move_to(piece)
                    .set_z_index(1)
                )
                level.add(VGroup(piece, label))
                pieces[prefix] = level[-1]  # the last level's pieces are the words'
            self.levels.add(level)
        self.shares = VGroup(
            *[
                zh(s, size=LABEL_SIZE, color=color).next_to(pieces[w], DOWN, buff=0.08)
                for w, s in zip(words, share_labels)
            ]
        )
        self.add(self.levels, self.shares)


def coded_message(
    names: Sequence[str], words: Sequence[str], *, color=TEXT_COLOR, name_color=MUTED
) -> VGroup:
    """A message as its code words side by side, each outcome's name above its word.

    ``msg[0]`` are the names, ``msg[1]`` the words; ``joined(msg)`` closes the gaps (the bit
    string as sent), the layout as built shows where it is cut.
    """
    word_row = VGroup(
        *[figure_text(w, size=STRONG_LABEL_SIZE, color=color) for w in words]
    ).arrange(RIGHT, buff=0.35)
    name_row = VGroup(
        *[
            zh(n, size=LABEL_SIZE, color=name_color).next_to(w, UP, buff=0.15)
            for n, w in zip(names, word_row)
        ]
    )
    return VGroup(name_row, word_row)


def joined(message: VGroup) -> VGroup:
    """The words of :func:`coded_message` without gaps: the bits as they are sent."""
    words = message[1].copy()
    return words.arrange(RIGHT, buff=0.04).move_to(message[1])


class SignedBars(VGroup):
    """Values drawn as bars up from a zero line (positive) or down from it (negative), one per x.

    Parts: ``zero`` (the line), ``bars`` and ``values`` (each figure above or below its bar,
    with its sign). ``unit`` is the height of 1 in scene units.
    """

    def __init__(
        self,
        values,
        xs: Sequence[float],
        *,
        unit: float,
        bar_width: float,
        color=KL_COLOR,
        decimals: int = 2,
        label_size: float = SMALL_SIZE,
        y: float = 0.0,
    ):
        super().__init__()
        self.data = np.asarray(values, dtype=float)
        if self.data.shape != (len(xs),) or not np.all(np.isfinite(self.data)):
            raise ValueError(
                f"need one finite value per position: {len(xs)} positions, values "
                f"{self.data.tolist()}"
            )
        left, right = xs[0] - bar_width, xs[-1] + bar_width
        self.zero = Line([left, y, 0], [right, y, 0], color=MUTED, stroke_width=2)
        self.bars, self.values = VGroup(), VGroup()
        for x, v in zip(xs, self.data):
            height = max(abs(v) * unit, _MIN_HEIGHT)
            bar = Rectangle(
                width=bar_width, height=height, stroke_width=0, fill_color=color, fill_opacity=0.85
            )
            bar.move_to([x, y, 0], aligned_edge=DOWN if v >= 0 else UP)
            label = figure_text(
                f"{v:+.{decimals}f}".replace("-", "−"), size=label_size, color=color
            )
            label.next_to(bar, UP if v >= 0 else DOWN, buff=0.08)
            self.bars.add(bar)
            self.values.add(label)
        self.add(self.zero, self.bars, self.values)

    @property
    def total(self) -> float:
        return float(self.data.sum())


def grow_direction(value: float):
    """The edge a signed bar grows from (for ``GrowFromEdge``): its foot on the zero line."""
    return DOWN if value >= 0 else UP
