"""Section 6 — 总结与拓展：极大似然与交叉熵

Classification (a one-hot label: the sum collapses to -log Q(y); with the arguments swapped it
would take log 0 and be infinite, which is why the data come first; bits and the nats of ML
libraries, side by side), the derivation "maximum likelihood = minimum cross-entropy" one step
at a time (the base of the log does not move the optimum), a check with ten coin flips scored
like section 1's forecasters (average surprise = average negative log-likelihood; the boxed
cross-entropy of the derivation carried down into it), the coin turned into binary
cross-entropy (its two surprises are the two terms) with GAN and VAE (whose loss adds section
4's KL), and the film's closing card.

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
    Brace,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Indicate,
    ReplacementTransform,
    RoundedRectangle,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

import infotheory as it
from scenes.kit.coins import BEST_COLOR, HEADS, TAILS, coin_icon
from scenes.kit.examples import current
from scenes.kit.figures import figure_axes, figure_text
from scenes.kit.mobjects import EntropyGap, ProbabilityChart, Readout, pq_legend
from scenes.kit.record import Forecaster, SurpriseRecord
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    EDGE,
    ENTROPY_COLOR,
    FADE_OUT_TIME,
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
    TEXT_COLOR,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, en_nats, nats
from scenes.speech.spoken import split_cues

# --- the examples -------------------------------------------------------------------------
EXAMPLES = current()  # assets/examples.toml: [classification], [coin]
# probability of the true class
GOOD, BAD = (
    EXAMPLES.classification.good,
    EXAMPLES.classification.bad,
)
CLASSES = ("猫", "狗", "鸟")  # the true class y is the first
P_LABEL = np.array([1.0, 0.0, 0.0])  # one-hot: the data say "cat"
# the model: GOOD on the cat, the rest shared
Q_GUESS = np.array([GOOD, (1 - GOOD) / 2, (1 - GOOD) / 2])
LOSS_BITS = float(it.cross_entropy(P_LABEL, Q_GUESS))  # = -log2 Q(y): the sum collapses
LOSS_NATS = float(it.cross_entropy(P_LABEL, Q_GUESS, base=math.e))  # what ML libraries report
SWAPPED = float(it.cross_entropy(Q_GUESS, P_LABEL))  # H(Q, P): log 0 -> infinite
BAD_BITS, BAD_NATS = float(it.self_information(BAD)), float(it.self_information(BAD, base=math.e))
FLIPS = np.array(EXAMPLES.coin.flips)  # 1 = heads (正), 0 = tails (反)
THETA_HAT = float(FLIPS.mean())  # the empirical frequency
P_DATA = it.bernoulli(THETA_HAT)  # the data distribution of one flip
THETA_FAIR = 0.5  # a forecaster who takes the coin for fair
# the closing card answers section 1's question with its record: the forecast's cross-entropy
# against the weather it met, the floor an honest forecast reaches (the record's entropy), and the
# gap between them
RECORD_DAYS = np.array(EXAMPLES.record.days)
RECORD_RAIN = EXAMPLES.forecast.rain
RECORD_SHARE = it.empirical_distribution(RECORD_DAYS, 2)
RECORD_CE = it.average_surprise(RECORD_DAYS, [RECORD_RAIN, round(1 - RECORD_RAIN, 2)])
RECORD_FLOOR = float(it.entropy(RECORD_SHARE))
RECORD_KL = float(it.kl_divergence(RECORD_SHARE, [RECORD_RAIN, round(1 - RECORD_RAIN, 2)]))
REASON_CHARS = 16  # longest line of a derivation step's reason
CURVE_TOP = 3  # bits: the top of the cross-entropy axis


def ce_of(theta: float) -> float:
    """H(P_data, Bernoulli(theta)) in bits: the average surprise of the flips under theta."""
    return float(it.cross_entropy(P_DATA, it.bernoulli(theta)))


def coin_forecast(theta: float) -> list[float]:
    """A forecaster's probabilities per outcome (tails, heads) for a coin with P(heads) = theta."""
    return [1 - theta, theta]


