"""Section 2 — 基础铺垫：信息量与熵

Surprise, built the way a learner needs it: first by intuition (the sun rising in the east or
the west, a face of a die), then a first try (one over the probability), then the reason it
fails (ten sixes in a row: surprises should add, 1/P multiplies), then the logarithm that turns
products into sums, and only then the definition -log₂ P on the same axes, where a certain
event sits at 0 and an impossible one shoots up. The bit is grounded in a fair coin. Entropy
is the average surprise, drawn as an area: blocks as wide as each probability and as tall as
its surprise, for the fair die, the loaded die, and a die whose distribution changes live.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    Rectangle,
    ReplacementTransform,
    Transform,
    ValueTracker,
    VGroup,
    Write,
    config,
    smooth,
)

import infotheory as it
from scenes.kit.codes import CodeBlocks
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.examples import current
from scenes.kit.figures import figure_axes, figure_text
from scenes.kit.mobjects import DieFace, Readout
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BODY_SIZE,
    EDGE,
    ENTROPY_COLOR,
    FADE_OUT_TIME,
    GAP,
    HEADING_SIZE,
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    SAFE_MARGIN,
    SECTION_GAP,
    TEXT_COLOR,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, en_num, fmt_num, shown_equation, zh_count
from scenes.kit.weather import sunny_day

# --- the examples -------------------------------------------------------------------------
ROLLS = current().dice.rolls  # sixes in a row
FACE = float(FAIR_DIE[0])  # one face of a fair die
INVERSE_FACE = round(1 / FACE)  # its 1/P: the first try
I_FACE = float(it.self_information(FACE))  # its surprise in bits
ADDED = ROLLS * INVERSE_FACE  # ten 1/Ps added up
MULTIPLIED = INVERSE_FACE**ROLLS  # 1/P of ten sixes: a product
I_ROLLS = float(it.self_information(FACE**ROLLS))  # the surprise of ten sixes, in bits
(FACE_SHOWN,), ROLLS_RELATION, ROLLS_SHOWN = shown_equation(
    [I_FACE], lambda xs: ROLLS * xs[0], I_ROLLS
)
COIN = 0.5
I_COIN = float(it.self_information(COIN))  # one bit
QUESTIONS = (math.floor(I_FACE), math.ceil(I_FACE))  # yes/no questions per roll lie between
H_FAIR = float(it.entropy(FAIR_DIE))
H_LOADED = float(it.entropy(LOADED_DIE))
I_LOADED = it.self_information(LOADED_DIE)  # each face's surprise on the loaded die
ONE_SHARE_ZH, ONE_SHARE_EN = (
    ("一半", "half the time")
    if LOADED_DIE[0] == 0.5
    else (f"{LOADED_DIE[0]:.0%}", f"{LOADED_DIE[0]:.0%} of the time")
)
CERTAIN = np.array([1.0] + [0.0] * (SIDES - 1))
H_CERTAIN = float(it.entropy(CERTAIN))
I_IMPOSSIBLE = float(it.self_information(0.0))
P_MIN = 2.0**-8  # left end of the surprise curve
X_EAST, X_WEST = 0.98, 0.02  # the sun rising in the east: nearly sure; in the west
WEST_SURPRISE = float(it.self_information(X_WEST))  # where the west-rising sun sits on -log2 P
S1_DRY = round(1 - current().forecast.rain, 2)  # section 1's sunny day, as the forecast saw it


def prob_label(p: float) -> str:
    """A probability as shown under its block: ``1/6`` for a fair die's face, else two decimals."""
    if (
        p > 0
        and abs(1 / p - round(1 / p)) < 1e-9
        and round(1 / p) > 2
        and abs(1 / p - SIDES) < 1e-9
    ):
        return f"1/{round(1 / p)}"  # a fair die's face: 0.17 would not add up to one
    return fmt_num(p)


