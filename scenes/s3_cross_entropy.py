"""Section 3 — 交叉熵：当你的假设错了

Why a probability becomes a number of bits: four outcomes with probabilities 1/2, 1/4, 1/8, 1/8
get real code words (0, 10, 110, 111), each as long as -log2 of its probability; drawn as blocks
as wide as the probability and as tall as the code length, their area is the entropy. A code
book built for a wrong belief Q changes the heights and not the widths: the area becomes the
cross-entropy, and the area it adds is what section 4 calls the KL divergence. The same rule
gives any probability its ideal length (fractional, reached on average over long messages).
Then the script's loaded die, predicted with a fair die: H(P, Q) built term by term (a uniform
code book costs log2 6 per face whatever the truth). P itself is not needed: the average surprise
of what actually happened (section 1's weather record) is the cross-entropy. Last, the gap to
H(P) on a plot, and Q drifting away from P (cross-entropy soars) and back (it lands on H(P)).

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""
from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UP,
    UR,
    AnimationGroup,
    Brace,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    ReplacementTransform,
    SurroundingRectangle,
    TracedPath,
    Transform,
    ValueTracker,
    VGroup,
    Write,
    linear,
    smooth,
)

import infotheory as it
from infotheory.coding import average_length, code_lengths, ideal_code_lengths, kl_contributions, prefix_code
from scenes.kit.codes import CodeBlocks, coded_message, joined
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.examples import current
from scenes.kit.figures import Figure, figure_axes, figure_text
from scenes.kit.mobjects import DieFace, ProbabilityChart, Readout, legend_entry, pq_legend
from scenes.kit.record import Forecaster, SurpriseRecord
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    CAPTION_SIZE,
    EDGE,
    FADE_OUT_TIME,
    FIGURE_BESIDE_TEX,
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
CODE_Q = it.uniform(len(CODE_P))                       # the wrong belief: all four equally likely
CODE_NAMES = ("甲", "乙", "丙", "丁")
CODE_FRACTIONS = [f"1/{round(1 / p)}" for p in CODE_P]  # "1/2", … (exact: powers of 1/2)
Q_FRACTION = f"1/{round(1 / CODE_Q[0])}"
OWN_LENGTHS = code_lengths(CODE_P)                    # 1, 2, 3, 3 bits = -log2 P(x)
OWN_WORDS = prefix_code(CODE_P)                       # 0, 10, 110, 111
WRONG_LENGTHS = code_lengths(CODE_Q)                  # 2, 2, 2, 2
WRONG_WORDS = prefix_code(CODE_Q)                     # 00, 01, 10, 11
CODE_H = average_length(CODE_P, OWN_LENGTHS)          # the blocks' area: the entropy, 1.75 bits
CODE_HPQ = average_length(CODE_P, WRONG_LENGTHS)      # with the wrong code book: the cross-entropy
CODE_TERMS = kl_contributions(CODE_P, CODE_Q)          # the area each outcome adds (+) or saves (-)
CODE_KL = float(CODE_TERMS.sum())                     # the area added in all: D(P||Q)
MESSAGE = (0, 1, 0, 3)                                # 甲乙甲丁, sent as one string of bits

# --- the die ------------------------------------------------------------------------------
P = LOADED_DIE
Q = FAIR_DIE
OTHERS = SIDES - 1                          # the faces besides face one
#: face one's share said in words ("一点 0.5" is heard as a number): half, or a percentage
ONE_SHARE_ZH, ONE_SHARE_EN = ("一半", "half the time") if P[0] == 0.5 else (f"{P[0]:.0%}", f"{P[0]:.0%} of the time")
#: Q drifts along the straight line from P through the fair die, parameter d: d = 0 is P
#: itself, d = 1 the point where that line reaches P(face 1) = 0, a die that "never" shows a 1.
STRETCH = P[0] / (P[0] - Q[0])              # how far past the fair die that point lies
NEVER_ONE = np.clip(P + STRETCH * (Q - P), 0.0, None)   # clip: rounding must not go below 0
D_FAIR = 1 / STRETCH                        # where the fair die sits on the path
D_MAX = 0.97

H_P = float(it.entropy(P))
H_PQ = float(it.cross_entropy(P, Q))
GAP_BITS = float(it.kl_divergence(P, Q))
CODE_LEN_Q = ideal_code_lengths(Q)           # code length of each face under Q's code book
CODE_LEN_P = ideal_code_lengths(P)           # ... and under the true code book
TERMS = P * CODE_LEN_Q                        # P(x) * (-log2 Q(x))
#: the table's products and total, with digits (or ≈) such that the sum is true as displayed
TERMS_SHOWN, TOTAL_RELATION, TOTAL_SHOWN = shown_equation(TERMS, sum, H_PQ)

# --- the weather record of section 1 -------------------------------------------------------
RAIN_CHANCE = current().forecast.rain
FORECAST = np.array([RAIN_CHANCE, 1 - RAIN_CHANCE]) if RAIN == 0 else np.array([1 - RAIN_CHANCE, RAIN_CHANCE])
DAYS = np.array(current().record.days)
RECORD_AVG = it.average_surprise(DAYS, FORECAST)


def q_at(d: float) -> np.ndarray:
    """The belief Q after drifting by ``d`` (see ``NEVER_ONE``)."""
    return it.mixture(P, NEVER_ONE, d)


def ce_at(d: float) -> float:
    return float(it.cross_entropy(P, q_at(d)))


def formula_row(lhs: str, width: str, height: str):
    """``lhs = Σ width · (height)`` as separate pieces, so that each can be braced or swapped."""
    parts = VGroup(tex(lhs), tex(r"=\sum_x"), tex(width), tex(r"\cdot"), tex(height))
    return parts.arrange(RIGHT, buff=0.18)


def braces_under(row: VGroup) -> VGroup:
    """Braces naming the two factors of a :func:`formula_row`: the block's width and its height."""
    width_brace = Brace(row[2], DOWN, buff=0.08, color=MUTED)
    height_brace = Brace(row[4], DOWN, buff=0.08, color=MUTED)
    return VGroup(width_brace, height_brace,
                  zh("宽", size=LABEL_SIZE, color=MUTED).next_to(width_brace, DOWN, buff=0.08),
                  zh("高：码长", size=LABEL_SIZE, color=MUTED).next_to(height_brace, DOWN, buff=0.08))


