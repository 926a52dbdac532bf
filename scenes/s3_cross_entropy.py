"""Section 3 — 交叉熵：当你的假设错了

A loaded die (true P) is predicted with a fair die (belief Q). The cross-entropy H(P, Q) is
built term by term as P-weighted code lengths under Q's code book, compared with H(P), and
then animated: as Q drifts away from P the cross-entropy climbs steeply; when Q lands on P
it falls to H(P) and never below.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""
from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
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
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.figures import figure_axes, figure_text
from scenes.kit.mobjects import DieFace, EntropyGap, ProbabilityChart, Readout, pq_legend
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    CAPTION_SIZE,
    EDGE,
    FADE_OUT_TIME,
    GAP,
    KL_COLOR,
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    ROW_GAP,
    SECTION_GAP,
    STRONG_LABEL_SIZE,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, fmt_num, number_to_chinese, shown_equation

# --- the example ------------------------------------------------------------------------
P = LOADED_DIE
Q = FAIR_DIE
OTHERS = SIDES - 1                          # the faces besides face one
#: Q drifts along the straight line from P through the fair die, parameter d: d = 0 is P
#: itself, d = 1 the point where that line reaches P(face 1) = 0, a die that "never" shows a 1.
STRETCH = P[0] / (P[0] - Q[0])              # how far past the fair die that point lies
NEVER_ONE = np.clip(P + STRETCH * (Q - P), 0.0, None)   # clip: rounding must not go below 0
D_FAIR = 1 / STRETCH                        # where the fair die sits on the path
D_MAX = 0.97

H_P = float(it.entropy(P))
H_PQ = float(it.cross_entropy(P, Q))
GAP_BITS = float(it.kl_divergence(P, Q))
CODE_LEN_Q = it.self_information(Q)          # code length of each face under Q's code book
CODE_LEN_P = it.self_information(P)          # ... and under the true code book
TERMS = P * CODE_LEN_Q                        # P(x) * (-log2 Q(x))
#: the table's products and total, with digits (or ≈) such that the sum is true as displayed
TERMS_SHOWN, TOTAL_RELATION, TOTAL_SHOWN = shown_equation(TERMS, sum, H_PQ)


def q_at(d: float) -> np.ndarray:
    """The belief Q after drifting by ``d`` (see ``NEVER_ONE``)."""
    return it.mixture(P, NEVER_ONE, d)


def ce_at(d: float) -> float:
    return float(it.cross_entropy(P, q_at(d)))


class CostOfAWrongBelief(SectionScene):
    section = "s3"

    def construct(self):
        self.show_title_card()
        self.bridge_from_entropy()
        self.introduce_loaded_die()
        self.build_cross_entropy()
        self.compare_with_entropy()
        self.drift_belief()
        self.hand_over_to_kl()

    # --- 1 ----------------------------------------------------------------------------
    def bridge_from_entropy(self):
        entropy_formula = tex(r"H(P) = -\sum_x P(x)\,\log_2 P(x)", size=BIG_FORMULA_SIZE)
        known = zh("上一节：真实分布 P 就在手里", size=LEAD_SIZE, color=MUTED)
        guess = zh("我们只好假设一个分布 Q", size=LEAD_SIZE, color=Q_COLOR)
        VGroup(known, entropy_formula, guess).arrange(DOWN, buff=SECTION_GAP)
        with self.narrate(
            "上一节算熵时，真实分布 P 是已知的。"
            "可现实中 P 常常未知，只能先假设一个分布 Q 来预测。",
            en="Last section's entropy used a known true distribution P. In reality P is often unknown, so we must assume a "
               "distribution Q to predict.",
        ) as beat:
            self.play(FadeIn(known), Write(entropy_formula), run_time=2)
            unknown = zh("现实中：P 是未知的", size=LEAD_SIZE, color=P_COLOR).move_to(known)
            beat.wait_until("可现实中")
            self.play(Transform(known, unknown), run_time=1)
            beat.wait_until("只能先假设")
            self.play(FadeIn(guess, shift=UP * 0.2), run_time=1)
        self.play(FadeOut(VGroup(known, entropy_formula, guess)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
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
        VGroup(legend, chart).arrange(DOWN, buff=SECTION_GAP).move_to(UP * 0.3)
        self.legend = legend

        with self.narrate(
            f"比如一枚作弊骰子：一点朝上的概率是{P[0]:g}，其余{number_to_chinese(OTHERS)}面各只有{P[1]:g}。"
            "这是真实分布 P，画成蓝色。",
            en=f"Say a loaded die shows a one with probability {P[0]:g}, each other face only {P[1]:g}. This is the true "
               "distribution P, in blue.",
        ):
            self.play(FadeIn(chart.baseline), FadeIn(chart.category_labels, lag_ratio=0.1), run_time=1)
            self.add(self.p_bars)       # Q's bars (and their value labels) come with Q, in the next beat
            self.play(growth_p.animate.set_value(1), FadeIn(legend[0]), run_time=2)
        with self.narrate(
            f"你却以为它是公平的，每面1/{SIDES}：这是假设 Q，画成橙色。",
            en=f"But you think it's fair, 1/{SIDES} a face: that's the assumed distribution Q, in orange.",
        ) as beat:
            self.add(self.q_bars)
            self.play(growth_q.animate.set_value(1), FadeIn(legend[1]), run_time=2)
            beat.wait_until("这是假设")
            self.play(Indicate(self.q_bars.bars[0], color=ACCENT),
                      Indicate(self.p_bars.bars[0], color=ACCENT), run_time=1.5)
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

    # --- 3 ----------------------------------------------------------------------------
    def build_cross_entropy(self):
        formula = tex(r"H(P, Q) = -\sum_x P(x)\,\log_2 Q(x)").to_edge(UP, buff=EDGE)
        # the chart makes room for the table: the same bars, shorter, without value labels
        # (the table's first row now carries P's values)
        chart, p_bars, q_bars = self.dice_chart(height=2.1, slot_width=1.6, face_size=0.4, max_value=P.max())
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
                row.next_to(table, DOWN, buff=GAP * 0.7, coor_mask=UP)
            table.add(row)
        total = Readout(r"H(P, Q)", value=0.0, size=LEAD_SIZE, relation=TOTAL_RELATION)
        table.next_to(chart, DOWN, buff=GAP, coor_mask=UP)      # keep the cells under their slots
        total.next_to(table, DOWN, buff=GAP).set_x(chart.get_x())
        VGroup(chart, table, total).next_to(formula, DOWN, buff=GAP, coor_mask=UP)
        # centre chart, table and total together (the row headers stick out on the left)
        shift = -VGroup(chart, table).get_center()[0] * RIGHT
        VGroup(chart, table, total).shift(shift)

        old = VGroup(self.chart.baseline, self.chart.category_labels, self.p_bars.bars, self.q_bars.bars)
        new = VGroup(chart.baseline, chart.category_labels, p_bars.bars, q_bars.bars)
        self.play(FadeOut(self.legend), FadeOut(VGroup(self.p_bars.labels, self.q_bars.labels)), run_time=0.5)
        self.play(ReplacementTransform(old, new), run_time=1)
        self.remove(new)
        self.add(chart)
        self.chart, self.p_bars, self.q_bars = chart, p_bars, q_bars
        running = ValueTracker(0.0)
        total.follow(running.get_value)

        with self.narrate(
            "还记得意外程度吗？按 Q 去预期，概率为 q 的结果，意外是以二为底、q 分之一的对数，"
            "这也正是按 Q 设计的码本给它的码长。"
            f"公平骰子的码本里，每面都是 {bits(CODE_LEN_Q[0])}。",
            en="Remember surprise? Expecting Q, an outcome of probability q has a surprise of log base two of 1/q, exactly its "
               f"code length in a codebook built for Q. In the fair die's codebook, each face gets {en_bits(CODE_LEN_Q[0])}.",
        ):
            self.play(Write(formula), run_time=2)
            self.play(*[FadeIn(row[0]) for row in table], run_time=1)
            self.play(LaggedStart(*[FadeIn(c) for c in table[1][1]], lag_ratio=0.15), run_time=2)

        highlight = SurroundingRectangle(VGroup(chart.slots[0], table[2][1][0]), color=ACCENT, buff=0.05)
        with self.narrate(
            f"但点数其实按 P 出现。一点的概率是{P[0]:g}，"
            f"乘上 {bits(CODE_LEN_Q[0])}，贡献 {bits(TERMS[0])}。",
            en=f"But the faces actually follow P. Face one has probability {P[0]:g}; times {en_bits(CODE_LEN_Q[0])}, it "
               f"contributes {en_bits(TERMS[0])}.",
        ):
            self.play(Create(highlight), FadeIn(table[0][1][0]), run_time=1)
            self.play(FadeIn(table[2][1][0]), FadeIn(total), running.animate.set_value(TERMS[0]), run_time=1.5)
        rest = VGroup(*[VGroup(chart.slots[i], table[2][1][i]) for i in range(1, 6)])
        with self.narrate(
            f"其余{number_to_chinese(OTHERS)}面各贡献 {bits(TERMS[1])}。"
            f"全部加起来，就是交叉熵 H(P, Q)，{'' if TOTAL_RELATION == '=' else '约'}{TOTAL_SHOWN} 比特。"
            "又是这个数？因为 Q 是均匀的，每面代价都一样，平均自然还是它。",
            en=f"The other {OTHERS} faces contribute {en_bits(TERMS[1])} each. All together, that's the cross-entropy H(P, Q), "
               f"{'' if TOTAL_RELATION == '=' else 'about '}{TOTAL_SHOWN} bits. This number again? Q is uniform, so every face "
               "costs the same, and naturally the average is the same.",
        ):
            self.play(highlight.animate.become(SurroundingRectangle(rest, color=ACCENT, buff=0.05)),
                      LaggedStart(*[FadeIn(c) for c in table[0][1][1:]], lag_ratio=0.1), run_time=1.5)
            self.play(LaggedStart(*[FadeIn(c) for c in table[2][1][1:]], lag_ratio=0.1),
                      running.animate.set_value(float(TERMS.sum())), run_time=2.5)
            self.play(FadeOut(highlight), Indicate(total, color=ACCENT), run_time=1)
        total.clear_updaters()
        self.formula, self.table, self.total = formula, table, total

    # --- 4 ----------------------------------------------------------------------------
    def compare_with_entropy(self):
        self.play(FadeOut(VGroup(self.chart, self.table, self.total, self.p_bars, self.q_bars)), run_time=1)
        g = EntropyGap(H_P, H_PQ, value_text=bits, gap_text=f"平均每掷多付 {bits(GAP_BITS)}：错误假设的代价",
                       scale=3.3, bar_height=0.75)
        own_code = zh(
            f"按 P 自己的码本：一点只要 {bits(CODE_LEN_P[0])}，其他点数各 {bits(CODE_LEN_P[1])}",
            size=BODY_SIZE, color=P_COLOR,
        ).next_to(g, DOWN, buff=SECTION_GAP)
        VGroup(g, own_code).next_to(self.formula, DOWN, buff=SECTION_GAP).set_x(0)

        with self.narrate(
            f"要是按真实的 P 设计码本，常见的一点，码长只要 {bits(CODE_LEN_P[0])}，"
            f"少见的各 {bits(CODE_LEN_P[1])}，平均就是熵 H(P)：{bits(H_P)}。",
            en="With a codebook built for the true P, the common face one needs a code length of only "
               f"{en_bits(CODE_LEN_P[0])}, the rare ones {en_bits(CODE_LEN_P[1])} each; the average is the entropy H(P): "
               f"{en_bits(H_P)}.",
        ):
            self.play(FadeIn(g.label_p), Create(g.bar_p), run_time=1.5)
            self.play(FadeIn(g.value_p), FadeIn(own_code), run_time=1)
        with self.narrate(
            f"用错的 Q，平均却要 {bits(H_PQ)}，每掷平均多付 {bits(GAP_BITS)}。"
            "这一截就是错误假设的代价。",
            en=f"With the wrong Q, though, it averages {en_bits(H_PQ)}, {en_bits(GAP_BITS)} more per roll. That extra piece is "
               "the price of a wrong assumption.",
        ):
            self.play(FadeIn(g.label_pq), Create(g.bar_pq), FadeIn(g.value_pq), run_time=1.5)
            self.play(Create(g.floor), Create(g.gap), run_time=1)
            self.play(FadeIn(g.brace), FadeIn(g.gap_label), run_time=1)
        self.play(FadeOut(VGroup(g, own_code)),
                  FadeOut(self.formula), run_time=0.8)

    # --- 5 ----------------------------------------------------------------------------
    def drift_belief(self):
        drift = ValueTracker(D_FAIR)
        chart, _, q_bars = self.dice_chart(height=3.0, slot_width=0.8, face_size=0.42)
        q_bars.set_values(q_at(D_FAIR)).follow(lambda: q_at(drift.get_value()))

        y_max = np.ceil(ce_at(D_MAX) * 2) / 2
        axes = figure_axes([0, 1, 0.25], [1.5, y_max, 0.5], x_length=6.2, y_length=4.6, size=CAPTION_SIZE)
        x_label = zh("Q 偏离 P 的程度", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.45)
        y_label = zh("比特", size=LABEL_SIZE, color=MUTED).next_to(axes.y_axis, UP, buff=0.15)
        curve = axes.plot(ce_at, x_range=[0, D_MAX, 0.01], color=Q_COLOR, stroke_opacity=0.35)
        floor = DashedLine(axes.c2p(0, H_P), axes.c2p(1, H_P), color=P_COLOR)
        # under the floor, on the left: the curve runs above it, the fair die's tick is further right
        floor_label = tex(r"H(P)").next_to(floor, DOWN, buff=0.12).align_to(floor, LEFT).shift(RIGHT * GAP)
        fair_point = axes.c2p(D_FAIR, ce_at(D_FAIR))
        fair_tick = DashedLine(axes.c2p(D_FAIR, 1.5), fair_point, color=MUTED)
        fair_label = zh("公平骰子", size=LABEL_SIZE, color=MUTED).next_to(fair_point, UP + LEFT, buff=0.1)
        dot = Dot(color=ACCENT).add_updater(lambda m: m.move_to(axes.c2p(drift.get_value(), ce_at(drift.get_value()))))
        trace = TracedPath(dot.get_center, stroke_color=ACCENT, stroke_width=4)
        plot = VGroup(axes, x_label, y_label, curve, floor, floor_label, fair_tick, fair_label)

        readout = Readout(r"H(P, Q)", lambda: ce_at(drift.get_value()), color=ACCENT)
        legend = pq_legend("P 真实", "Q 假设", direction=RIGHT, buff=SECTION_GAP)
        left = VGroup(readout, chart, legend).arrange(DOWN, buff=ROW_GAP)
        VGroup(left, plot).arrange(RIGHT, buff=SECTION_GAP).move_to(UP * 0.3)
        floor_value = zh(bits(H_P), size=LABEL_SIZE, color=P_COLOR).next_to(floor_label, RIGHT, buff=GAP)

        with self.narrate(
            "现在让 Q 动起来：从公平骰子出发，让它越来越不信会掷出一点。",
            en="Now let Q move: starting from the fair die, it expects a one less and less.",
        ):
            self.play(FadeIn(left), FadeIn(plot), run_time=1.5)
            self.add(dot, trace)
        with self.narrate(
            f"一点的橙柱被压向零，交叉熵一路猛涨，到了 {bits(ce_at(D_MAX))}："
            "常见的事被当成几乎不可能：就像上一节，概率趋近零，意外就冲向无穷。",
            en=f"Face one's orange bar is pushed towards zero and cross-entropy soars to {en_bits(ce_at(D_MAX))}: a common "
               "event deemed nearly impossible. Just like last section: as probability nears zero, surprise shoots to infinity.",
        ) as beat:
            self.play(drift.animate.set_value(D_MAX), run_time=beat.until("常见的事", minimum=1), rate_func=smooth)
        with self.narrate(
            "反过来让 Q 靠向 P，交叉熵随之下降；"
            f"两者重合时，正好落到 H(P)，{bits(H_P)}，不会更低。",
            en="Conversely, move Q towards P and the cross-entropy falls; when they coincide, it lands exactly on H(P), "
               f"{en_bits(H_P)}, no lower.",
        ) as beat:
            self.play(drift.animate.set_value(0), run_time=beat.until("两者重合时", minimum=1), rate_func=linear)
            self.play(FadeIn(floor_value), Indicate(readout, color=P_COLOR), run_time=1)
        q_bars.clear_updaters()
        readout.clear_updaters()
        dot.clear_updaters()
        self.play(FadeOut(VGroup(left, plot, dot, trace, floor_value)), run_time=0.8)

    # --- 6 ----------------------------------------------------------------------------
    def hand_over_to_kl(self):
        inequality = tex(r"H(P, Q) \ \ge\ H(P)", size=BIG_FORMULA_SIZE)
        condition = zh("当且仅当 Q = P 时取等号", size=BODY_SIZE, color=MUTED)
        teaser = zh("差值 H(P, Q) − H(P) 是什么？下一节：KL 散度", size=BODY_SIZE, color=KL_COLOR)
        group = VGroup(inequality, condition, teaser).arrange(DOWN, buff=ROW_GAP)
        with self.narrate(
            "交叉熵永远不小于熵，猜对了分布才相等。"
            "多出的这一截是什么？下一节讲 KL 散度。",
            en="Cross-entropy is never below entropy, equal only if the guess is right. What's that extra piece? Next section: "
               "KL divergence.",
        ):
            self.play(Write(inequality), run_time=1.5)
            self.play(FadeIn(condition), run_time=1)
            self.play(FadeIn(teaser, shift=UP * 0.2), run_time=1)
        self.play(FadeOut(group), run_time=0.8)
