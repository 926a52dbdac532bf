"""Section 3 — 交叉熵：当你的假设错了

The question first, on the loaded die of section 2: its true P, and a guess Q (a fair die) for a
player who cannot see P. What does the wrong guess cost? Why a probability becomes a number of
bits: four outcomes with probabilities 1/2, 1/4, 1/8, 1/8 get real code words (0, 10, 110, 111),
each as long as -log2 of its probability; drawn as blocks as wide as the probability and as tall
as the code length, their area is the entropy. A code book built for a wrong belief Q changes the
heights and not the widths: the area becomes the cross-entropy (1.75 stays beside it as a ghost),
and the area it adds is what section 4 calls the KL divergence. Why -log2 q: a word one bit
longer takes half as much of the code space (Olah's strip), so an outcome given a share q is
-log2 q long, for any probability (fractional, reached on average over long messages). Then the
die, H(P, Q) built term by term (a uniform code book costs log2 6 per face whatever the truth).
P itself is not needed: the average surprise of what actually happened (section 1's weather
record) comes close to the cross-entropy over enough days. Last, the gap to H(P) on a plot whose
axis is Q's belief in face one, Q drifting away from P (cross-entropy soars) and back (it lands
on H(P)), and the gap at the fair die handed to section 4.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    AnimationGroup,
    Axes,
    Brace,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    MathTex,
    ReplacementTransform,
    Succession,
    SurroundingRectangle,
    Text,
    TracedPath,
    ValueTracker,
    VGroup,
    Write,
    linear,
    smooth,
)

import infotheory as it
from infotheory.coding import (
    average_length,
    code_lengths,
    ideal_code_lengths,
    kl_contributions,
    prefix_code,
)
from scenes.kit.codes import CodeBlocks, CodeSpace, coded_message, joined
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.examples import current
from scenes.kit.figures import Figure, figure_axes, figure_text
from scenes.kit.mobjects import (
    DieFace,
    ProbabilityChart,
    Readout,
    gap_marker,
    legend_entry,
    pq_legend,
)
from scenes.kit.record import Forecaster, SurpriseRecord
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    CAPTION_SIZE,
    EDGE,
    ENTROPY_COLOR,
    FADE_OUT_TIME,
    FIGURE_BESIDE_TEX,
    FORMULA_SIZE,
    GAP,
    HEADING_SIZE,
    KL_COLOR,
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    ROW_GAP,
    SECTION_GAP,
    STRONG_LABEL_SIZE,
    TOP_ROW,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, en_num, fmt_num, number_to_chinese, shown_equation
from scenes.kit.weather import RAIN, day_icon

# --- the code words: four outcomes whose probabilities are powers of 1/2 -----------------
CODE_P = np.array([0.5, 0.25, 0.125, 0.125])
CODE_Q = it.uniform(len(CODE_P))  # the wrong belief: all four equally likely
CODE_NAMES = ("甲", "乙", "丙", "丁")
CODE_FRACTIONS = [f"1/{round(1 / p)}" for p in CODE_P]  # "1/2", … (exact: powers of 1/2)
Q_FRACTION = f"1/{round(1 / CODE_Q[0])}"
OWN_LENGTHS = code_lengths(CODE_P)  # 1, 2, 3, 3 bits = -log2 P(x)
OWN_WORDS = prefix_code(CODE_P)  # 0, 10, 110, 111
WRONG_LENGTHS = code_lengths(CODE_Q)  # 2, 2, 2, 2
WRONG_WORDS = prefix_code(CODE_Q)  # 00, 01, 10, 11
CODE_H = average_length(CODE_P, OWN_LENGTHS)  # the blocks' area: the entropy, 1.75 bits
CODE_HPQ = average_length(CODE_P, WRONG_LENGTHS)  # with the wrong code book: the cross-entropy
CODE_TERMS = kl_contributions(CODE_P, CODE_Q)  # the area each outcome adds (+) or saves (-)
CODE_KL = float(CODE_TERMS.sum())  # the area added in all: D(P||Q)
MESSAGE = (0, 1, 0, 3)  # 甲乙甲丁, sent as one string of bits

# --- the die ------------------------------------------------------------------------------
P = LOADED_DIE
Q = FAIR_DIE
OTHERS = SIDES - 1  # the faces besides face one
#: face one's share said in words ("一点 0.5" is heard as a number): half, or a percentage
ONE_SHARE_ZH, ONE_SHARE_EN = (
    ("一半", "half the time") if P[0] == 0.5 else (f"{P[0]:.0%}", f"{P[0]:.0%} of the time")
)
#: Q drifts along the straight line from P through the fair die, parameter d: d = 0 is P
#: itself, d = 1 the point where that line reaches P(face 1) = 0, a die that "never" shows a 1.
STRETCH = P[0] / (P[0] - Q[0])  # how far past the fair die that point lies
NEVER_ONE = np.clip(P + STRETCH * (Q - P), 0.0, None)  # clip: rounding must not go below 0
D_FAIR = 1 / STRETCH  # where the fair die sits on the path
D_MAX = 0.97
#: the drift plot's axis is Q's probability of face one, from P's own (d = 0) down to 0 (d = 1):
#: a tick at every tenth
ONE_TICKS = [k / 10 for k in range(int(np.floor(P[0] * 10 + 1e-9)) + 1)]

H_P = float(it.entropy(P))
H_PQ = float(it.cross_entropy(P, Q))
GAP_BITS = float(it.kl_divergence(P, Q))
CODE_LEN_Q = ideal_code_lengths(Q)  # code length of each face under Q's code book
CODE_LEN_P = ideal_code_lengths(P)  # ... and under the true code book
TERMS = P * CODE_LEN_Q  # P(x) * (-log2 Q(x))
#: the table's products and total, with digits (or ≈) such that the sum is true as displayed
TERMS_SHOWN, TOTAL_RELATION, TOTAL_SHOWN = shown_equation(TERMS, sum, H_PQ)
#: "about" when the shown products are rounded and do not add up to the shown total exactly
ABOUT_ZH, ABOUT_EN = ("约", "about ") if TOTAL_RELATION == "≈" else ("", "")

# --- the weather record of section 1 -------------------------------------------------------
RAIN_CHANCE = current().forecast.rain
FORECAST = (
    np.array([RAIN_CHANCE, 1 - RAIN_CHANCE])
    if RAIN == 0
    else np.array([1 - RAIN_CHANCE, RAIN_CHANCE])
)
DAYS = np.array(current().record.days)
RECORD_AVG = it.average_surprise(DAYS, FORECAST)


def q_at(d: float) -> np.ndarray:
    """The belief Q after drifting by ``d`` (see ``NEVER_ONE``)."""
    return it.mixture(P, NEVER_ONE, d)


def ce_at(d: float) -> float:
    return float(it.cross_entropy(P, q_at(d)))


def d_at_one(q_one: float) -> float:
    """Where on the drift Q gives face one the probability ``q_one``.

    It is the inverse of ``q_at(d)[0]``.
    """
    return float((P[0] - q_one) / (P[0] - NEVER_ONE[0]))


def entropy_green(formula):
    """Every ``H(P)`` part of a formula in the entropy's colour (write it as a part of its own)."""
    for part in formula.submobjects:
        if getattr(part, "tex_string", None) == r"H(P)":
            part.set_color(ENTROPY_COLOR)
    return formula