def surprise_blocks(dist, width: float = 7.6, unit: float = 0.72) -> CodeBlocks:
    """A die's faces as blocks as wide as their probability and as tall as their surprise (bits).

    A face that cannot come up has no width, and no block (0 · log 0 = 0): its labels are hidden.
    """
    dist = np.asarray(dist, dtype=float)
    possible = dist > 0
    heights = np.where(possible, it.self_information(np.where(possible, dist, 1.0)), 0.0)
    # a value is written inside its block when the block has room for it
    blocks = CodeBlocks(
        dist,
        heights,
        [fmt_num(h) if h * unit > 0.4 else " " for h in heights],
        [f"{f}点" for f in FACES],
        prob_labels=[prob_label(p) for p in dist],
        width=width,
        unit=unit,
        max_bits=4,
        y_label="意外（比特）",
    )
    for k in np.flatnonzero(~possible):
        for part in (blocks.words[k], blocks.names[k], blocks.probs_shown[k]):
            part.set_opacity(0)
    # blocks too narrow for their value: the equal ones share one label above them ("各 3.32")
    narrow = [
        k
        for k in range(len(dist))
        if possible[k] and blocks.words[k].width > 0.9 * blocks.blocks[k].width
    ]
    if narrow:
        for k in narrow:
            blocks.words[k].set_opacity(0)
        shared = zh(f"各 {fmt_num(heights[narrow[0]])}", size=LABEL_SIZE, color=TEXT_COLOR)
        shared.next_to(VGroup(*[blocks.blocks[k] for k in narrow]), UP, buff=0.12)
        blocks.words.add(shared)
    return blocks