class CostOfAWrongBelief(SectionScene):
    section = "s3"

    def construct(self):
        self.show_title_card()
        self.bridge_from_entropy()
        self.show_code_words()
        self.entropy_is_an_area()
        self.wrong_code_book()
        self.any_probability()
        self.introduce_loaded_die()
        self.build_cross_entropy()
        self.from_data()
        self.drift_belief()
        self.hand_over_to_kl()

    # --- 1 ----------------------------------------------------------------------------
    def bridge_from_entropy(self):
        self.formula = tex(r"H(P) = -\sum_x P(x)\,\log_2 P(x)", size=BIG_FORMULA_SIZE)
        known = zh("P 未知", size=LEAD_SIZE, color=P_COLOR)
        guess = zh("只好假设一个 Q", size=LEAD_SIZE, color=Q_COLOR)
        VGroup(known, self.formula, guess).arrange(DOWN, buff=SECTION_GAP)
        # where the formula goes: the top row, as the "area" form of the next beats, with its braces
        self.area_form = formula_row(r"H(P)", r"P(x)", r"\big(-\log_2 P(x)\big)").to_edge(UP, buff=TOP_ROW)
        self.braces = braces_under(self.area_form)
        with self.narrate(
            "现实中 P 常常未知，只能假设一个 Q。猜错的代价多大？",
            en="In reality the true P is often unknown, so we assume some Q. What does a wrong guess cost?",
            hold=0.8,
        ) as beat:
            self.play(Write(self.formula), run_time=1.2)
            self.play(FadeIn(known, shift=DOWN * 0.2), run_time=0.8)
            beat.wait_until("只能假设")
            self.play(FadeIn(guess, shift=UP * 0.2), run_time=0.8)
        self.play(FadeOut(VGroup(known, guess)),
                  self.formula.animate.scale(0.8).move_to(self.area_form), run_time=0.8)

    # --- 2 ----------------------------------------------------------------------------
    def show_code_words(self):
        blocks = CodeBlocks(CODE_P, OWN_LENGTHS, OWN_WORDS, CODE_NAMES, prob_labels=CODE_FRACTIONS,
                            width=6.4, unit=0.72, max_bits=4)
        message = coded_message([CODE_NAMES[i] for i in MESSAGE], [OWN_WORDS[i] for i in MESSAGE])
        side_title = zh("连着发", size=LABEL_SIZE, color=MUTED)
        side = VGroup(side_title, message).arrange(DOWN, buff=GAP)
        VGroup(blocks, side).arrange(RIGHT, buff=WIDE_GAP).next_to(VGroup(self.area_form, self.braces), DOWN,
                                                                   buff=GAP)
        sent = joined(message)
        self.blocks = blocks

        with self.narrate(
            f"四种结果，概率{'、'.join(CODE_FRACTIONS)}，用 0 和 1 编码：概率每减半，码字长一位。",
            en=f"Four outcomes, probabilities {', '.join(CODE_FRACTIONS)}, coded in 0s and 1s: each time the "
               "probability halves, the code word gets one bit longer.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(VGroup(blocks.axes, blocks.grid, blocks.y_label)), run_time=0.8)
            self.play(LaggedStart(*[FadeIn(VGroup(n, p)) for n, p in zip(blocks.names, blocks.probs_shown)],
                                  lag_ratio=0.3), run_time=beat.until("概率每减半", minimum=1))
            self.play(LaggedStart(*[AnimationGroup(GrowFromEdge(b, DOWN), FadeIn(w))
                                    for b, w in zip(blocks.blocks, blocks.words)], lag_ratio=0.5), run_time=2.5)
        with self.narrate(
            "码字互不为开头，连着发也能切开。",
            en="No word starts another, so sent back to back they still cut apart.",
            hold=0.5,
        ):
            self.play(FadeIn(side_title), FadeIn(sent), run_time=0.8)
            self.play(ReplacementTransform(sent, message[1]), FadeIn(message[0], shift=DOWN * 0.1), run_time=1.2)
        self.play(FadeOut(side), run_time=FADE_OUT_TIME)

    # --- 3 ----------------------------------------------------------------------------
    def entropy_is_an_area(self):
        blocks = self.blocks
        area = VGroup(zh("面积", size=LEAD_SIZE), figure_text(CODE_H, size=LEAD_SIZE * 1.1),
                      zh("比特", size=BODY_SIZE)).arrange(RIGHT, buff=0.15)
        area[2].align_to(area[1], DOWN)
        area.next_to(blocks.axes, RIGHT, buff=GAP * 1.2).align_to(blocks.axes, UP).shift(DOWN * 1.2)
        equals = tex(r"= H(P)", size=HEADING_SIZE).next_to(area, DOWN, buff=GAP).align_to(area, LEFT)
        self.area, self.area_equals = area, equals

        with self.narrate(
            f"宽是概率，高是码长，面积就是平均码长：{bits(CODE_H)}，正是熵。",
            en=f"Each block is as wide as its probability and as tall as its code; the total area is the average code "
               f"length: {en_bits(CODE_H)}, exactly the entropy.",
            hold=1.0,
        ) as beat:
            self.play(ReplacementTransform(self.formula, self.area_form), run_time=1)
            self.play(FadeIn(self.braces), Indicate(blocks.blocks, color=ACCENT, scale_factor=1.02), run_time=1.2)
            beat.wait_until("面积就是")
            self.play(FadeIn(area), run_time=0.8)
            beat.wait_until("正是熵")
            self.play(FadeIn(equals), run_time=0.6)

    # --- 4 ----------------------------------------------------------------------------
    def wrong_code_book(self):
        blocks, area = self.blocks, self.area
        morph = ValueTracker(0.0)
        old = blocks.outline(OWN_LENGTHS)
        belief = legend_entry(Q_COLOR, f"Q：每种 {Q_FRACTION}", size=STRONG_LABEL_SIZE)
        belief.next_to(area, UP, buff=SECTION_GAP).align_to(area, LEFT)
        figure = Figure(CODE_H, size=LEAD_SIZE * 1.1).move_to(area[1], aligned_edge=LEFT)
        new_words = VGroup(*[figure_text(w, size=STRONG_LABEL_SIZE).set_z_index(1) for w in WRONG_WORDS])
        added, saved = blocks.change(OWN_LENGTHS, WRONG_LENGTHS)
        cross_form = formula_row(r"H(P, Q)", r"P(x)", r"\big(-\log_2 Q(x)\big)").move_to(self.area_form)
        cross_braces = braces_under(cross_form)
        cross_equals = tex(r"= H(P, Q)", size=HEADING_SIZE).move_to(self.area_equals, aligned_edge=LEFT)
        # the net of the pieces: what the common outcome adds, less what the rare ones save
        pieces, relation, net = shown_equation([c for c in CODE_TERMS if c != 0], sum, CODE_KL)
        sums = " ".join(("− " if float(v) < 0 else "+ ") + v.lstrip("-") for v in pieces).removeprefix("+ ")
        extra = VGroup(zh("多出（比特）", size=BODY_SIZE, color=KL_COLOR),
                       figure_text(f"{sums} {relation} {net}", size=LABEL_SIZE, color=KL_COLOR))
        extra.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        extra.next_to(cross_equals, DOWN, buff=GAP * 1.5).align_to(area, LEFT)

        def lengths():
            t = morph.get_value()
            return (1 - t) * OWN_LENGTHS + t * WRONG_LENGTHS

        with self.narrate(
            "若码本按错的 Q 设计，以为四种一样常见，码字都是两位。",
            en="If the code book is built for a wrong Q that takes all four as equally common, every word is two bits.",
        ) as beat:
            self.play(FadeIn(belief), FadeIn(old), run_time=0.8)
            self.remove(area[1])
            self.add(figure)
            figure.add_updater(lambda m: m.set_value(average_length(CODE_P, lengths())))
            blocks.follow(lengths)
            beat.wait_until("码字都是")
            self.play(morph.animate.set_value(1), blocks.blocks.animate.set_fill(Q_COLOR, 0.75), run_time=1.2)
            self.play(*[Transform(w, n.move_to(w)) for w, n in zip(blocks.words, new_words)], run_time=0.6)
        blocks.stop()
        figure.clear_updaters()
        with self.narrate(
            f"甲多付一大块，丙丁只省两小条：面积 {bits(CODE_HPQ)}，就是交叉熵，多出 {fmt_num(CODE_KL)}。",
            en=f"The common outcome pays a big extra block; the two rare ones save two thin strips. The area is now "
               f"{en_bits(CODE_HPQ)}: the cross-entropy, {en_bits(CODE_KL)} more.",
            hold=1.2,
        ) as beat:
            self.play(FadeIn(added), run_time=0.8)
            beat.wait_until("丙丁")
            self.play(FadeIn(saved), run_time=0.8)
            beat.wait_until("就是交叉熵")
            self.play(ReplacementTransform(self.area_form, cross_form), Transform(self.braces, cross_braces),
                      ReplacementTransform(self.area_equals, cross_equals), run_time=1)
            beat.wait_until("多出")
            self.play(FadeIn(extra), run_time=0.6)
        self.play(FadeOut(VGroup(belief, figure, area[0], area[2], cross_equals, extra, added, saved, self.braces,
                                 cross_form, blocks.blocks, blocks.words, blocks.names, blocks.probs_shown)),
                  run_time=FADE_OUT_TIME)
        self.old_outline = old

    # --- 5 ----------------------------------------------------------------------------
    def any_probability(self):
        blocks, axes = self.blocks, self.blocks.axes
        dots = VGroup(*[Dot(blocks.corner(i, n), color=P_COLOR, radius=0.11) for i, n in enumerate(OWN_LENGTHS)])
        # each point keeps its code words
        words = VGroup()
        for length in sorted(set(OWN_LENGTHS.tolist())):
            same = [i for i, n in enumerate(OWN_LENGTHS) if n == length]
            label = figure_text("、".join(OWN_WORDS[i] for i in same), size=LABEL_SIZE, color=P_COLOR)
            words.add(label.next_to(dots[same[0]], UR, buff=0.12))
        curve = axes.plot(lambda q: float(it.self_information(q)), x_range=[2.0 ** -4, 1, 0.005], color=ACCENT)
        x_label = tex(r"q", size=LEAD_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        # the rule takes the formula's place at the top; the die's example and the caveat go on the right
        rule = VGroup(zh("理想码长", size=LEAD_SIZE), tex(r"= -\log_2 q", size=BIG_FORMULA_SIZE))
        rule.arrange(RIGHT, buff=0.2).to_edge(UP, buff=TOP_ROW)
        die_q, die_len = float(Q[0]), float(CODE_LEN_Q[0])
        point = Dot(axes.c2p(die_q, die_len), color=Q_COLOR, radius=0.12)
        guides = VGroup(DashedLine(axes.c2p(die_q, 0), axes.c2p(die_q, die_len), color=Q_COLOR),
                        DashedLine(axes.c2p(0, die_len), axes.c2p(die_q, die_len), color=Q_COLOR))
        value = VGroup(zh(f"1/{SIDES}", size=STRONG_LABEL_SIZE, color=Q_COLOR),
                       zh(f"→ {bits(die_len)}", size=STRONG_LABEL_SIZE, color=Q_COLOR)).arrange(RIGHT, buff=0.15)
        value.next_to(axes, RIGHT, buff=WIDE_GAP).align_to(axes, UP).shift(DOWN * 0.4)
        note = VGroup(zh("不是整数：", size=BODY_SIZE, color=MUTED), zh("长消息里的平均", size=BODY_SIZE, color=MUTED))
        note.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        note.next_to(value, DOWN, buff=SECTION_GAP).align_to(value, LEFT)

        with self.narrate(
            f"理想码长就是意外程度，任何概率都成立：1/{SIDES} 对应 {bits(die_len)}，长消息里平均做得到。",
            en=f"The ideal length is the surprise, for any probability: 1/{SIDES} gives {en_bits(die_len)}, reached on "
               "average over a long message.",
            hold=1.0,
        ) as beat:
            self.play(ReplacementTransform(self.old_outline, dots), FadeIn(words), FadeIn(blocks.x_ticks),
                      FadeIn(x_label), FadeIn(rule), run_time=1.2)
            self.play(Create(curve), run_time=1.5)
            beat.wait_until("对应")
            self.play(FadeIn(point, scale=0.5), Create(guides), FadeIn(value), run_time=1.2)
            beat.wait_until("长消息")
            self.play(FadeIn(note), run_time=0.8)
        self.play(FadeOut(VGroup(blocks.axes, blocks.grid, blocks.y_label, blocks.x_ticks, x_label, dots, words, curve,
                                 point, guides, value, note, rule)), run_time=FADE_OUT_TIME)

    # --- 6 ----------------------------------------------------------------------------
    def introduce_loaded_die(self):
        chart, self.p_bars, self.q_bars = self.dice_chart(height=4.2, slot_width=1.9, face_size=0.6,
                                                          label_size=LABEL_SIZE)
        self.chart = chart
        growth_p, growth_q = ValueTracker(0), ValueTracker(0)
        for series, values, growth in ((self.p_bars, P, growth_p), (self.q_bars, Q, growth_q)):
            series.set_values(values * 0).follow(lambda g=growth, v=values: g.get_value() * v)
            # the value labels come in with their bars: no row of "0.00" at the start
            series.add_updater(lambda m, g=growth: m.labels.set_opacity(g.get_value()))
        legend = pq_legend("P：真实分布（作弊骰子）", "Q：你的假设（公平骰子）", direction=RIGHT, buff=WIDE_GAP,
                           size=STRONG_LABEL_SIZE)
        VGroup(legend, chart).arrange(DOWN, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        self.legend = legend

        with self.narrate(
            f"回到作弊骰子：一点朝上的概率是{P[0]:g}，其余各{P[1]:g}，这是 P；"
            "你却当它公平，这是 Q。",
            en=f"Back to the loaded die: a one with probability {P[0]:g}, each other face {P[1]:g}: that's P. "
               "You take it for fair: that's Q.",
            hold=0.3,
        ) as beat:
            self.play(FadeIn(chart.baseline), FadeIn(chart.category_labels, lag_ratio=0.1), run_time=0.8)
            self.add(self.p_bars)       # Q's bars (and their value labels) come with Q
            self.play(growth_p.animate.set_value(1), FadeIn(legend[0]), run_time=1.5)
            beat.wait_until("你却")
            self.add(self.q_bars)
            self.play(growth_q.animate.set_value(1), FadeIn(legend[1]), run_time=1.5)
        self.p_bars.clear_updaters()
        self.q_bars.clear_updaters()

    @staticmethod
    def dice_chart(height, slot_width, face_size, label_size=None, max_value=0.6):
        """P and Q as bars over the six faces; ``label_size=None``: no value labels."""
        chart = ProbabilityChart([DieFace(n, size=face_size) for n in FACES], max_value=max_value, height=height,
                                 slot_width=slot_width)
        shown = label_size is not None
        p_bars = chart.add_series(P, P_COLOR, show_values=shown, label_size=label_size or LABEL_SIZE)
        q_bars = chart.add_series(Q, Q_COLOR, show_values=shown, label_size=label_size or LABEL_SIZE)
        return chart, p_bars, q_bars

    def swap_chart(self, chart, p_bars, q_bars, *extra) -> None:
        """Turn the die chart on screen into ``chart`` (same faces and bars, new size), with ``extra`` animations."""
        old = VGroup(self.chart.baseline, self.chart.category_labels, self.p_bars.bars, self.q_bars.bars)
        new = VGroup(chart.baseline, chart.category_labels, p_bars.bars, q_bars.bars)
        self.play(ReplacementTransform(old, new), *extra, run_time=1)
        self.remove(new)
        self.add(chart)
        self.chart, self.p_bars, self.q_bars = chart, p_bars, q_bars

    # --- 7 ----------------------------------------------------------------------------
    def build_cross_entropy(self):
        formula = tex(r"H(P, Q) = -\sum_x P(x)\,\log_2 Q(x)").to_edge(UP, buff=EDGE)
        # the chart makes room for the table: the same bars, shorter, without value labels
        # (the table's first row now carries P's values)
        chart, p_bars, q_bars = self.dice_chart(height=1.8, slot_width=1.6, face_size=0.4, max_value=P.max())
        # one row per quantity, its cells under the chart's slots
        rows = [
            (tex(r"P(x)"), [f"{v:g}" for v in P], P_COLOR),
            (tex(r"-\log_2 Q(x)"), [fmt_num(v) for v in CODE_LEN_Q], Q_COLOR),
            (zh("乘积", size=BODY_SIZE), TERMS_SHOWN, ACCENT),
        ]
        table = VGroup()
        for header, cells, color in rows:
            row_cells = VGroup(*[figure_text(c, size=STRONG_LABEL_SIZE, color=color) for c in cells])
            for cell, slot in zip(row_cells, chart.slots):
                cell.set_x(slot.get_x())
            header.next_to(row_cells, LEFT, buff=SECTION_GAP)
            row = VGroup(header, row_cells)
            if len(table):
                row.next_to(table, DOWN, buff=GAP * 0.8, coor_mask=UP)
            table.add(row)
        # the running total: "累计" while it is a partial sum, H(P, Q) once every face is in
        so_far = zh("累计", size=LEAD_SIZE)
        number = Figure(0.0, size=LEAD_SIZE * FIGURE_BESIDE_TEX * 1.1)
        unit = zh("比特", size=LEAD_SIZE * 0.8)
        total = VGroup(so_far, number, unit).arrange(RIGHT, buff=0.15)
        unit.align_to(number, DOWN)
        table.next_to(chart, DOWN, buff=GAP, coor_mask=UP)      # keep the cells under their slots
        total.next_to(table, DOWN, buff=GAP * 1.2).set_x(chart.get_x())
        VGroup(chart, table, total).next_to(formula, DOWN, buff=GAP, coor_mask=UP)
        # centre chart, table and total together (the row headers stick out on the left)
        shift = -VGroup(chart, table).get_center()[0] * RIGHT
        VGroup(chart, table, total).shift(shift)
        named = tex(r"H(P, Q)", {"=": "=", "≈": r"\approx"}[TOTAL_RELATION], size=LEAD_SIZE)
        named.next_to(number, LEFT, buff=0.15)
        why = VGroup(tex(rf"= \log_2 {SIDES}", size=LEAD_SIZE), zh("每面一样长", size=LABEL_SIZE, color=MUTED))
        why.arrange(RIGHT, buff=0.3).next_to(unit, RIGHT, buff=GAP)
        why[0].align_to(named, DOWN)

        self.swap_chart(chart, p_bars, q_bars, Write(formula), FadeOut(self.legend),
                        FadeOut(VGroup(self.p_bars.labels, self.q_bars.labels)))
        running = ValueTracker(0.0)
        number.add_updater(lambda m: m.set_value(running.get_value()))

        highlight = SurroundingRectangle(VGroup(chart.slots[0], table[2][1][0]), color=ACCENT, buff=0.05)
        with self.narrate(
            f"按 Q 的码本，每面都是 {bits(CODE_LEN_Q[0])}；可实际掷出时，一点占{ONE_SHARE_ZH}，贡献 {fmt_num(TERMS[0])}。",
            en=f"Q's code book gives every face {en_bits(CODE_LEN_Q[0])}; but in real rolls face one comes up "
               f"{ONE_SHARE_EN} and contributes {en_num(TERMS[0])}.",
        ) as beat:
            self.play(*[FadeIn(row[0]) for row in table], run_time=0.6)
            self.play(LaggedStart(*[FadeIn(c) for c in table[1][1]], lag_ratio=0.15), run_time=1.5)
            beat.wait_until("可实际")
            self.play(Create(highlight), FadeIn(table[0][1][0]), run_time=1)
            self.play(FadeIn(table[2][1][0]), FadeIn(total), running.animate.set_value(TERMS[0]), run_time=1.2)
        rest = VGroup(*[VGroup(chart.slots[i], table[2][1][i]) for i in range(1, SIDES)])
        with self.narrate(
            f"其余{number_to_chinese(OTHERS)}面各 {fmt_num(TERMS[1])}，累计 {TOTAL_SHOWN} 比特：交叉熵。"
            "均匀码本每面一样长，骰子怎么作弊都是它。",
            en=f"The other {OTHERS} faces add {en_bits(TERMS[1])} each, {TOTAL_SHOWN} bits in all: the cross-entropy. A "
               "uniform code book makes every face the same length, so however the die is loaded, the average is this.",
            hold=1.2,
        ) as beat:
            self.play(highlight.animate.become(SurroundingRectangle(rest, color=ACCENT, buff=0.05)),
                      LaggedStart(*[FadeIn(c) for c in table[0][1][1:]], lag_ratio=0.1), run_time=1.2)
            self.play(LaggedStart(*[FadeIn(c) for c in table[2][1][1:]], lag_ratio=0.1),
                      running.animate.set_value(float(TERMS.sum())), run_time=2)
            beat.wait_until("：交叉熵")
            self.play(FadeOut(highlight), ReplacementTransform(so_far, named), run_time=0.8)
            beat.wait_until("均匀码本")
            self.play(FadeIn(why), Indicate(table[1][1], color=Q_COLOR), run_time=1.2)
        number.clear_updaters()
        self.formula, self.table = formula, table
        self.total = VGroup(named, number, unit)
        self.why = why

    # --- 8 ----------------------------------------------------------------------------
    def from_data(self):
        record = SurpriseRecord(DAYS, [Forecaster(f"预报甲\n天天报雨 {RAIN_CHANCE:.0%}", FORECAST, Q_COLOR)],
                                icon=day_icon, heading="第一节的记录", column=0.75)
        average = tex(r"\frac{1}{N}\sum_{i=1}^{N} -\log_2 Q(x_i)", r"\ \approx\ ", r"H(P, Q)", size=BIG_FORMULA_SIZE)
        note = zh("只用发生过的结果", size=BODY_SIZE, color=MUTED)
        VGroup(record, average, note).arrange(DOWN, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        record.hide_all()
        # the table needs P; the record does not: the formula stays, the table gives way to the record
        self.play(FadeOut(VGroup(self.chart, self.p_bars, self.q_bars, self.table, self.total, self.why)),
                  FadeOut(self.formula), run_time=FADE_OUT_TIME)
        with self.narrate(
            "P 未知？对真正发生的结果算意外，再平均："
            f"第一节天天报雨 {RAIN_CHANCE:.0%} 的预报，就是 {bits(RECORD_AVG)}。",
            en="P unknown: what now? Take the surprise of each outcome that actually happened, and "
               f"average: section 1's forecast of {RAIN_CHANCE:.0%} rain every day scores {en_bits(RECORD_AVG)}.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(VGroup(record.heading, record.rows[0].label, record.rows[0].baseline,
                                    record.rows[0].mean_line, record.rows[0].readout)), run_time=0.8)
            self.play(record.show_days(range(len(DAYS)), lag_ratio=0.1), run_time=beat.until("再平均", minimum=1.5))
            self.play(Write(average), FadeIn(note), run_time=1.2)
            beat.wait_until("第一节")
            self.play(Indicate(record.rows[0].readout, color=ACCENT), run_time=1)
        record.static()
        self.play(FadeOut(VGroup(record, average, note)), run_time=FADE_OUT_TIME)

    # --- 9 ----------------------------------------------------------------------------
    def drift_belief(self):
        drift = ValueTracker(D_FAIR)
        chart, _, q_bars = self.dice_chart(height=3.4, slot_width=0.8, face_size=0.42)

        y_max = np.ceil(ce_at(D_MAX) * 2) / 2
        axes = figure_axes([0, 1, 0.25], [1.5, y_max, 0.5], x_length=6.0, y_length=4.6, size=CAPTION_SIZE)
        x_label = zh("Q 偏离 P 的程度", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.45)
        y_label = zh("比特", size=LABEL_SIZE, color=MUTED).next_to(axes.y_axis, UP, buff=0.15)
        curve = axes.plot(ce_at, x_range=[0, D_MAX, 0.01], color=Q_COLOR, stroke_opacity=0.35)
        floor = DashedLine(axes.c2p(0, H_P), axes.c2p(1, H_P), color=P_COLOR)
        # under the floor, on the left: the curve runs above it, the fair die's tick is further right
        floor_label = tex(r"H(P)").next_to(floor, DOWN, buff=0.12).align_to(floor, LEFT).shift(RIGHT * GAP)
        floor_value = zh(bits(H_P), size=LABEL_SIZE, color=P_COLOR).next_to(floor_label, RIGHT, buff=GAP)
        fair_point = axes.c2p(D_FAIR, ce_at(D_FAIR))
        fair_tick = DashedLine(axes.c2p(D_FAIR, 1.5), fair_point, color=MUTED)
        fair_label = zh("公平骰子", size=LABEL_SIZE, color=MUTED).next_to(fair_point, UP + LEFT, buff=0.1)
        brace = Brace(Line(axes.c2p(D_FAIR, H_P), fair_point), RIGHT, buff=0.1, color=KL_COLOR)
        gap_label = VGroup(zh("多付", size=LABEL_SIZE, color=KL_COLOR), zh(bits(GAP_BITS), size=LABEL_SIZE, color=KL_COLOR))
        gap_label.arrange(DOWN, buff=0.08, aligned_edge=LEFT).next_to(brace, RIGHT, buff=0.1)
        # the section's conclusion, written in the empty corner above the floor, left of the curve's rise
        law = tex(r"H(P, Q) \ \ge\ H(P)", size=HEADING_SIZE)
        law.next_to(axes.c2p(0.06, y_max - 0.3), DR, buff=0)
        dot = Dot(color=ACCENT).add_updater(lambda m: m.move_to(axes.c2p(drift.get_value(), ce_at(drift.get_value()))))
        trace = TracedPath(dot.get_center, stroke_color=ACCENT, stroke_width=4)
        plot = VGroup(axes, x_label, y_label, curve, fair_tick, fair_label)

        readout = Readout(r"H(P, Q)", lambda: ce_at(drift.get_value()), color=ACCENT)
        legend = pq_legend("P 真实", "Q 假设", direction=RIGHT, buff=SECTION_GAP)
        left = VGroup(readout, chart, legend).arrange(DOWN, buff=ROW_GAP)
        marks = VGroup(floor, floor_label, floor_value, brace, gap_label, law)   # shown later, placed with the plot
        VGroup(left, VGroup(plot, marks)).arrange(RIGHT, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        q_bars.set_values(q_at(D_FAIR)).follow(lambda: q_at(drift.get_value()))
        self.plot_marks, self.law = VGroup(left, plot, floor, floor_label, floor_value, law), law

        with self.narrate(
            f"按 P 设计码本，平均只要 {bits(H_P)}，即熵；用错码本，每掷多付 {fmt_num(GAP_BITS)}。",
            en=f"A code book built for P averages only {en_bits(H_P)}, the entropy; the wrong one costs "
               f"{en_bits(GAP_BITS)} more per roll.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(left), FadeIn(plot), FadeIn(dot), run_time=1)
            self.play(Create(floor), FadeIn(floor_label), FadeIn(floor_value), run_time=1)
            beat.wait_until("用错码本")
            self.play(FadeIn(brace), FadeIn(gap_label), run_time=0.8)
        self.add(trace)
        with self.narrate(
            f"让 Q 越来越不信一点：交叉熵猛涨到 {bits(ce_at(D_MAX))}，常见的事成了几乎不可能。",
            en=f"Let Q believe in a one less and less: cross-entropy soars to {en_bits(ce_at(D_MAX))}, a common event "
               "taken for nearly impossible.",
            hold=0.8,
        ) as beat:
            self.play(FadeOut(VGroup(brace, gap_label)), run_time=0.5)
            self.play(drift.animate.set_value(D_MAX), run_time=beat.until("常见的事", minimum=1), rate_func=smooth)
        with self.narrate(
            "Q 回到 P，交叉熵随之回落，重合时正好等于熵。",
            en="Move Q back to P and the cross-entropy falls with it, to exactly the entropy where they coincide.",
            hold=1.0,
        ) as beat:
            self.play(drift.animate.set_value(0), run_time=beat.until("重合时", minimum=1), rate_func=linear)
            self.play(Indicate(readout, color=P_COLOR), Indicate(floor_value, color=P_COLOR), run_time=1)
        q_bars.clear_updaters()
        readout.clear_updaters()
        dot.clear_updaters()
        self.plot_marks.add(dot, trace)

    # --- 10 ---------------------------------------------------------------------------
    def hand_over_to_kl(self):
        law = self.law
        teaser = zh("多出的一截：KL 散度", size=BODY_SIZE, color=KL_COLOR).next_to(law, DOWN, buff=GAP)
        teaser.align_to(law, LEFT)
        with self.narrate(
            "交叉熵永不小于熵，猜对才相等；多出的这截，下节细说。",
            en="Cross-entropy is never below entropy, equal only when the guess is right; the extra piece is next.",
            hold=0.6,
        ) as beat:
            self.play(Write(law), run_time=1.2)
            beat.wait_until("多出的")
            self.play(FadeIn(teaser, shift=UP * 0.2), run_time=0.8)
        self.play(FadeOut(VGroup(self.plot_marks, teaser)), run_time=0.8)