def formula_row(lhs: str, width: str, height: str):
    """``lhs = Σ width · (height)`` as separate pieces, so that each can be braced or swapped."""
    parts = VGroup(entropy_green(tex(lhs)), tex(r"=\sum_x"), tex(width), tex(r"\cdot"), tex(height))
    return parts.arrange(RIGHT, buff=0.18)


def braces_under(row: VGroup) -> VGroup:
    """Braces naming the two factors of a :func:`formula_row`: the block's width and its height."""
    width_brace = Brace(row[2], DOWN, buff=0.08, color=MUTED)
    height_brace = Brace(row[4], DOWN, buff=0.08, color=MUTED)
    return VGroup(
        width_brace,
        height_brace,
        zh("宽", size=LABEL_SIZE, color=MUTED).next_to(width_brace, DOWN, buff=0.08),
        zh("高：码长", size=LABEL_SIZE, color=MUTED).next_to(height_brace, DOWN, buff=0.08),
    )


class TermsTable(NamedTuple):
    """The die's chart, the table of H(P, Q)'s terms under it, and the running total's pieces."""

    chart: ProbabilityChart
    table: VGroup  # a row (header, cells) each for P(x), -log2 Q(x) and their product
    total: VGroup  # "累计", the running figure, "比特"
    named: MathTex  # "H(P, Q) =" (or ≈), which takes 累计's place once every face is in
    why: VGroup  # "= log2 6", and why: every face is as long
    rounded: Text  # said when the shown products do not add up to the shown total

    def column(self, i: int) -> VGroup:
        """A face's slot and its three cells, for the highlight."""
        return VGroup(
            self.chart.slots[i], self.chart.category_labels[i], *[row[1][i] for row in self.table]
        )


class DriftPlot(NamedTuple):
    """The drift's plot, and the marks shown on it later (placed with it)."""

    axes: Axes
    plot: VGroup  # the axes, their labels, the curve, the fair die's tick and name
    floor: DashedLine  # H(P), the entropy: the floor the curve comes down to
    floor_label: MathTex
    floor_value: Text
    gap: VGroup  # the purple bar from the floor up to the fair die
    gap_label: Text
    law: MathTex  # H(P, Q) ≥ H(P)