class SurpriseAndEntropy(SectionScene):
    section = "s2"

    def construct(self):
        self.show_title_card()
        self.surprise_by_intuition()
        self.first_try_one_over_p()
        self.ten_sixes_in_a_row()
        self.the_logarithm()
        self.define_surprise()
        self.the_bit()
        self.entropy_is_the_average()
        self.loaded_die()
        self.morph_the_die()
        self.hand_over()

    # --- the stage: surprise against probability on the left, the argument on the right ----
    def _stage(self):
        axes = figure_axes([0, 1, 0.25], [0, 8, 2], x_length=5.2, y_length=4.6)
        x_label = zh("概率 p", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.4)
        y_label = zh("意外", size=LABEL_SIZE, color=ACCENT).next_to(axes.y_axis, UP, buff=0.2)
        plot = VGroup(axes, x_label, y_label)
        plot.to_edge(LEFT, buff=EDGE + 0.3).to_edge(UP, buff=EDGE)
        self.axes, self.plot, self.y_label = axes, plot, y_label
        self.y_ticks = axes.y_axis.labels  # no numbers on "surprise" until there is a measure
        self.y_ticks.set_opacity(0)
        right = config.frame_width / 2 * (1 - 2 * SAFE_MARGIN) - 0.1  # inside the title-safe area
        # the argument's column centre
        self.column_x = (plot.get_right()[0] + WIDE_GAP / 2 + right) / 2
        self.column_width = right - plot.get_right()[0] - WIDE_GAP / 2

    def _in_column(self, mob, y: float = 1.0):
        if mob.width > self.column_width:
            mob.scale_to_fit_width(self.column_width)
        return mob.move_to([self.column_x, y, 0])

    def _point(self, x: float, y: float, label: str, color, direction=RIGHT, buff: float = 0.15):
        dot = Dot(self.axes.c2p(x, y), color=color, radius=0.09)
        text = zh(label, size=LABEL_SIZE, color=color).next_to(dot, direction, buff=buff)
        return VGroup(dot, text)

    # --- 1 ----------------------------------------------------------------------------
    def surprise_by_intuition(self):
        self._stage()
        east = VGroup(sunny_day(0.9), zh("太阳从东边升起", size=LEAD_SIZE)).arrange(RIGHT, buff=0.3)
        west = VGroup(sunny_day(0.9), zh("太阳从西边升起", size=LEAD_SIZE, color=ACCENT)).arrange(
            RIGHT, buff=0.3
        )
        suns = VGroup(east, west).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        self._in_column(suns, 1.2)
        east_dot = self._point(X_EAST, 0.25, "东升", TEXT_COLOR, UP)
        west_dot = self._point(X_WEST, WEST_SURPRISE, "西升", ACCENT, RIGHT)
        west_arrow = Arrow(
            west_dot[0].get_center(),
            self.axes.c2p(X_WEST, 8.3),
            buff=0.05,
            color=ACCENT,
            stroke_width=5,
        )
        rule = zh("越不可能，越意外", size=HEADING_SIZE, color=ACCENT).next_to(
            suns, DOWN, buff=WIDE_GAP
        )
        self.east, self.west = VGroup(east_dot[0]), VGroup(west_dot[0], west_arrow)

        with self.narrate(
            "太阳天天从东边升起，没人意外；哪天从西边升起，就是天大的新闻。",
            en="The sun rises in the east every day, and nobody is surprised; a sunrise in the "
            "west would be huge news.",
            hold=0.8,
        ) as beat:
            self.play(Create(self.axes), FadeIn(self.plot[1:]), FadeIn(east), run_time=1.2)
            self.play(FadeIn(east_dot, scale=2), run_time=0.6)
            beat.wait_until("哪天从西边")
            self.play(FadeIn(west), FadeIn(west_dot, scale=2), GrowArrow(west_arrow), run_time=1.2)
            self.play(FadeIn(rule, shift=UP * 0.1), run_time=0.8)
        self.column = VGroup(suns, rule)
        self.point_labels = VGroup(east_dot[1], west_dot[1])

    def first_try_one_over_p(self):
        die = DieFace(5, size=1.1)
        ask = zh("意外 = ？", size=HEADING_SIZE, color=ACCENT)
        guess = VGroup(
            zh("第一个想法：", size=BODY_SIZE, color=MUTED), tex(r"\frac{1}{P}", size=HEADING_SIZE)
        ).arrange(RIGHT, buff=0.2)
        self._in_column(VGroup(die, ask).arrange(RIGHT, buff=GAP), 1.4)
        guess.next_to(VGroup(die, ask), DOWN, buff=SECTION_GAP)
        face_line = self.axes.get_vertical_line(self.axes.c2p(FACE, 8), color=MUTED, stroke_width=2)
        inverse = self.axes.plot(lambda p: 1 / p, x_range=[1 / 8, 1, 0.005], color=ACCENT)
        face_dot = self._point(FACE, INVERSE_FACE, f"1/{SIDES} → {INVERSE_FACE}", ACCENT)
        east_on_curve = Dot(self.axes.c2p(X_EAST, 1 / X_EAST), color=TEXT_COLOR, radius=0.09)

        with self.narrate(
            f"骰子每面 1/{SIDES}，掷出哪面都一样意外。可意外该怎么算？",
            en=f"Each face of a die has probability 1/{SIDES}; every face is equally surprising. "
            "But how much, exactly?",
        ) as beat:
            self.play(
                FadeOut(self.column),
                FadeOut(self.point_labels),
                FadeOut(self.west),
                FadeIn(die),
                Create(face_line),
                run_time=1,
            )
            beat.wait_until("可意外")
            self.play(Write(ask), run_time=0.8)
        with self.narrate(
            f"最直接的想法，是用概率的倒数：1/{SIDES} 的事，意外就是 {INVERSE_FACE}。",
            en=f"The obvious first try: one over the probability. An event of 1/{SIDES} would "
            f"score {INVERSE_FACE}.",
            hold=0.8,
        ):
            self.play(FadeIn(guess), self.y_ticks.animate.set_opacity(1), run_time=0.8)
            self.play(Create(inverse), Transform(self.east[0], east_on_curve), run_time=1.5)
            self.play(FadeIn(face_dot), run_time=0.6)
        self.curve, self.face_dot, self.face_line = inverse, face_dot, face_line
        self.column = VGroup(die, ask, guess)

    # --- 2 ----------------------------------------------------------------------------
    def ten_sixes_in_a_row(self):
        dice = VGroup(*[DieFace(6, size=0.62) for _ in range(ROLLS)]).arrange_in_grid(
            cols=min(ROLLS, 6), buff=0.12
        )
        should = VGroup(
            zh("应该相加：", size=BODY_SIZE, color=MUTED),
            zh(f"{zh_count(ROLLS)}次的意外 = {ROLLS} × 一次的意外", size=BODY_SIZE, color=ACCENT),
        ).arrange(RIGHT, buff=0.2)
        but = VGroup(
            zh("倒数却是连乘：", size=BODY_SIZE, color=MUTED),
            VGroup(
                tex(rf"{INVERSE_FACE}^{{{ROLLS}}} =", size=HEADING_SIZE),
                figure_text(f"{MULTIPLIED:,}", size=LEAD_SIZE, color=ACCENT),
                tex(rf"\neq {ROLLS} \times {INVERSE_FACE}", size=HEADING_SIZE),
            ).arrange(RIGHT, buff=0.15),
        ).arrange(RIGHT, buff=0.2)
        argument = VGroup(dice, should, but).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        self._in_column(argument, 1.1)

        with self.narrate(
            f"连着掷出{zh_count(ROLLS)}个六点呢？每次互不影响，意外应该加起来，"
            f"是{zh_count(ROLLS)}倍；倒数却要连乘：{INVERSE_FACE}的{ROLLS}次方。",
            en=f"But what about {ROLLS} sixes in a row? The rolls don't affect each other, so "
            f"surprise should add up: {ROLLS} times as much. One over P multiplies instead: "
            f"{INVERSE_FACE} to the power {ROLLS}.",
            hold=1.0,
        ) as beat:
            self.play(FadeOut(self.column), FadeIn(dice, lag_ratio=0.15), run_time=1.5)
            beat.wait_until("意外应该")
            self.play(FadeIn(should, shift=UP * 0.1), run_time=0.8)
            beat.wait_until("倒数却要")
            self.play(FadeIn(but, shift=UP * 0.1), run_time=0.8)
        self.column = argument

    def the_logarithm(self):
        first = tex(
            rf"\log_2 {INVERSE_FACE}^{{{ROLLS}}}",
            "=",
            rf"{ROLLS} \times \log_2 {INVERSE_FACE}",
            size=HEADING_SIZE,
        )
        second = tex(
            "=",
            rf"{ROLLS} \times {FACE_SHOWN}",
            "=" if ROLLS_RELATION == "=" else r"\approx",
            ROLLS_SHOWN,
            size=HEADING_SIZE,
        )
        second.next_to(first, DOWN, buff=GAP)
        # the equals signs in one column
        second.shift(RIGHT * (first[1].get_x() - second[0].get_x()))
        equation = VGroup(first, second)
        note = zh(f"对数：连乘变相加，正好是 {ROLLS} × 一次", size=LEAD_SIZE, color=ACCENT)
        block = VGroup(note, equation).arrange(DOWN, buff=GAP)
        self._in_column(block, 0)
        block.next_to(self.column[1], DOWN, buff=SECTION_GAP).set_x(self.column_x)
        with self.narrate(
            f"对数恰好把连乘变成相加：{INVERSE_FACE}的{ROLLS}次方取对数，等于{zh_count(ROLLS)}个 "
            f"log 二、{INVERSE_FACE}相加，{'就是' if ROLLS_RELATION == '=' else '约'} "
            f"{ROLLS_SHOWN}。",
            en=f"A logarithm turns that product into a sum: the log of {INVERSE_FACE} to the "
            f"{ROLLS} is {ROLLS} logs of {INVERSE_FACE} added up, "
            f"{'exactly' if ROLLS_RELATION == '=' else 'about'} {ROLLS_SHOWN}.",
            hold=1.2,
        ) as beat:
            self.play(FadeOut(self.column[2]), FadeIn(note), run_time=0.8)
            self.play(Write(equation), run_time=beat.until_end(minimum=1.5))
        self.column = VGroup(self.column[0], self.column[1], block)

    # --- 3 ----------------------------------------------------------------------------
    def define_surprise(self):
        definition = tex(r"I(x) = \log_2 \frac{1}{P(x)} = -\log_2 P(x)", size=HEADING_SIZE)
        name = zh("意外，也叫信息量", size=LEAD_SIZE, color=ACCENT)
        self._in_column(VGroup(name, definition).arrange(DOWN, buff=GAP), 2.2)
        curve = self.axes.plot(
            lambda p: float(it.self_information(p)), x_range=[P_MIN, 1, 0.002], color=ACCENT
        )
        unit = zh("意外（比特）", size=LABEL_SIZE, color=ACCENT).move_to(
            self.y_label, aligned_edge=LEFT
        )
        sure = Dot(self.axes.c2p(1.0, 0.0), color=TEXT_COLOR, radius=0.09)
        # above its point: the curve comes in from the upper left, nearly flat, so nothing is there
        sure_label = zh("必然：0", size=LABEL_SIZE).next_to(sure, UP, buff=0.25)
        never = VGroup(
            Dot(self.axes.c2p(X_WEST, WEST_SURPRISE), color=ACCENT, radius=0.09),
            Arrow(
                self.axes.c2p(X_WEST, WEST_SURPRISE),
                self.axes.c2p(X_WEST, 8.3),
                buff=0.05,
                color=ACCENT,
                stroke_width=5,
            ),
        )
        never_label = (
            zh(f"不可能：{fmt_num(I_IMPOSSIBLE)}", size=LABEL_SIZE, color=ACCENT)
            .next_to(never[1], RIGHT, buff=0.15)
            .align_to(never[1], UP)
        )
        # 1/6 above right of its point; the sunny day's label out to the lower right, in
        # the empty space under the curve, joined to its point by a short line
        face_dot = self._point(FACE, I_FACE, f"1/{SIDES}", ACCENT, UP + RIGHT, 0.05)
        sunny_bits = float(it.self_information(S1_DRY))
        sunny_dot = Dot(self.axes.c2p(S1_DRY, sunny_bits), color=Q_COLOR, radius=0.09)
        sunny_text = zh(
            f"晴天 {S1_DRY:.0%} → {fmt_num(sunny_bits)}", size=LABEL_SIZE, color=Q_COLOR
        ).next_to(self.axes.c2p(S1_DRY + 0.22, sunny_bits - 0.4), RIGHT, buff=0)
        leader = Line(
            sunny_dot.get_center(), sunny_text.get_left(), color=Q_COLOR, stroke_width=2, buff=0.12
        )
        sunny = VGroup(sunny_dot, sunny_text, leader)
        # the guide at 1/6 ends at its point (it reached the top, through the labels there)
        face_guide = self.axes.get_vertical_line(
            self.axes.c2p(FACE, I_FACE), color=MUTED, stroke_width=2
        )

        with self.narrate(
            "所以，意外定义为概率倒数的对数，也就是负的 log 二、P，也叫信息量。",
            en="So surprise is defined as the log of one over the probability: minus log two of P, "
            "also called information.",
            hold=1.0,
        ):
            self.play(FadeOut(self.column), Write(definition), FadeIn(name), run_time=1.5)
            self.play(
                Transform(self.curve, curve),
                ReplacementTransform(self.y_label, unit),
                ReplacementTransform(self.face_dot, face_dot),
                Transform(self.face_line, face_guide),
                Transform(self.east[0], sure),
                run_time=1.5,
            )
        self.y_label, self.face_dot = unit, face_dot
        with self.narrate(
            f"必然的事，意外是零；越不可能越意外，掷出七点这种事，意外{fmt_num(I_IMPOSSIBLE)}。"
            f"开头那个晴天，概率 {S1_DRY:.0%}，它的意外正是 "
            f"{bits(float(it.self_information(S1_DRY)))}。",
            en="A sure thing has exactly zero surprise; the less likely, the bigger; an "
            f"impossible roll, like a seven, has a surprise of {en_num(I_IMPOSSIBLE)}. The "
            f"opening's sunny day, {S1_DRY:.0%} likely, is "
            f"{en_bits(float(it.self_information(S1_DRY)))}.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(sure_label), Indicate(self.east[0]), run_time=1.0)
            beat.wait_until("越不可能")
            self.play(FadeIn(never), FadeIn(never_label), run_time=1.2)
            beat.wait_until("开头那个晴天")
            self.play(FadeIn(sunny, scale=1.5), run_time=1)
        self.column = VGroup(name, definition)
        self.marks = VGroup(sure_label, never, never_label, sunny)

    def the_bit(self):
        rim = Circle(0.45, color=ACCENT, fill_opacity=0.25)
        coin = VGroup(rim, zh("正", size=LEAD_SIZE).move_to(rim))
        coin_dot = self._point(COIN, I_COIN, "", P_COLOR, UP)
        coin_line = VGroup(
            coin, zh(f"{fmt_num(I_COIN, 0)} 比特 = 一个是非题", size=LEAD_SIZE, color=P_COLOR)
        ).arrange(RIGHT, buff=GAP)
        die_line = VGroup(
            DieFace(5, size=0.9), zh(f"{bits(I_FACE)}", size=LEAD_SIZE, color=ACCENT)
        ).arrange(RIGHT, buff=GAP)
        lines = VGroup(coin_line, die_line).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        self._in_column(lines, -0.9)
        with self.narrate(
            f"单位是比特：公平硬币正反各半，意外正好 {fmt_num(I_COIN, 0)} 比特，相当于一个是非题。",
            en="The unit is the bit: a fair coin, heads or tails half the time, has a surprise of "
            f"exactly {fmt_num(I_COIN, 0)} bit, one yes-or-no question's worth.",
            hold=0.8,
        ):
            self.play(FadeIn(coin_line), FadeIn(coin_dot, scale=1.5), run_time=1.2)
        with self.narrate(
            f"骰子的一面是 {bits(I_FACE)}，平均说来，"
            f"介于{zh_count(QUESTIONS[0])}到{zh_count(QUESTIONS[1])}个是非题之间。",
            en=f"A face of a die is {en_bits(I_FACE)}: on average, between {QUESTIONS[0]} and "
            f"{QUESTIONS[1]} yes-or-no questions.",
            hold=1.0,
        ):
            self.play(FadeIn(die_line), Indicate(self.face_dot, color=ACCENT), run_time=1.2)
        self.stage = VGroup(
            self.plot,
            self.curve,
            self.east,
            self.face_dot,
            self.face_line,
            self.marks,
            coin_dot,
            self.y_label,
        )
        self.column = VGroup(self.column, lines)

    # --- 4 ----------------------------------------------------------------------------
    def entropy_is_the_average(self):
        blocks = surprise_blocks(FAIR_DIE)
        formula = tex(r"H(P) = \sum_x P(x) \cdot \left(-\log_2 P(x)\right)", size=HEADING_SIZE)
        words = VGroup(
            zh("宽 = 概率", size=BODY_SIZE, color=P_COLOR),
            zh("高 = 意外", size=BODY_SIZE, color=ACCENT),
            zh("面积 = 熵", size=BODY_SIZE, color=ENTROPY_COLOR),
        ).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        self.h = ValueTracker(H_FAIR)
        readout = Readout(
            r"H", lambda: self.h.get_value(), value=H_FAIR, color=ENTROPY_COLOR, size=HEADING_SIZE
        )
        side = VGroup(words, readout).arrange(DOWN, buff=WIDE_GAP, aligned_edge=LEFT)
        VGroup(blocks, side).arrange(RIGHT, buff=SECTION_GAP)
        picture = VGroup(formula, VGroup(blocks, side)).arrange(DOWN, buff=SECTION_GAP)
        picture.scale_to_fit_width(
            min(picture.width, config.frame_width * (1 - 2 * SAFE_MARGIN) - 0.4)
        )
        picture.move_to(0).to_edge(UP, buff=EDGE + 0.2)
        first = VGroup(blocks.blocks[0], blocks.words[0], blocks.names[0], blocks.probs_shown[0])
        rest = VGroup(
            *[
                VGroup(blocks.blocks[k], blocks.words[k], blocks.names[k], blocks.probs_shown[k])
                for k in range(1, SIDES)
            ]
        )
        with self.narrate(
            "把意外按概率取平均，就是熵。画成柱子：宽是概率，高是意外，熵就是面积。",
            en="Average each outcome's surprise, weighted by its probability: that's entropy. As "
            "bars: as wide as the probability, as tall as the surprise, and entropy is the "
            "total area.",
        ) as beat:
            self.play(
                FadeOut(VGroup(self.stage, self.column)),
                FadeIn(blocks.axes),
                FadeIn(blocks.y_label),
                FadeIn(blocks.grid),
                run_time=1,
            )
            self.play(
                FadeIn(first, shift=UP * 0.2),
                FadeIn(words[:2]),
                run_time=beat.until("画成柱子", minimum=1.2),
            )
            self.play(FadeIn(rest, lag_ratio=0.2), run_time=beat.until("熵就是", minimum=1.2))
            self.play(blocks.blocks.animate.set_fill(ENTROPY_COLOR), FadeIn(words[2]), run_time=1)
        with self.narrate(
            f"公平骰子每面都是 {bits(I_FACE)}，平均下来，熵还是 {bits(H_FAIR)}。",
            en=f"On a fair die every face is {en_bits(I_FACE)}, so the entropy is "
            f"{en_bits(H_FAIR)} too.",
            hold=1.2,
        ):
            self.play(
                FadeIn(readout),
                Write(formula),
                blocks.blocks.animate.set_fill(P_COLOR),
                run_time=1.5,
            )
        self.blocks, self.side, self.readout = blocks, VGroup(formula, side), readout

    def _on_axes(self, dist) -> CodeBlocks:
        """The blocks of ``dist`` placed on the axes on screen (origin on origin).

        Not by their outline: another distribution's labels (``1/6``, ``0.50``) change it.
        """
        new = surprise_blocks(dist)
        return new.shift(self.blocks.axes.c2p(0, 0) - new.axes.c2p(0, 0))

    def _swap_to(self, dist) -> ReplacementTransform:
        """The blocks of another distribution replacing the ones on screen (the axes stay)."""
        new = self._on_axes(dist)
        self.current, old = new, self.drawn
        self.drawn = VGroup(new.blocks, new.words, new.names, new.probs_shown)
        return ReplacementTransform(old, self.drawn)

    def loaded_die(self):
        self.current = self.blocks
        self.drawn = VGroup(
            self.blocks.blocks, self.blocks.words, self.blocks.names, self.blocks.probs_shown
        )
        with self.narrate(
            f"作弊骰子一点出现{ONE_SHARE_ZH}：那一面意外只有 {bits(I_LOADED[0])}，其余各 "
            f"{bits(I_LOADED[1])}；面积一算，熵是 {bits(H_LOADED)}，更好猜。",
            en=f"A loaded die rolls a one {ONE_SHARE_EN}: that face has a surprise of only "
            f"{en_bits(I_LOADED[0])}, the others {en_bits(I_LOADED[1])} each; the area, the "
            f"entropy, is {en_bits(H_LOADED)}: easier to guess.",
            hold=1.2,
        ) as beat:
            self.play(self._swap_to(LOADED_DIE), run_time=2)
            beat.wait_until("面积一算")
            self.play(self.h.animate.set_value(H_LOADED), run_time=1.2)
            self.play(Indicate(self.readout, color=ENTROPY_COLOR), run_time=1)

    def _morphing_bars(self, path) -> VGroup:
        """Bars recomputed from the distribution ``path()`` each frame: P(x) wide, -log₂ P(x) tall.

        A face whose surprise runs off the top of the axes is drawn to the top with an arrow on it;
        a face with probability 0 has no bar.
        """
        blocks = self.current
        axes, top = blocks.axes, blocks.axes.y_range[1]

        def draw(group):
            dist = path()
            left, bars = 0.0, []
            for p in dist:
                height = min(float(it.self_information(p)), top) if p > 1e-9 else 0.0
                bar = Rectangle(
                    width=max(p * (axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0]), 1e-3),
                    height=max(height * blocks.unit, 1e-3),
                    stroke_color="#000000",
                    stroke_width=2,
                    fill_color=P_COLOR,
                    fill_opacity=0.8 if p > 1e-9 else 0,
                )
                bar.move_to(axes.c2p(left, 0), aligned_edge=DOWN + LEFT)
                bars.append(bar)
                if p > 1e-9 and float(it.self_information(p)) > top:
                    bars.append(
                        Arrow(
                            bar.get_top() + DOWN * 0.35,
                            bar.get_top() + UP * 0.25,
                            buff=0,
                            color=ACCENT,
                            stroke_width=4,
                            max_tip_length_to_length_ratio=0.5,
                        )
                    )
                left += p
            group.become(VGroup(*bars))

        bars = VGroup()
        draw(bars)
        bars.add_updater(draw)
        return bars

    def morph_the_die(self):
        t = ValueTracker(0.0)
        bars = self._morphing_bars(lambda: it.mixture(LOADED_DIE, CERTAIN, t.get_value()))
        self.readout.clear_updaters()
        self.readout.follow(
            lambda: float(it.entropy(it.mixture(LOADED_DIE, CERTAIN, t.get_value())))
        )
        with self.narrate(
            "越偏向一面，熵越小：其余几面越来越罕见，又高又窄；一面必然出现时，熵是 "
            f"{bits(H_CERTAIN)}。",
            en="The more the die leans to one face, the lower the entropy: the other faces grow "
            "rare, tall and thin; when one face is certain, no suspense at all, it is "
            f"{en_bits(H_CERTAIN)}.",
            hold=1.5,
        ) as beat:
            self.add(bars)
            self.play(FadeOut(self.drawn), run_time=0.5)
            self.play(
                t.animate.set_value(1.0), run_time=beat.until_end(minimum=2.0), rate_func=smooth
            )
        bars.clear_updaters()
        s = ValueTracker(0.0)
        back = self._morphing_bars(lambda: it.mixture(CERTAIN, FAIR_DIE, s.get_value()))
        self.readout.clear_updaters()
        self.readout.follow(lambda: float(it.entropy(it.mixture(CERTAIN, FAIR_DIE, s.get_value()))))
        with self.narrate(
            "回到公平骰子，熵最大。",
            en="Back to a fair die, and it is at its largest.",
            hold=0.8,
        ) as beat:
            self.remove(bars)
            self.add(back)
            self.play(
                s.animate.set_value(1.0), run_time=beat.until_end(minimum=1.5), rate_func=smooth
            )
        back.clear_updaters()
        self.readout.clear_updaters()
        fair = self._on_axes(FAIR_DIE)
        self.current = fair
        self.drawn = VGroup(fair.blocks, fair.words, fair.names, fair.probs_shown)
        self.play(
            ReplacementTransform(back, fair.blocks),
            FadeIn(VGroup(fair.words, fair.names, fair.probs_shown)),
            run_time=0.6,
        )

    # --- 5 ----------------------------------------------------------------------------
    def hand_over(self):
        # back to the loaded die, the truth of the next section, its guess the fair die: P blue,
        # the guess's surprises orange dashed (a flat 2.58 bits, the cross-entropy section 3 finds)
        u = ValueTracker(0.0)
        back = self._morphing_bars(lambda: it.mixture(FAIR_DIE, LOADED_DIE, u.get_value()))
        self.readout.follow(
            lambda: float(it.entropy(it.mixture(FAIR_DIE, LOADED_DIE, u.get_value())))
        )
        loaded = self._on_axes(LOADED_DIE)
        wrong = loaded.outline(it.self_information(FAIR_DIE), color=Q_COLOR)
        label = zh("按猜错的分布算意外？", size=BODY_SIZE, color=Q_COLOR).next_to(
            self.side[0], DOWN, buff=0.25
        )
        with self.narrate(
            "可要是把分布猜错了，要付出多少代价？",
            en="But what if we guess the distribution wrong? What does that cost?",
        ) as beat:
            self.add(back)
            self.play(FadeOut(self.drawn), run_time=0.4)
            self.play(u.animate.set_value(1.0), run_time=1.2, rate_func=smooth)
            back.clear_updaters()
            self.readout.clear_updaters()
            self.play(
                ReplacementTransform(back, loaded.blocks),
                FadeIn(VGroup(loaded.words, loaded.names, loaded.probs_shown)),
                run_time=0.5,
            )
            self.play(Create(wrong), run_time=beat.until_end(minimum=1.0))
            self.play(FadeIn(label), run_time=0.6)
        self.drawn = VGroup(loaded.blocks, loaded.words, loaded.names, loaded.probs_shown)
        self.play(
            FadeOut(VGroup(self.blocks, self.drawn, self.side, wrong, label)),
            run_time=FADE_OUT_TIME,
        )