#: θ on a grid of step 0.01, where the curve stays on its axes
THETAS = np.array(
    [t for t in np.round(np.arange(0.01, 1.0, 0.01), 2) if ce_of(t) < CURVE_TOP - 0.05]
)
LL_BEST = float(THETAS[np.argmin([ce_of(t) for t in THETAS])])  # the best θ on the grid
AVG_FAIR = float(it.average_surprise(FLIPS, coin_forecast(THETA_FAIR)))
AVG_BEST = float(it.average_surprise(FLIPS, coin_forecast(LL_BEST)))
#: binary cross-entropy of one flip under the best θ: the label y is 1 for heads, 0 for tails, ŷ = θ
BCE_HEADS, BCE_TAILS = (
    float(it.binary_cross_entropy(1, LL_BEST)),
    float(it.binary_cross_entropy(0, LL_BEST)),
)


class MaximumLikelihoodIsCrossEntropy(SectionScene):
    section = "s6"

    def construct(self):
        self.show_title_card()
        self.recap()
        self.derive_from_maximum_likelihood()
        self.check_with_a_coin()
        self.binary_cross_entropy()
        self.closing_card()

    # --- 1 ----------------------------------------------------------------------------
    def recap(self):
        chart = ProbabilityChart(
            [f"{c}（y）" if k == 0 else c for k, c in enumerate(CLASSES)],
            max_value=1.0,
            height=1.8,
            slot_width=1.5,
        )
        chart.add_series(P_LABEL, P_COLOR, show_values=False)
        chart.add_series(Q_GUESS, Q_COLOR, label_size=LABEL_SIZE)
        legend = pq_legend("标签 P（one-hot）", "模型 Q", direction=RIGHT, buff=GAP)
        picture = VGroup(chart, legend).arrange(DOWN, buff=0.3)
        lines = VGroup(
            tex(r"H(P, Q)", "=", r"-\sum_k P(k)\,\log_2 Q(k)", size=FORMULA_SIZE),
            # the closing bracket apart: it stays when the zeros dim
            tex(
                "=",
                r"-\big[\,1 \cdot \log_2 Q(y)",
                r"+\;",
                r"\sum_{k \ne y} 0 \cdot \log_2 Q(k)",
                r"\;\;\big]",
                size=FORMULA_SIZE,
            ),
            tex("=", r"\;-\log_2 Q(y)", size=BIG_FORMULA_SIZE),  # room for the box
        ).arrange(DOWN, buff=0.35, aligned_edge=LEFT)
        for line in lines[1:]:
            line.shift(RIGHT * (lines[0][1].get_x() - line[0].get_x()))
        top = VGroup(picture, lines).arrange(RIGHT, buff=SECTION_GAP)
        top.scale_to_fit_width(min(top.width, 12.4)).to_edge(UP, buff=EDGE + 0.3)
        zero_terms = SurroundingRectangle(lines[1][3], color=MUTED, buff=0.12)
        answer = SurroundingRectangle(lines[2][1], color=ACCENT, buff=0.14)
        with self.narrate(
            "分类时，P 只有正确类别是 1：乘以零的项都消失，只剩它概率的负对数。",
            en="In classification P is 1 only for the right class: every term multiplied by zero "
            "vanishes, leaving minus the log of its probability.",
            hold=0.6,
        ) as beat:
            self.play(FadeIn(picture), Write(lines[0]), run_time=1.5)
            beat.wait_until("乘以零的项")
            self.play(FadeIn(lines[1], shift=DOWN * 0.25), run_time=1.0)
            self.play(Create(zero_terms), lines[1][3].animate.set_opacity(0.35), run_time=0.8)
            beat.wait_until("只剩")
            self.play(FadeIn(lines[2], shift=DOWN * 0.25), Create(answer), run_time=1.0)
        self.classification = VGroup(picture, lines, zero_terms, answer)
        self.swapped_order()
        self.bits_and_nats()

    def swapped_order(self):
        lines, answer = self.classification[1], self.classification[3]
        swapped = VGroup(
            tex(
                r"H(Q, P)",
                "=",
                r"-\big[\,Q(y) \log_2 1",
                "+",
                r"\sum_{k \ne y} Q(k)\,\log_2 0\,\big]",
                "=",
                r"\infty",
                size=FORMULA_SIZE,
            ),
            tex(r"\log_2 0 = -\infty", size=FORMULA_SIZE, color=ACCENT),
        )
        swapped.next_to(self.classification, DOWN, buff=SECTION_GAP)
        log_zero = SurroundingRectangle(swapped[0][4], color=ACCENT, buff=0.12)
        swapped[1].next_to(log_zero, DOWN, buff=0.15)
        first = zh("数据在前", size=LEAD_SIZE, color=ACCENT).next_to(answer, RIGHT, buff=GAP)
        with self.narrate(
            "反过来，H(Q, P) 要对 0 取对数：无穷大。所以数据放在前面。",
            en="The other way round, H(Q, P) takes the log of 0: infinity. That is why the data "
            "come first.",
            hold=0.4,
        ) as beat:
            self.play(Write(swapped[0][:3]), run_time=1.2)
            beat.wait_until("要对 0 取对数")
            self.play(Write(swapped[0][3:5]), Create(log_zero), FadeIn(swapped[1]), run_time=1.2)
            beat.wait_until("无穷大")
            self.play(Write(swapped[0][5:]), run_time=0.8)
            beat.wait_until("所以数据")
            self.play(
                FadeIn(first, shift=LEFT * 0.2), Indicate(lines[2], color=ACCENT), run_time=1.0
            )
        self.classification.add(first)
        self.swapped = VGroup(swapped, log_zero)

    def bits_and_nats(self):
        rows = VGroup()
        for prob, b, n in ((GOOD, LOSS_BITS, LOSS_NATS), (BAD, BAD_BITS, BAD_NATS)):
            rows.add(
                VGroup(
                    tex(rf"Q(y) = {prob:g}", size=FORMULA_SIZE),
                    tex(r"\rightarrow", size=FORMULA_SIZE),
                    Readout(rf"-\log_2 {prob:g}", value=b, unit="比特", size=FORMULA_SIZE),
                    Readout(
                        rf"-\ln {prob:g}", value=n, unit="奈特", color=ACCENT, size=FORMULA_SIZE
                    ),
                )
            )
        # bits and nats are two measures of one surprise, side by
        # side: not equal, so no "=" between them
        table = VGroup(*[m for row in rows for m in row]).arrange_in_grid(
            rows=2, cols=4, buff=(SECTION_GAP, ROW_GAP), col_alignments="llll"
        )
        for row in rows:  # one level per row: the formulas' "=" signs in line
            for part in row[1:]:
                anchor = part.label if isinstance(part, Readout) else part
                part.shift(UP * (row[0].get_center()[1] - anchor.get_center()[1]))
        table.move_to(self.swapped)
        with self.narrate(
            f"Q(y) 是{GOOD:g}：{bits(LOSS_BITS)}；框架用自然对数：{nats(LOSS_NATS)}。",
            en=f"Q(y) = {GOOD:g}: {en_bits(LOSS_BITS)}; ML libraries use the natural log: "
            f"{en_nats(LOSS_NATS)}.",
            hold=0.8,
        ) as beat:
            self.play(FadeOut(self.swapped), FadeIn(rows[0][:3]), run_time=1.0)
            beat.wait_until("框架用自然对数")
            self.play(FadeIn(rows[0][3:]), run_time=1.0)
            self.play(FadeIn(rows[1], lag_ratio=0.2), run_time=1.0)
        self.leaving = VGroup(self.classification, table)  # cleared as the next beat begins

    # --- 2 ----------------------------------------------------------------------------
    def derive_from_maximum_likelihood(self):
        formulas, reasons, names, box = self._derivation()
        say = [
            "极大似然：让数据最可能出现；样本独立，概率相乘。",
            "取对数、除以 N：变成平均，最优解不变。",
            "相同取值归到一起：出现的比例就是数据分布。",
            "再取负号，就是交叉熵：统计学和信息论，说的是一回事。",
        ]
        say_en = [
            "Maximum likelihood: make the data most probable; the samples are independent, so "
            "their probabilities multiply.",
            "Take the log and divide by N: an average, and the optimum stays put.",
            "Group equal values together: how often each one occurs is the data distribution.",
            "Flip the sign, and what is left is the cross-entropy: statistics and information "
            "theory say the same thing.",
        ]
        holds = [0.5, 1.0, 0.8, 1.2]  # a moment to read each line; the last ends the derivation
        with self.narrate(say[0], en=say_en[0], hold=holds[0]):
            self.play(FadeOut(self.leaving), run_time=0.4)
            self.play(Write(formulas[0]), FadeIn(reasons[0]), run_time=1.6)

        # each line comes in under the last, which stays (no copy morphing over it)
        def next_step(
            k,
        ):
            return (
                FadeIn(formulas[k], shift=DOWN * 0.25),
                reasons[k - 1].animate.set_color(MUTED),
                FadeIn(reasons[k]),
            )

        last = len(formulas) - 1
        for k in range(1, last - 1):
            with self.narrate(say[k], en=say_en[k], hold=holds[k]):
                self.play(*next_step(k), run_time=1.5)
        with self.narrate(say[-1], en=say_en[-1], hold=holds[-1]) as beat:
            self.play(*next_step(last - 1), run_time=1.5)
            beat.wait_until("就是交叉熵")
            self.play(*next_step(last), Create(box), run_time=1.5)
            beat.wait_until("统计学和信息论")
            self.play(names.animate.set_color(ACCENT), run_time=0.5)
            self.play(Indicate(names, color=ACCENT), run_time=1)
        self.leaving = VGroup(formulas, reasons, box)

    @classmethod
    def _derivation(cls) -> tuple[VGroup, VGroup, VGroup, SurroundingRectangle]:
        """The derivation's lines with their reasons, the two names of one thing, and a box.

        The box goes round the cross-entropy.
        """
        data = r"P_{\mathrm{data}}"
        steps = [
            (
                [
                    "\\theta^*",
                    "=",
                    "\\arg\\max_\\theta",
                    "\\prod_{i=1}^{N}",
                    "Q_\\theta(x^{(i)})",
                ],
                ["统计学：极大似然", "样本相互独立，概率相乘", r"Q_\theta(x) = p(x \mid \theta)"],
            ),
            (
                [
                    "=",
                    "\\arg\\max_\\theta",
                    "\\frac{1}{N}\\sum_{i=1}^{N}",
                    "\\log",
                    "Q_\\theta(x^{(i)})",
                ],
                ["取 log、除以 N：最优解不变", "log 的底数不影响最优解"],
            ),
            (
                ["=", "\\arg\\max_\\theta", f"\\sum_x {data}(x)", "\\log", "Q_\\theta(x)"],
                "按取值归类：x 出现的比例就是数据分布",
            ),
            (
                ["=", "\\arg\\min_\\theta", f"-\\sum_x {data}(x)", "\\log", "Q_\\theta(x)"],
                ["取负号：max 变 min"],
            ),
            # a space before H: the box round it stays clear of "min"
            (["=", "\\arg\\min_\\theta", f"\\;H({data},\\, Q_\\theta)"], ["信息论：这正是交叉熵"]),
        ]
        # the lines stay on screen, their "=" signs in one column; each step's reason beside it
        formulas = VGroup(*[tex(*parts, size=HEADING_SIZE) for parts, _ in steps]).arrange(
            DOWN, buff=0.3
        )
        equals = [f[[part.tex_string for part in f].index("=")] for f in formulas]
        for f, eq in zip(formulas[1:], equals[1:]):
            f.shift(RIGHT * (equals[0].get_x() - eq.get_x()))
        reasons = VGroup(*[cls._reason(r) for _, r in steps])
        for r, f in zip(reasons, formulas):
            r.next_to(formulas, RIGHT, buff=SECTION_GAP).match_y(f)
        # the two names of one thing: the first step's reason and the last's
        names = VGroup(reasons[0][0], reasons[-1][0])
        VGroup(formulas, reasons).move_to(0).to_edge(UP, buff=EDGE)
        box = SurroundingRectangle(formulas[-1][-1], color=ACCENT, buff=0.14)
        return formulas, reasons, names, box

    @staticmethod
    def _reason(reason) -> VGroup:
        """A step's reason, beside its line of the derivation.

        A sentence is broken after its clause punctuation when it is long; a list gives the lines
        itself, and a line with a backslash in it is a formula.
        """
        if isinstance(reason, str):
            lines = [
                zh(line, size=STRONG_LABEL_SIZE, color=ACCENT)
                for line in split_cues(reason, REASON_CHARS)
            ]
        else:
            lines = [
                tex(line, size=FORMULA_SIZE)
                if "\\" in line
                else zh(line, size=STRONG_LABEL_SIZE, color=ACCENT)
                for line in reason
            ]
        return VGroup(*lines).arrange(DOWN, buff=0.12, aligned_edge=LEFT)

    # --- 3 ----------------------------------------------------------------------------
    def check_with_a_coin(self):
        heads = int(FLIPS.sum())
        record = SurpriseRecord(
            FLIPS,
            [
                Forecaster(f"θ = {THETA_FAIR:g}", coin_forecast(THETA_FAIR), Q_COLOR),
                Forecaster(f"θ = {LL_BEST:g}", coin_forecast(LL_BEST), BEST_COLOR),
            ],
            icon=coin_icon,
            heading="抛硬币",
            column=0.75,
            unit=0.42,
            row_gap=0.5,
        )
        record.move_to(0).to_edge(UP, buff=EDGE)
        record.hide_all()
        second = record.rows[1]
        second_parts = VGroup(second.label, second.baseline, second.mean_line, second.readout)
        second_parts.set_opacity(0)  # the second forecaster comes in the next beat
        # the derivation's boxed cross-entropy comes down to be
        # what the coin's average surprise equals
        cross_entropy = tex(r"H(P_{\mathrm{data}},\, Q_\theta)", size=FORMULA_SIZE)
        link = VGroup(
            zh("平均意外", size=LEAD_SIZE),
            tex(r"= -\frac{1}{N}\sum_i \log_2 Q_\theta(x_i)", size=FORMULA_SIZE),
            VGroup(tex("=", size=FORMULA_SIZE), cross_entropy).arrange(RIGHT, buff=0.15),
        ).arrange(RIGHT, buff=0.2)
        link[2].next_to(link[1], DOWN, buff=0.25, aligned_edge=LEFT)
        axes = figure_axes([0, 1, 0.5], [0, CURVE_TOP, 1], x_length=3.4, y_length=1.5)
        curve = axes.plot(ce_of, x_range=[THETAS[0], THETAS[-1], 0.01], color=MUTED)
        x_label = tex(r"\theta", size=FORMULA_SIZE).next_to(axes.x_axis, RIGHT, buff=0.2)
        marks = VGroup(
            *[
                Dot(axes.c2p(t, ce_of(t)), color=c)
                for t, c in ((THETA_FAIR, Q_COLOR), (LL_BEST, BEST_COLOR))
            ]
        )
        best = DashedLine(axes.c2p(LL_BEST, 0), axes.c2p(LL_BEST, CURVE_TOP), color=P_COLOR)
        share = zh("正面的频率", size=LABEL_SIZE, color=P_COLOR).next_to(best, UP, buff=0.1)
        plot = VGroup(axes, curve, x_label, best, marks, share)
        VGroup(link, plot).arrange(RIGHT, buff=WIDE_GAP).next_to(record, DOWN, buff=GAP)
        formulas, reasons, box = self.leaving
        kept = formulas[-1][-1]
        boxed = SurroundingRectangle(cross_entropy, color=ACCENT, buff=0.14)
        with self.narrate(
            f"硬币抛了{len(FLIPS)}次，{heads}次是正面。每个 θ 像第一节的预报员："
            "平均意外就是平均负对数似然。",
            en=f"A coin check: {len(FLIPS)} flips, {heads} of them heads. Each θ is a forecaster, "
            "as in section 1: its average surprise is the average negative log-likelihood.",
            hold=0.3,
        ) as beat:
            first = record.rows[0]
            self.play(
                FadeOut(VGroup(formulas[:-1], formulas[-1][:-1], reasons)),
                ReplacementTransform(kept, cross_entropy),
                ReplacementTransform(box, boxed),
                run_time=1.0,
            )
            self.play(
                FadeIn(record.heading),
                record.show_days(range(len(FLIPS)), rows=[], lag_ratio=0.1),
                run_time=1.2,
            )
            beat.wait_until("每个 θ")
            self.play(
                FadeIn(VGroup(first.label, first.baseline, first.mean_line, first.readout)),
                run_time=0.4,
            )
            self.play(record.show_days(range(len(FLIPS)), rows=[0], lag_ratio=0.05), run_time=1.3)
            beat.wait_until("平均意外")
            self.play(FadeIn(VGroup(link[0], link[1], link[2][0]), shift=UP * 0.2), run_time=1.0)
        with self.narrate(
            f"θ 取{THETA_FAIR:g}，平均 {bits(AVG_FAIR)}；θ 等于{LL_BEST:.2f}的地方最低："
            f"{bits(AVG_BEST)}。",
            en=f"θ = {THETA_FAIR:g} averages {en_bits(AVG_FAIR)}; the lowest is at θ = "
            f"{LL_BEST:.2f}, the share of heads: {en_bits(AVG_BEST)}.",
            hold=1.2,
        ) as beat:
            self.play(Indicate(record.rows[0].readout, color=Q_COLOR), run_time=0.8)
            beat.wait_until(f"θ 等于{LL_BEST:.2f}")
            self.play(*[m.animate.set_opacity(1) for m in second_parts], run_time=0.4)
            self.play(record.show_days(range(len(FLIPS)), rows=[1], lag_ratio=0.05), run_time=1.3)
            self.play(FadeIn(axes), FadeIn(x_label), Create(curve), FadeIn(marks), run_time=1.2)
            self.play(
                Create(best),
                FadeIn(share),
                Indicate(record.rows[1].readout, color=BEST_COLOR),
                run_time=1.0,
            )
        self.coin = {"record": record.static(), "link": VGroup(link, boxed), "plot": plot}

    # --- 4 ----------------------------------------------------------------------------
    def binary_cross_entropy(self):
        record, link, plot = self.coin["record"], self.coin["link"], self.coin["plot"]
        fair, best = record.rows
        loss = tex(
            r"-\log_2 Q_\theta(y)",
            "=",
            r"-\big[\,y\,\log_2\hat{y}",
            "+",
            r"(1-y)\,\log_2(1-\hat{y})\,\big]",
            size=BIG_FORMULA_SIZE,
        )
        # the coin's two surprises are the two terms: a head (y = 1)
        # costs -log θ, a tail (y = 0) -log(1 - θ)
        per_flip, sources = VGroup(), []
        for term, side, value in ((loss[2], HEADS, BCE_HEADS), (loss[4], TAILS, BCE_TAILS)):
            day = int(np.flatnonzero(side == FLIPS)[0])
            entry = VGroup(
                tex(f"y = {side}", size=FORMULA_SIZE),
                coin_icon(side, height=0.45),
                figure_text(value, 2, size=STRONG_LABEL_SIZE, color=BEST_COLOR),
                zh("比特", size=LABEL_SIZE, color=BEST_COLOR),
            ).arrange(RIGHT, buff=0.15)
            entry.next_to(term, DOWN, buff=0.3)
            per_flip.add(entry)
            sources.append((record.icons[day], best.values[day]))
        brace = Brace(VGroup(loss[2:], per_flip), DOWN, color=ACCENT)
        name = VGroup(
            zh("二元交叉熵（BCE）", size=LEAD_SIZE, color=ACCENT),
            zh("硬币里", size=LABEL_SIZE, color=MUTED),
            tex(rf"\hat{{y}} = \theta = {LL_BEST:g}", size=FORMULA_SIZE),
        ).arrange(RIGHT, buff=0.25)
        name.next_to(brace, DOWN, buff=0.2)
        formula = VGroup(loss, per_flip, brace, name)
        gan = self._pipeline(
            "GAN", ["生成器", "判别器", "真 / 假"], VGroup(zh("判别器的损失：BCE", size=LABEL_SIZE))
        )
        vae = self._pipeline(
            "VAE",
            ["编码", "z", "解码"],
            VGroup(
                zh("损失 = 重建项（BCE）+", size=LABEL_SIZE),
                zh("KL", size=LABEL_SIZE, color=KL_COLOR),
            ).arrange(RIGHT, buff=0.15),
        )
        uses = VGroup(gan, vae).arrange(RIGHT, buff=WIDE_GAP, aligned_edge=UP)
        end = VGroup(formula.copy(), uses).arrange(DOWN, buff=SECTION_GAP).move_to(UP * 0.4)
        # the best row takes the first row's place
        rise = best.baseline.get_y() - fair.baseline.get_y()
        formula.next_to(VGroup(record.icons, best).copy().shift(DOWN * rise), DOWN, buff=GAP)
        with self.narrate(
            "这枚硬币，就是二元交叉熵：GAN 的判别器、VAE 的重建，都用它。",
            en="This coin is binary cross-entropy: a GAN's discriminator and a VAE's "
            "reconstruction both use it.",
            hold=0.8,
        ) as beat:
            self.play(
                FadeOut(VGroup(link, plot, fair)),
                best.animate.shift(DOWN * rise),
                Write(loss),
                run_time=1.2,
            )
            self.play(
                *[TransformFromCopy(icon, entry[1]) for (icon, _), entry in zip(sources, per_flip)],
                *[
                    TransformFromCopy(value, entry[2])
                    for (_, value), entry in zip(sources, per_flip)
                ],
                *[FadeIn(VGroup(entry[0], entry[3])) for entry in per_flip],
                run_time=1.0,
            )
            beat.wait_until("二元交叉熵")
            self.play(GrowFromCenter(brace), FadeIn(name), run_time=0.8)
            beat.wait_until("GAN")
            self.play(FadeOut(record), run_time=0.4)  # gone before the formula moves up
            self.play(formula.animate.move_to(end[0]), FadeIn(gan, shift=UP * 0.2), run_time=0.8)
            beat.wait_until("VAE")
            self.play(FadeIn(vae, shift=UP * 0.2), run_time=0.8)
        self.play(FadeOut(VGroup(formula, uses)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _pipeline(title: str, stages: list[str], note: VGroup) -> VGroup:
        """A model as one small picture: a row of boxes joined by arrows.

        Its name is above and what its loss is below.
        """
        boxes = VGroup(
            *[
                VGroup(
                    RoundedRectangle(
                        corner_radius=0.1,
                        width=1.35,
                        height=0.6,
                        stroke_color=MUTED,
                        stroke_width=2,
                    ),
                    zh(s, size=LABEL_SIZE),
                )
                for s in stages
            ]
        )
        for b in boxes:
            b[1].move_to(b[0])
        boxes.arrange(RIGHT, buff=0.45)
        arrows = VGroup(
            *[
                Arrow(
                    a.get_right(),
                    b.get_left(),
                    buff=0.05,
                    color=MUTED,
                    stroke_width=3,
                    max_tip_length_to_length_ratio=0.35,
                )
                for a, b in zip(boxes, boxes[1:])
            ]
        )
        return VGroup(
            zh(title, size=STRONG_LABEL_SIZE, color=ACCENT), VGroup(boxes, arrows), note
        ).arrange(DOWN, buff=0.2)

    # --- 5 ----------------------------------------------------------------------------
    def closing_card(self):
        """The opening question answered with the record's numbers.

        They are the forecast's cross-entropy, the floor and the gap.
        """
        gap = EntropyGap(
            RECORD_FLOOR,
            RECORD_CE,
            value_text=bits,
            gap_text=f"多出 {bits(RECORD_KL)}：KL 散度",
            scale=3.4,
        )
        for label, words in (
            (gap.label_p, "如实的预报：熵"),
            (gap.label_pq, f"报 {RECORD_RAIN:.0%} 的预报：交叉熵"),
        ):
            label.submobjects[1] = zh(words, size=LABEL_SIZE, color=MUTED).move_to(
                label[1], aligned_edge=RIGHT
            )
        question = zh("开头的预报，准吗？", size=HEADING_SIZE, color=ACCENT)
        law = tex(
            r"H(P, Q) =",
            r"H(P)",
            r"+",
            r"D_{KL}(P \,\|\, Q)",
            r"\ \ge\ ",
            r"H(P)",
            size=BIG_FORMULA_SIZE,
            color_map={r"D_{KL}": KL_COLOR, r"H(P)": ENTROPY_COLOR},
        )
        thanks = zh("感谢观看", size=BODY_SIZE, color=MUTED)
        motto = zh("最小化交叉熵 = 极大似然 = 让 Q 逼近 P", size=LEAD_SIZE, color=TEXT_COLOR)
        card = VGroup(question, gap, VGroup(law, motto).arrange(DOWN, buff=GAP)).arrange(
            DOWN, buff=GAP * 1.5
        )
        card.to_edge(UP, buff=EDGE)
        with self.narrate(
            f"回到开头：那份天天报{RECORD_RAIN:.0%}下雨的预报，平均每天意外 {bits(RECORD_CE)}，"
            f"如实的预报只要 {bits(RECORD_FLOOR)}；多出的 {bits(RECORD_KL)}，就是 KL 散度。"
            "准不准，要看长期平均的意外：交叉熵。",
            en=f"Back to the opening: the forecast of {RECORD_RAIN:.0%} rain every day costs "
            f"{en_bits(RECORD_CE)} of surprise a day on average, an honest one only "
            f"{en_bits(RECORD_FLOOR)}; the extra {en_bits(RECORD_KL)} is the KL divergence. How "
            "good a forecast is shows in the long-run average surprise: the cross-entropy.",
            hold=1.5,
        ) as beat:
            self.play(FadeIn(question), run_time=0.8)
            beat.wait_until("那份天天报")
            self.play(FadeIn(VGroup(gap.label_pq, gap.bar_pq, gap.value_pq)), run_time=1)
            beat.wait_until("如实的预报")
            self.play(
                FadeIn(VGroup(gap.label_p, gap.bar_p, gap.value_p)), Create(gap.floor), run_time=1
            )
            beat.wait_until("多出的")
            self.play(
                Create(gap.gap), GrowFromCenter(gap.brace), FadeIn(gap.gap_label), run_time=1.2
            )
            beat.wait_until("准不准")
            # the answer to the title's question is the cross-entropy's bar: pointed at, not written
            self.play(
                Indicate(VGroup(gap.label_pq, gap.bar_pq, gap.value_pq), color=ACCENT), run_time=0.7
            )
            beat.wait_until("要看长期")
            self.play(Write(law), run_time=1.5)
            self.play(FadeIn(motto, shift=UP * 0.1), run_time=0.8)
        self.play(FadeOut(card), run_time=0.8)
        self.play(FadeIn(thanks), run_time=0.6)
        self.wait(0.3)
        self.play(FadeOut(thanks), run_time=0.8)