class CostOfAWrongBelief(SectionScene):
    section = "s3"

    def construct(self):
        self.show_title_card()
        self.bridge_from_entropy()
        self.show_code_words()
        self.entropy_is_an_area()
        self.wrong_code_book()
        self.any_probability()
        self.build_cross_entropy()
        self.from_data()
        self.drift_belief()
        self.hand_over_to_kl()

    # --- 1 ----------------------------------------------------------------------------
    def bridge_from_entropy(self):
        chart, p_bars, q_bars = self.dice_chart(
            height=3.4, slot_width=1.7, face_size=0.55, label_size=LABEL_SIZE
        )
        legend = pq_legend(
            "P：真实分布（作弊骰子）",
            "Q：你的假设",
            direction=RIGHT,
            buff=WIDE_GAP,
            size=STRONG_LABEL_SIZE,
        )
        VGroup(legend, chart).arrange(DOWN, buff=SECTION_GAP).move_to(UP * 0.4)
        # before they are known, each series is a question mark over its faces
        unknown = [
            VGroup(
                *[
                    zh("?", size=LEAD_SIZE, color=color)
                    .move_to(bar)
                    .align_to(chart.baseline, DOWN)
                    .shift(UP * 0.3)
                    for bar in series.bars
                ]
            )
            for series, color in ((p_bars, P_COLOR), (q_bars, Q_COLOR))
        ]
        growth = {P_COLOR: ValueTracker(0), Q_COLOR: ValueTracker(0)}
        for series, values, g in ((p_bars, P, growth[P_COLOR]), (q_bars, Q, growth[Q_COLOR])):
            series.set_values(values * 0).follow(lambda g=g, v=values: g.get_value() * v)
            # the value labels come in with their bars: no row of "0.00" at the start
            series.add_updater(lambda m, g=g: m.labels.set_opacity(g.get_value()))
        with self.narrate(
            f"现实中 P 常常未知。比如上一节的作弊骰子，一点朝上占{ONE_SHARE_ZH}；"
            "你不知道，只好假设 Q：当它公平。代价多大？",
            en="In reality P is often unknown. Take the last section's loaded die: a one comes up "
            f"{ONE_SHARE_EN}. You don't know that, so you assume some Q: a fair die. What does "
            "a wrong guess cost?",
            hold=0.8,
        ) as beat:
            self.play(
                FadeIn(chart.baseline),
                FadeIn(chart.category_labels, lag_ratio=0.1),
                FadeIn(legend[0]),
                FadeIn(unknown[0], lag_ratio=0.1),
                run_time=1,
            )
            beat.wait_until("比如上一节")
            self.add(p_bars)
            self.play(FadeOut(unknown[0]), growth[P_COLOR].animate.set_value(1), run_time=1.5)
            beat.wait_until("只好假设")
            self.play(FadeIn(legend[1]), FadeIn(unknown[1], lag_ratio=0.1), run_time=0.8)
            beat.wait_until("当它公平")
            self.add(q_bars)
            self.play(FadeOut(unknown[1]), growth[Q_COLOR].animate.set_value(1), run_time=1.2)
        for series in (p_bars, q_bars):
            series.clear_updaters()
        # the entropy's formula, in the "area" form of the next
        # beats, waits at the top with its braces
        self.formula = entropy_green(
            tex(r"H(P)", r"= -\sum_x P(x)\,\log_2 P(x)", size=BIG_FORMULA_SIZE * 0.8)
        )
        self.area_form = formula_row(r"H(P)", r"P(x)", r"\big(-\log_2 P(x)\big)").to_edge(
            UP, buff=TOP_ROW
        )
        self.braces = braces_under(self.area_form)
        self.formula.move_to(self.area_form)
        self.play(FadeOut(VGroup(chart, legend), shift=DOWN * 0.3), Write(self.formula), run_time=1)

    @staticmethod
    def dice_chart(height, slot_width, face_size, label_size=None, max_value=0.6):
        """P and Q as bars over the six faces; ``label_size=None``: no value labels."""
        chart = ProbabilityChart(
            [DieFace(n, size=face_size) for n in FACES],
            max_value=max_value,
            height=height,
            slot_width=slot_width,
        )
        shown = label_size is not None
        p_bars = chart.add_series(
            P, P_COLOR, show_values=shown, label_size=label_size or LABEL_SIZE
        )
        q_bars = chart.add_series(
            Q, Q_COLOR, show_values=shown, label_size=label_size or LABEL_SIZE
        )
        return chart, p_bars, q_bars

    # --- 2 ----------------------------------------------------------------------------
    def show_code_words(self):
        blocks = CodeBlocks(
            CODE_P,
            OWN_LENGTHS,
            OWN_WORDS,
            CODE_NAMES,
            prob_labels=CODE_FRACTIONS,
            width=6.4,
            unit=0.72,
            max_bits=4,
        )
        message = coded_message([CODE_NAMES[i] for i in MESSAGE], [OWN_WORDS[i] for i in MESSAGE])
        side_title = zh("连着发", size=LABEL_SIZE, color=MUTED)
        side = VGroup(side_title, message).arrange(DOWN, buff=GAP)
        VGroup(blocks, side).arrange(RIGHT, buff=WIDE_GAP).next_to(
            VGroup(self.area_form, self.braces), DOWN, buff=GAP
        )
        sent = joined(message)
        self.blocks = blocks

        with self.narrate(
            "四种结果，用 0 和 1 编码：概率每减半，码字就长一位。",
            en="Four outcomes coded in 0s and 1s: each time the probability halves, the code word "
            "gets one bit longer.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(VGroup(blocks.axes, blocks.grid, blocks.y_label)), run_time=0.8)
            self.play(
                LaggedStart(
                    *[FadeIn(VGroup(n, p)) for n, p in zip(blocks.names, blocks.probs_shown)],
                    lag_ratio=0.3,
                ),
                run_time=beat.until("概率每减半", minimum=1),
            )
            self.play(
                LaggedStart(
                    *[
                        AnimationGroup(GrowFromEdge(b, DOWN), FadeIn(w))
                        for b, w in zip(blocks.blocks, blocks.words)
                    ],
                    lag_ratio=0.5,
                ),
                run_time=2.5,
            )
        with self.narrate(
            "码字互不为开头，连着发也能切开。",
            en="No word starts another, so sent back to back they still cut apart.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(side_title), FadeIn(sent), run_time=0.8)
            # the bits stay run together until the words are cut apart
            beat.wait_until("也能切开")
            self.play(
                ReplacementTransform(sent, message[1]),
                FadeIn(message[0], shift=DOWN * 0.1),
                run_time=1.2,
            )
        self.play(FadeOut(side), run_time=FADE_OUT_TIME)

    # --- 3 ----------------------------------------------------------------------------
    def entropy_is_an_area(self):
        blocks = self.blocks
        area = VGroup(
            zh("面积", size=LEAD_SIZE),
            figure_text(CODE_H, size=LEAD_SIZE * 1.1),
            zh("比特", size=BODY_SIZE),
        ).arrange(RIGHT, buff=0.15)
        area[2].align_to(area[1], DOWN)
        area.next_to(blocks.axes, RIGHT, buff=GAP * 1.2).align_to(blocks.axes, UP).shift(DOWN * 0.9)
        equals = entropy_green(tex(r"=", r"H(P)", size=HEADING_SIZE)).next_to(area, DOWN, buff=GAP)
        equals.align_to(area, LEFT)
        self.area, self.area_equals = area, equals

        with self.narrate(
            f"宽是概率，高是码长，面积就是平均码长：{bits(CODE_H)}，正是熵。",
            en="Each block is as wide as its probability and as tall as its code; the total area "
            f"is the average code length: {en_bits(CODE_H)}, exactly the entropy.",
            hold=1.0,
        ) as beat:
            self.play(ReplacementTransform(self.formula, self.area_form), run_time=1)
            self.play(
                FadeIn(self.braces),
                Indicate(blocks.blocks, color=ACCENT, scale_factor=1.02),
                run_time=1.2,
            )
            beat.wait_until("面积就是")
            self.play(FadeIn(area), run_time=0.8)
            beat.wait_until("正是熵")
            self.play(FadeIn(equals), run_time=0.6)

    # --- 4 ----------------------------------------------------------------------------
    def wrong_code_book(self):
        blocks, area, equals = self.blocks, self.area, self.area_equals
        morph = ValueTracker(0.0)
        old = blocks.outline(OWN_LENGTHS)
        belief = legend_entry(Q_COLOR, f"Q：每种 {Q_FRACTION}", size=STRONG_LABEL_SIZE)
        belief.next_to(area, UP, buff=SECTION_GAP).align_to(area, LEFT)
        figure = Figure(CODE_H, size=LEAD_SIZE * 1.1).move_to(area[1], aligned_edge=LEFT)
        new_words = self.riding_words(blocks)
        added, saved = blocks.change(OWN_LENGTHS, WRONG_LENGTHS)
        cross_form, cross_braces, cross_equals = self.cross_entropy_names(self.area_form, equals)
        ghost, ghost_from = self.entropy_ghost(area, equals, cross_equals)
        extra = self.extra_bits().next_to(ghost, DOWN, buff=GAP * 1.2).align_to(area, LEFT)

        def lengths():
            t = morph.get_value()
            return (1 - t) * OWN_LENGTHS + t * WRONG_LENGTHS

        with self.narrate(
            f"按错的 Q 设计码本，当四种一样常见，码字都是两位：面积 {bits(CODE_HPQ)}，就是交叉熵。",
            en="If the code book is built for a wrong Q that takes all four as equally common, "
            f"every word is two bits: the area becomes {en_bits(CODE_HPQ)}, and that is the "
            "cross-entropy.",
            hold=0.6,
        ) as beat:
            self.play(FadeIn(belief), FadeIn(old), run_time=0.8)
            self.remove(area[1])
            self.add(figure)
            figure.add_updater(lambda m: m.set_value(average_length(CODE_P, lengths())))
            blocks.follow(lengths)
            beat.wait_until("码字都是")
            # the entropy's figure steps aside first, so that the new name is never written over it
            self.play(ReplacementTransform(ghost_from, ghost), run_time=0.5)
            # then everything that depends on the code book changes at
            # once: heights, words, area, names
            self.play(
                morph.animate.set_value(1),
                blocks.blocks.animate.set_fill(Q_COLOR, 0.75),
                Succession(FadeOut(blocks.words, run_time=0.5), FadeIn(new_words, run_time=0.7)),
                ReplacementTransform(equals, cross_equals),
                ReplacementTransform(self.area_form, cross_form),
                ReplacementTransform(self.braces, cross_braces),
                run_time=1.5,
            )
            beat.wait_until("就是交叉熵")
            self.play(
                Indicate(cross_equals, color=Q_COLOR),
                Indicate(cross_form[0], color=Q_COLOR),
                run_time=1,
            )
        blocks.stop()
        figure.clear_updaters()
        new_words.clear_updaters()
        with self.narrate(
            f"甲多付一大块，丙丁只省两小条：净多出 {bits(CODE_KL)}。",
            en="The common outcome pays a big extra block, the two rare ones save only two thin "
            f"strips: {en_bits(CODE_KL)} more in all.",
            hold=1.2,
        ) as beat:
            self.play(FadeIn(added), run_time=0.8)
            beat.wait_until("丙丁")
            self.play(FadeIn(saved), run_time=0.8)
            beat.wait_until("净多出")
            self.play(FadeIn(extra), run_time=0.6)
        self.play(
            FadeOut(
                VGroup(
                    belief,
                    figure,
                    area[0],
                    area[2],
                    cross_equals,
                    ghost,
                    extra,
                    added,
                    saved,
                    cross_braces,
                    cross_form,
                    blocks.blocks,
                    new_words,
                    blocks.names,
                    blocks.probs_shown,
                )
            ),
            run_time=FADE_OUT_TIME,
        )
        self.old_outline = old

    @staticmethod
    def riding_words(blocks: CodeBlocks) -> VGroup:
        """The wrong code book's words, each riding on its block's top while the heights change."""
        # the old words leave as the blocks change; the new ones ride on the blocks' tops
        new_words = VGroup(
            *[figure_text(w, size=STRONG_LABEL_SIZE).set_z_index(1) for w in WRONG_WORDS]
        )
        for word, block in zip(new_words, blocks.blocks):
            word.add_updater(lambda m, b=block: m.next_to(b.get_top(), DOWN, buff=0.12))
        return new_words

    @staticmethod
    def cross_entropy_names(area_form: VGroup, equals: MathTex) -> tuple[VGroup, VGroup, MathTex]:
        """The area form, its braces and the area's name, written for H(P, Q).

        They go where the entropy's are.
        """
        cross_form = formula_row(r"H(P, Q)", r"P(x)", r"\big(-\log_2 Q(x)\big)").move_to(area_form)
        cross_braces = braces_under(cross_form)
        cross_equals = tex(r"= H(P, Q)", size=HEADING_SIZE).move_to(equals, aligned_edge=LEFT)
        return cross_form, cross_braces, cross_equals

    @staticmethod
    def entropy_ghost(
        area: VGroup, equals: MathTex, cross_equals: MathTex
    ) -> tuple[VGroup, VGroup]:
        """The entropy's figure, pale under the new area's name, and the copy it comes from.

        The copy is of the old area.
        """
        # the entropy stays beside the new area, as a ghost: two numbers whose gap is the extra
        ghost = VGroup(
            figure_text(CODE_H, size=BODY_SIZE, color=ENTROPY_COLOR),
            zh("比特", size=LABEL_SIZE, color=ENTROPY_COLOR),
            entropy_green(tex(r"=", r"H(P)", size=FORMULA_SIZE)),
        )
        ghost.arrange(RIGHT, buff=0.12).set_opacity(0.7)
        ghost.next_to(cross_equals, DOWN, buff=GAP).align_to(area, LEFT)
        ghost_from = VGroup(
            figure_text(CODE_H, size=LEAD_SIZE * 1.1).move_to(area[1]),
            area[2].copy(),
            equals.copy(),
        )
        return ghost, ghost_from

    @staticmethod
    def extra_bits() -> VGroup:
        """The area the wrong code book adds, in bits, as the sum of its pieces (not yet placed)."""
        # the net of the pieces: what the common outcome adds, less what the rare ones save
        pieces, relation, net = shown_equation([c for c in CODE_TERMS if c != 0], sum, CODE_KL)
        sums = " ".join(
            ("− " if float(v) < 0 else "+ ") + v.lstrip("-") for v in pieces
        ).removeprefix("+ ")
        extra = VGroup(
            zh("多出（比特）", size=BODY_SIZE, color=KL_COLOR),
            figure_text(f"{sums} {relation} {net}", size=LABEL_SIZE, color=KL_COLOR),
        )
        return extra.arrange(DOWN, buff=0.15, aligned_edge=LEFT)

    # --- 5 ----------------------------------------------------------------------------
    def any_probability(self):
        blocks, axes = self.blocks, self.blocks.axes
        # the code space: a strip under the axis, cut word by word;
        # each share is as wide as its block
        space = CodeSpace(
            OWN_WORDS,
            width=axes.x_length,
            share_labels=CODE_FRACTIONS,
            height=0.42,
            whole="码空间：所有可能的码字",
        )
        space.next_to(axes.c2p(0, 0), DOWN, buff=0.12, aligned_edge=UL)
        dots = VGroup(
            *[
                Dot(blocks.corner(i, n), color=P_COLOR, radius=0.11)
                for i, n in enumerate(OWN_LENGTHS)
            ]
        )
        # each point keeps its code words
        words = VGroup()
        for length in sorted(set(OWN_LENGTHS.tolist())):
            same = [i for i, n in enumerate(OWN_LENGTHS) if n == length]
            label = figure_text(
                "、".join(OWN_WORDS[i] for i in same), size=LABEL_SIZE, color=P_COLOR
            )
            words.add(label.next_to(dots[same[0]], UR, buff=0.12))
        # -log2 q: the length a code built for q gives, Q's colour
        curve = axes.plot(
            lambda q: float(it.self_information(q)), x_range=[2.0**-4, 1, 0.005], color=Q_COLOR
        )
        x_label = tex(r"q", size=LEAD_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        # the rule takes the formula's place at the top; the die's
        # example and the caveat go on the right
        rule = VGroup(zh("理想码长", size=LEAD_SIZE), tex(r"= -\log_2 q", size=BIG_FORMULA_SIZE))
        rule.arrange(RIGHT, buff=0.2).to_edge(UP, buff=TOP_ROW)
        die_q, die_len = float(Q[0]), float(CODE_LEN_Q[0])
        point = Dot(axes.c2p(die_q, die_len), color=Q_COLOR, radius=0.12)
        guides = VGroup(
            DashedLine(axes.c2p(die_q, 0), axes.c2p(die_q, die_len), color=Q_COLOR),
            DashedLine(axes.c2p(0, die_len), axes.c2p(die_q, die_len), color=Q_COLOR),
        )
        value = VGroup(
            zh(f"1/{SIDES}", size=STRONG_LABEL_SIZE, color=Q_COLOR),
            zh(f"→ {bits(die_len)}", size=STRONG_LABEL_SIZE, color=Q_COLOR),
        ).arrange(RIGHT, buff=0.15)
        value.next_to(axes, RIGHT, buff=WIDE_GAP).align_to(axes, UP).shift(DOWN * 0.4)
        note = VGroup(
            zh("不是整数：", size=BODY_SIZE, color=MUTED),
            zh("长消息里的平均", size=BODY_SIZE, color=MUTED),
        )
        note.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        note.next_to(value, DOWN, buff=SECTION_GAP).align_to(value, LEFT)
        levels = space.levels

        with self.narrate(
            "码字每长一位，占的码空间就减半：概率 q 的结果分到 q 那么宽，码长就是意外程度。"
            f"1/{SIDES} 对应 {bits(die_len)}。",
            en="Each extra bit halves the share of the code space a word takes: an outcome of "
            "probability q gets a share q wide, so its length is its surprise. "
            f"1/{SIDES} gives {en_bits(die_len)}.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(levels[0]), run_time=0.6)
            beat.wait_until("码字每长一位")
            for before, after in zip(levels, levels[1:]):
                self.play(ReplacementTransform(before, after), run_time=0.7)
            self.play(FadeIn(space.shares), run_time=0.5)
            beat.wait_until("分到 q")
            self.play(
                Indicate(self.old_outline, color=ACCENT),
                Indicate(levels[-1], color=ACCENT, scale_factor=1.02),
                run_time=1.2,
            )
            beat.wait_until("码长就是")
            # the outlines fade as their corners' points appear (morphing 28 dashes into a dot
            # curls them into hooks)
            self.play(
                FadeOut(VGroup(levels[-1], space.shares)),
                FadeOut(self.old_outline),
                FadeIn(dots, scale=0.3),
                run_time=0.8,
            )
            self.play(
                FadeIn(words), FadeIn(blocks.x_ticks), FadeIn(x_label), FadeIn(rule), run_time=0.6
            )
            self.play(Create(curve), run_time=1.2)
            beat.wait_until("对应")
            self.play(FadeIn(point, scale=0.5), Create(guides), FadeIn(value), run_time=1.2)
            # not a whole number: an average over a long message
            self.play(FadeIn(note), run_time=0.8)
        self.play(
            FadeOut(
                VGroup(
                    blocks.axes,
                    blocks.grid,
                    blocks.y_label,
                    blocks.x_ticks,
                    x_label,
                    dots,
                    words,
                    curve,
                    point,
                    guides,
                    value,
                    note,
                    rule,
                )
            ),
            run_time=FADE_OUT_TIME,
        )

    # --- 6 ----------------------------------------------------------------------------
    def build_cross_entropy(self):
        formula = tex(r"H(P, Q) = -\sum_x P(x)\,\log_2 Q(x)").to_edge(UP, buff=EDGE)
        die = self.terms_table(formula)
        chart, table, total, named, why, rounded = die
        so_far, number, unit = total
        running = ValueTracker(0.0)
        number.add_updater(lambda m: m.set_value(running.get_value()))

        highlight = SurroundingRectangle(die.column(0), color=ACCENT, buff=0.12)
        with self.narrate(
            f"回到骰子：按 Q 的码本，每面都是 {bits(CODE_LEN_Q[0])}；可实际上一点占{ONE_SHARE_ZH}，"
            f"贡献 {fmt_num(TERMS[0])}。",
            en=f"Back to the die: Q's code book gives every face {en_bits(CODE_LEN_Q[0])}; but in "
            f"real rolls face one comes up {ONE_SHARE_EN} and contributes {en_num(TERMS[0])}.",
        ) as beat:
            self.play(
                FadeIn(chart, shift=UP * 0.3),
                Write(formula),
                *[FadeIn(row[0]) for row in table],
                run_time=1,
            )
            self.play(LaggedStart(*[FadeIn(c) for c in table[1][1]], lag_ratio=0.15), run_time=1.5)
            beat.wait_until("可实际上")
            self.play(Create(highlight), FadeIn(table[0][1][0]), run_time=1)
            self.play(
                FadeIn(table[2][1][0]),
                FadeIn(total),
                running.animate.set_value(TERMS[0]),
                run_time=1.2,
            )
        rest = VGroup(*[die.column(i) for i in range(1, SIDES)])
        with self.narrate(
            f"其余{number_to_chinese(OTHERS)}面各 {fmt_num(TERMS[1])}，累计{ABOUT_ZH} "
            f"{TOTAL_SHOWN} 比特：交叉熵。码本均匀，怎么作弊都一样。",
            en=f"The other {OTHERS} faces add {en_bits(TERMS[1])} each, {ABOUT_EN}{TOTAL_SHOWN} "
            "bits in all: the cross-entropy. With a uniform code book, however the die is "
            "loaded, the average is this.",
            hold=1.2,
        ) as beat:
            self.play(
                highlight.animate.become(SurroundingRectangle(rest, color=ACCENT, buff=0.12)),
                LaggedStart(*[FadeIn(c) for c in table[0][1][1:]], lag_ratio=0.1),
                run_time=1.2,
            )
            self.play(
                LaggedStart(*[FadeIn(c) for c in table[2][1][1:]], lag_ratio=0.1),
                running.animate.set_value(float(TERMS.sum())),
                run_time=2,
            )
            if ABOUT_ZH:
                self.play(FadeIn(rounded), run_time=0.5)
            beat.wait_until("：交叉熵")
            self.play(FadeOut(highlight), ReplacementTransform(so_far, named), run_time=0.8)
            beat.wait_until("码本均匀")
            self.play(FadeIn(why), Indicate(table[1][1], color=Q_COLOR), run_time=1.2)
        number.clear_updaters()
        self.formula, self.table = formula, table
        self.die = VGroup(chart, table, named, number, unit, why, *([rounded] if ABOUT_ZH else []))

    @classmethod
    def terms_table(cls, formula: MathTex) -> TermsTable:
        """The die's chart, the table of H(P, Q)'s terms below it and the running total.

        They are placed under ``formula``.
        """
        # the die again, shorter and without value labels (the table's first row carries P's values)
        chart, _, _ = cls.dice_chart(height=1.8, slot_width=1.6, face_size=0.4, max_value=P.max())
        table = cls.term_rows(chart)
        # the running total: "累计" while it is a partial sum, H(P, Q) once every face is in
        so_far = zh("累计", size=LEAD_SIZE)
        number = Figure(0.0, size=LEAD_SIZE * FIGURE_BESIDE_TEX * 1.1)
        unit = zh("比特", size=LEAD_SIZE * 0.8)
        total = VGroup(so_far, number, unit).arrange(RIGHT, buff=0.15)
        unit.align_to(number, DOWN)
        table.next_to(chart, DOWN, buff=GAP, coor_mask=UP)  # keep the cells under their slots
        total.next_to(table, DOWN, buff=GAP * 1.2).set_x(chart.get_x())
        VGroup(chart, table, total).next_to(formula, DOWN, buff=GAP, coor_mask=UP)
        # centre chart, table and total together (the row headers stick out on the left)
        shift = -VGroup(chart, table).get_center()[0] * RIGHT
        VGroup(chart, table, total).shift(shift)
        named = tex(r"H(P, Q)", {"=": "=", "≈": r"\approx"}[TOTAL_RELATION], size=LEAD_SIZE)
        named.next_to(number, LEFT, buff=0.15)
        why = VGroup(
            tex(rf"= \log_2 {SIDES}", size=LEAD_SIZE),
            zh("每面一样长", size=LABEL_SIZE, color=MUTED),
        )
        why.arrange(RIGHT, buff=0.3).next_to(unit, RIGHT, buff=GAP)
        why[0].align_to(named, DOWN)
        # the products are rounded: said where the sum of the shown figures misses the total
        rounded = zh("各项已四舍五入", size=LABEL_SIZE, color=MUTED).next_to(
            named, LEFT, buff=WIDE_GAP
        )
        rounded.align_to(unit, DOWN)
        return TermsTable(chart, table, total, named, why, rounded)

    @staticmethod
    def term_rows(chart: ProbabilityChart) -> VGroup:
        """The table's rows, P(x), -log2 Q(x) and their product.

        Each has a header, and its cells under the chart's slots.
        """
        # one row per quantity, its cells under the chart's slots
        rows = [
            (tex(r"P(x)"), [f"{v:g}" for v in P], P_COLOR),
            (tex(r"-\log_2 Q(x)"), [fmt_num(v) for v in CODE_LEN_Q], Q_COLOR),
            (zh("乘积", size=BODY_SIZE), TERMS_SHOWN, ACCENT),
        ]
        table = VGroup()
        for header, cells, color in rows:
            row_cells = VGroup(
                *[figure_text(c, size=STRONG_LABEL_SIZE, color=color) for c in cells]
            )
            for cell, slot in zip(row_cells, chart.slots):
                cell.set_x(slot.get_x())
            header.next_to(row_cells, LEFT, buff=SECTION_GAP)
            row = VGroup(header, row_cells)
            if len(table):
                row.next_to(table, DOWN, buff=GAP * 0.8, coor_mask=UP)
            table.add(row)
        return table

    # --- 7 ----------------------------------------------------------------------------
    def from_data(self):
        record = SurpriseRecord(
            DAYS,
            [Forecaster(f"预报甲\n天天报雨 {RAIN_CHANCE:.0%}", FORECAST, Q_COLOR)],
            icon=day_icon,
            heading="第一节的记录",
            column=0.75,
        )
        average = tex(
            r"\frac{1}{N}\sum_{i=1}^{N} -\log_2 Q(x_i)",
            r"\ \approx\ ",
            r"H(P, Q)",
            size=BIG_FORMULA_SIZE,
        )
        VGroup(record, average).arrange(DOWN, buff=SECTION_GAP * 1.2).to_edge(UP, buff=EDGE)
        # the ≈ holds over many days: said under the sign
        many = zh("天数足够多时", size=LABEL_SIZE, color=ACCENT).next_to(average, DOWN, buff=0.2)
        many.set_x(average[1].get_x())
        # section 1 called this very average the cross-entropy: there P was the record's own
        # frequencies; here it is the weather's true probability, which the frequencies approach
        which_p = zh(
            f"P：天气真正的概率（第一节用的是这 {len(DAYS)} 天的频率）",
            size=LABEL_SIZE,
            color=MUTED,
            t2c={"P": P_COLOR},
        ).next_to(many, DOWN, buff=0.2)
        many = VGroup(many, which_p)
        record.hide_all()
        shown = VGroup(
            record.heading,
            record.rows[0].label,
            record.rows[0].baseline,
            record.rows[0].mean_line,
            record.rows[0].readout,
        )
        # the table needs P; the record does not: the die's table slides away, the record slides in,
        # and the formula waits under it for the data
        self.play(
            FadeOut(self.die, shift=LEFT * 2),
            FadeIn(shown, shift=LEFT * 2),
            self.formula.animate.move_to(average),
            run_time=1,
        )
        with self.narrate(
            f"P 未知？就对发生过的结果算意外，再平均：第一节报雨 {RAIN_CHANCE:.0%} 的预报，平均 "
            f"{bits(RECORD_AVG)}；天数足够多时，它逼近交叉熵。",
            en="P unknown? Take the surprise of each outcome that actually happened, and average: "
            f"section 1's forecast of {RAIN_CHANCE:.0%} rain every day averages "
            f"{en_bits(RECORD_AVG)}; over enough days this comes close to the cross-entropy.",
            hold=1.0,
        ) as beat:
            self.play(
                record.show_days(range(len(DAYS)), lag_ratio=0.1),
                run_time=beat.until("再平均", minimum=1.5),
            )
            self.play(ReplacementTransform(self.formula, average), run_time=1.2)
            beat.wait_until("第一节")
            self.play(Indicate(record.rows[0].readout, color=ACCENT), run_time=1)
            beat.wait_until("天数足够多时")
            self.play(FadeIn(many, shift=UP * 0.1), Indicate(average[2], color=ACCENT), run_time=1)
        record.static()
        self.record, self.average, self.many = record, average, many

    # --- 8 ----------------------------------------------------------------------------
    def drift_belief(self):
        drift = ValueTracker(D_FAIR)
        self.drift = drift
        chart, _, q_bars = self.dice_chart(height=2.9, slot_width=0.8, face_size=0.42)
        axes, plot, floor, floor_label, floor_value, gap, gap_label, law = self.drift_plot()
        dot = Dot(color=Q_COLOR).add_updater(
            lambda m: m.move_to(axes.c2p(drift.get_value(), ce_at(drift.get_value())))
        )
        trace = TracedPath(dot.get_center, stroke_color=Q_COLOR, stroke_width=4)
        readout, belief, q_one = self.drift_readouts(drift)
        readouts = VGroup(readout, belief)
        legend = pq_legend("P 真实", "Q 假设", direction=RIGHT, buff=SECTION_GAP)
        left = VGroup(readouts, chart, legend).arrange(DOWN, buff=ROW_GAP)
        # shown later, placed with the plot
        marks = VGroup(floor, floor_label, floor_value, gap, gap_label, law)
        VGroup(left, VGroup(plot, marks)).arrange(RIGHT, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        q_bars.set_values(q_at(D_FAIR)).follow(lambda: q_at(drift.get_value()))
        self.plot_marks, self.law, self.gap, self.dot = (
            VGroup(left, plot, floor, floor_label, floor_value),
            law,
            VGroup(gap, gap_label),
            dot,
        )

        with self.narrate(
            f"回到骰子：按 P 设计码本，平均只要 {bits(H_P)}，即熵；用错码本，每掷多付 "
            f"{fmt_num(GAP_BITS)}。",
            en=f"Back to the die: a code book built for P averages only {en_bits(H_P)}, the "
            f"entropy; the wrong one costs {en_bits(GAP_BITS)} more per roll.",
            hold=1.0,
        ) as beat:
            # the record slides away, the die comes back; the record's H(P, Q) becomes the readout's
            self.play(
                FadeOut(VGroup(self.record, self.average[:2], self.many), shift=LEFT * 2),
                ReplacementTransform(self.average[2], readout.label),
                FadeIn(
                    VGroup(readout.number, readout.unit, belief, chart, legend, plot, dot),
                    shift=LEFT * 2,
                ),
                run_time=1.2,
            )
            self.remove(readout.label, readout.number, readout.unit)
            self.add(readout)  # the readout follows the drift from here
            beat.wait_until("按 P")
            self.play(Create(floor), FadeIn(floor_label), FadeIn(floor_value), run_time=1)
            beat.wait_until("用错码本")
            self.play(Create(gap), FadeIn(gap_label), run_time=0.8)
        self.add(trace)
        with self.narrate(
            f"让 Q 越来越不信一点：交叉熵猛涨到 {bits(ce_at(D_MAX))}，常见的事成了几乎不可能。",
            en="Let Q believe in a one less and less: cross-entropy soars to "
            f"{en_bits(ce_at(D_MAX))}, a common event taken for nearly impossible.",
            hold=0.8,
        ) as beat:
            self.play(FadeOut(VGroup(gap, gap_label)), run_time=0.5)
            self.play(
                drift.animate.set_value(D_MAX),
                run_time=beat.until("常见的事", minimum=1),
                rate_func=smooth,
            )
        with self.narrate(
            "Q 回到 P，交叉熵随之回落，重合时正好等于熵。",
            en="Move Q back to P and the cross-entropy falls with it, to exactly the entropy where "
            "they coincide.",
            hold=1.0,
        ) as beat:
            self.play(
                drift.animate.set_value(0),
                run_time=beat.until("重合时", minimum=1),
                rate_func=linear,
            )
            self.play(
                Indicate(readout, color=ENTROPY_COLOR),
                Indicate(floor_value, color=ENTROPY_COLOR),
                run_time=1,
            )
        self.plot_marks.add(dot, trace)
        self.moving = (q_bars, readout, q_one, dot)

    @staticmethod
    def drift_plot() -> DriftPlot:
        """Cross-entropy against Q's belief in face one, and the marks shown on it later.

        The marks are the floor, the gap and the law.
        """
        y_max = np.ceil(ce_at(D_MAX) * 2) / 2
        axes = figure_axes(
            [0, 1, 1], [1.5, y_max, 0.5], x_length=6.0, y_length=4.6, size=CAPTION_SIZE
        )
        # the x axis is Q's probability of face one: P's own on the left, down to 0 on the right
        axes.x_axis.remove(axes.x_axis.labels)
        axes.x_axis.add(VGroup(*[axes.x_axis.get_tick(d_at_one(q)) for q in ONE_TICKS]))
        axes.x_axis.add_labels(
            {d_at_one(q): figure_text(f"{q:g}", size=CAPTION_SIZE, color=MUTED) for q in ONE_TICKS},
            font_size=CAPTION_SIZE,
        )
        x_label = VGroup(
            zh("Q 给", size=LABEL_SIZE, color=Q_COLOR),
            DieFace(1, size=0.3, color=Q_COLOR),
            zh("的概率", size=LABEL_SIZE, color=Q_COLOR),
        ).arrange(RIGHT, buff=0.1)
        x_label.next_to(axes.x_axis, DOWN, buff=0.45)
        y_label = zh("比特", size=LABEL_SIZE, color=MUTED).next_to(axes.y_axis, UP, buff=0.15)
        curve = axes.plot(ce_at, x_range=[0, D_MAX, 0.01], color=Q_COLOR, stroke_opacity=0.5)
        # the entropy: the floor, in its colour; its name under it, on the left
        floor = DashedLine(axes.c2p(0, H_P), axes.c2p(1, H_P), color=ENTROPY_COLOR)
        floor_label = (
            entropy_green(tex(r"H(P)")).next_to(floor, DOWN, buff=0.12).align_to(floor, LEFT)
        )
        floor_label.shift(RIGHT * GAP)
        floor_value = zh(bits(H_P), size=LABEL_SIZE, color=ENTROPY_COLOR).next_to(
            floor_label, RIGHT, buff=GAP
        )
        fair_point = axes.c2p(D_FAIR, ce_at(D_FAIR))
        fair_foot = axes.c2p(D_FAIR, 1.5)
        fair_tick = DashedLine(fair_foot, fair_point, color=MUTED)
        # the fair die is named at the foot of its tick, under the floor, where the plot is empty
        fair_label = zh("公平骰子", size=LABEL_SIZE, color=MUTED).next_to(fair_foot, UR, buff=0.12)
        # the gap: a purple bar from the floor up to the fair die, named above the curve on its left
        gap = gap_marker(axes.c2p(D_FAIR, H_P), fair_point)
        gap_label = zh(f"多付 {bits(GAP_BITS)}", size=LABEL_SIZE, color=KL_COLOR).next_to(
            fair_point, UL, buff=0.15
        )
        # the section's conclusion, written in the empty corner
        # above the floor, left of the curve's rise
        law = entropy_green(tex(r"H(P, Q) \ \ge\ ", r"H(P)", size=HEADING_SIZE))
        law.next_to(axes.c2p(0.06, y_max - 0.3), DR, buff=0)
        plot = VGroup(axes, x_label, y_label, curve, fair_tick, fair_label)
        return DriftPlot(axes, plot, floor, floor_label, floor_value, gap, gap_label, law)

    @staticmethod
    def drift_readouts(drift: ValueTracker) -> tuple[Readout, VGroup, Figure]:
        """H(P, Q) and Q's belief in face one, following ``drift``, one above the other.

        Also returns that belief's figure.
        """
        readout = Readout(r"H(P, Q)", lambda: ce_at(drift.get_value()), color=Q_COLOR)
        # 0.015, not 0.02
        q_one = Figure(Q[0], decimals=3, size=FORMULA_SIZE * FIGURE_BESIDE_TEX * 1.1, color=Q_COLOR)
        belief = VGroup(tex(r"Q("), DieFace(1, size=0.3), tex(r") ="), q_one).arrange(
            RIGHT, buff=0.1
        )
        q_one.shift(RIGHT * 0.05)
        q_one.add_updater(lambda m: m.set_value(q_at(drift.get_value())[0]))
        VGroup(readout, belief).arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        return readout, belief, q_one

    # --- 9 ----------------------------------------------------------------------------
    def hand_over_to_kl(self):
        law = self.law
        teaser = zh("多出的一截：KL 散度", size=BODY_SIZE, color=KL_COLOR).next_to(
            law, DOWN, buff=GAP
        )
        teaser.align_to(law, LEFT)
        with self.narrate(
            "交叉熵永不小于熵，猜对才相等；多出的这截，下节再说。",
            en="Cross-entropy is never below entropy, equal only when the guess is right; the "
            "extra piece is next.",
            hold=0.6,
        ) as beat:
            self.play(Write(law), run_time=1.2)
            beat.wait_until("多出的")
            # back to the fair die, where the extra piece is: the purple bar again
            self.play(self.drift.animate.set_value(D_FAIR), run_time=1, rate_func=smooth)
            self.play(
                Create(self.gap[0]),
                FadeIn(self.gap[1]),
                FadeIn(teaser, shift=UP * 0.2),
                run_time=0.8,
            )
        for m in self.moving:
            m.clear_updaters()
        self.play(FadeOut(VGroup(self.plot_marks, law, self.gap, teaser)), run_time=0.8)
