"""Section 6 — 总结与拓展：极大似然与交叉熵

Recap (loss = H(P_data, Q_model); classification with softmax, a worked example in nats),
the derivation "maximum likelihood = minimum cross-entropy" one step at a time, a numeric
check with a coin, binary cross-entropy as the special case, and the film's closing card.

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
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    TransformMatchingTex,
    VGroup,
    Write,
)

import infotheory as it
from scenes.kit.figures import figure_axes
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BODY_SIZE,
    CAPTION_SIZE,
    DISPLAY_SIZE,
    ENTROPY_COLOR,
    FADE_OUT_TIME,
    GAP,
    HEADING_SIZE,
    LABEL_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    ROW_GAP,
    SECTION_GAP,
    TOP_ROW,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import fmt_num, nats

# --- the examples -------------------------------------------------------------------------
GOOD, BAD = 0.7, 0.1                                   # softmax probability of the true class
LOSS_GOOD = float(it.self_information(GOOD, base=math.e))   # frameworks use the natural log
LOSS_BAD = float(it.self_information(BAD, base=math.e))
NAT_IN_BITS = float(it.self_information(1 / math.e))      # 1 nat = log2(e) bits
FLIPS = np.array([1, 1, 0, 1, 1, 1, 0, 1, 0, 1])     # 1 = heads: 7 heads in 10
THETA_HAT = float(FLIPS.mean())                      # the empirical frequency
P_DATA = it.bernoulli(THETA_HAT)                     # the data distribution of one flip
THETAS = np.linspace(0.06, 0.98, 93)                 # step 0.01; both curves stay on their axes


def avg_log_likelihood(theta: float) -> float:
    """(1/N) sum_i log2 p(x_i | theta), from the flips themselves."""
    p_each = np.where(FLIPS == 1, theta, 1 - theta)
    return -float(np.mean(it.self_information(p_each)))


def ce_of(theta: float) -> float:
    """H(P_data, Bernoulli(theta)) in bits."""
    return float(it.cross_entropy(P_DATA, it.bernoulli(theta)))


LL_BEST = float(THETAS[np.argmax([avg_log_likelihood(t) for t in THETAS])])
CE_BEST = float(THETAS[np.argmin([ce_of(t) for t in THETAS])])


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
        loss = tex(r"\text{Loss} = H(P_{\mathrm{data}},\, Q_{\mathrm{model}})").to_edge(UP, buff=TOP_ROW)
        rows = VGroup()
        for prob, value in ((GOOD, LOSS_GOOD), (BAD, LOSS_BAD)):
            rows.add(VGroup(zh(f"真实类别的概率 {prob:g}", size=BODY_SIZE),
                            tex(rf"-\ln {prob:g}"), zh(f"= {nats(value)}", size=BODY_SIZE, color=ACCENT))
                     .arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, buff=ROW_GAP, aligned_edge=LEFT).next_to(loss, DOWN, buff=SECTION_GAP)
        note = zh(f"分类：softmax + 交叉熵　框架用自然对数，单位奈特（1 奈特 ≈ {fmt_num(NAT_IN_BITS)} 比特）",
                  size=LABEL_SIZE, color=MUTED).next_to(rows, DOWN, buff=SECTION_GAP)
        with self.narrate("回顾一下：训练模型，就是最小化数据分布与模型分布之间的交叉熵。"):
            self.play(Write(loss), run_time=1.5)
        with self.narrate(
            "分类时，损失是真实类别概率的负对数，框架多用自然对数："
            f"概率{GOOD:g}时损失 {nats(LOSS_GOOD)}，{BAD:g}时是 {nats(LOSS_BAD)}。"
        ):
            self.play(FadeIn(rows[0]), FadeIn(note), run_time=1)
            self.play(FadeIn(rows[1]), run_time=1)
        self.play(FadeOut(VGroup(loss, rows, note)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
    def derive_from_maximum_likelihood(self):
        data = r"P_{\mathrm{data}}"
        steps = [
            (["\\theta^*", "=", "\\arg\\max_\\theta", "\\prod_{i=1}^{N}", "p(x^{(i)} \\mid \\theta)"],
             "极大似然：让观测到的数据最可能出现"),
            (["\\theta^*", "=", "\\arg\\max_\\theta", "\\frac{1}{N}\\sum_{i=1}^{N}", "\\log", "p(x^{(i)} \\mid \\theta)"],
             "log 单调递增，乘以 1/N 也不改变最优解"),
            (["\\theta^*", "=", "\\arg\\max_\\theta", f"\\mathbb{{E}}_{{x \\sim {data}}}", "\\log", "p(x \\mid \\theta)"],
             "大数定律：样本平均趋于期望"),
            (["\\theta^*", "=", "\\arg\\min_\\theta", f"-\\sum_x {data}(x)", "\\log", "p(x \\mid \\theta)"],
             "展开期望并取负号：max 变 min"),
            (["\\theta^*", "=", "\\arg\\min_\\theta", f"H({data},\\, Q_\\theta)"],
             "这正是交叉熵"),
        ]
        formulas = [tex(*parts, size=HEADING_SIZE) for parts, _ in steps]
        reasons = [zh(r, size=BODY_SIZE, color=ACCENT) for _, r in steps]
        for f, r in zip(formulas, reasons):
            f.move_to(UP * 0.6)
            r.next_to(f, DOWN, buff=SECTION_GAP)
        say = [
            "这和极大似然是一回事：极大似然要让观测数据出现的概率最大。",
            "取对数、再除以 N，最优解都不变。",
            "样本足够多时，平均值趋于期望。",
            "把期望展开，再取负号，最大化变成最小化。",
            "这正是数据分布与模型的交叉熵。",
        ]
        current, reason = formulas[0], reasons[0]
        with self.narrate(say[0]):
            self.play(Write(current), FadeIn(reason), run_time=2)
        for f, r, words in zip(formulas[1:], reasons[1:], say[1:]):
            with self.narrate(words):
                self.play(TransformMatchingTex(current, f), FadeOut(reason), FadeIn(r), run_time=1.5)
            current, reason = f, r
        self.play(FadeOut(VGroup(current, reason)), run_time=FADE_OUT_TIME)

    # --- 3 ----------------------------------------------------------------------------
    def check_with_a_coin(self):
        coins = VGroup(*[
            VGroup(Circle(0.24, color=P_COLOR if x else MUTED, fill_opacity=0.25),
                   zh("正" if x else "反", size=CAPTION_SIZE)) for x in FLIPS
        ]).arrange(RIGHT, buff=0.12).to_edge(UP, buff=TOP_ROW)
        for c in coins:
            c[1].move_to(c[0])
        plots = VGroup()
        for fn, y_range, title, color in (
            (avg_log_likelihood, [-3, 0, 1], "平均对数似然（比特）", P_COLOR),
            (ce_of, [0, 3, 1], "交叉熵（比特）", Q_COLOR),
        ):
            axes = figure_axes([0, 1, 0.5], y_range, x_length=5.0, y_length=2.8)
            curve = axes.plot(fn, x_range=[THETAS[0], THETAS[-1], 0.01], color=color)
            best = CE_BEST if fn is ce_of else LL_BEST
            line = DashedLine(axes.c2p(best, y_range[0]), axes.c2p(best, y_range[1]), color=ACCENT)
            dot = Dot(axes.c2p(best, fn(best)), color=ACCENT)
            heading = zh(title, size=LABEL_SIZE).next_to(axes, UP, buff=0.45)
            x_label = tex(r"\theta", size=BODY_SIZE).next_to(axes.x_axis, RIGHT, buff=0.15)
            plots.add(VGroup(heading, axes, x_label, curve, line, dot))
        plots.arrange(RIGHT, buff=WIDE_GAP).next_to(coins, DOWN, buff=SECTION_GAP)
        result = zh(f"两条曲线的最优点都在 θ = {LL_BEST:.2f} = 正面的频率 {THETA_HAT:g}", size=BODY_SIZE,
                    color=ACCENT).next_to(plots, DOWN, buff=GAP)
        heads = int(FLIPS.sum())
        with self.narrate(
            f"用硬币验证一下：掷{len(FLIPS)}次，{heads}次正面。左边是对数似然，右边是交叉熵。"
        ):
            self.play(FadeIn(coins, lag_ratio=0.1), run_time=1.2)
            self.play(*[Create(p[1]) for p in plots], *[FadeIn(p[0]) for p in plots],
                      *[FadeIn(p[2]) for p in plots], run_time=1.2)
            self.play(*[Create(p[3]) for p in plots], run_time=1.2)
        with self.narrate(f"对数似然在 θ 等于{LL_BEST:.2f}处最高，交叉熵恰好在同一处最低。"):
            self.play(*[Create(p[4]) for p in plots], *[FadeIn(p[5]) for p in plots], run_time=1)
            self.play(FadeIn(result), run_time=0.8)
        self.play(FadeOut(VGroup(coins, plots, result)), run_time=FADE_OUT_TIME)

    # --- 4 ----------------------------------------------------------------------------
    def binary_cross_entropy(self):
        likelihood = tex(r"P(y \mid x)", "=", r"\hat{y}^{\,y}\,(1-\hat{y})^{1-y}", size=HEADING_SIZE)
        negative_log = tex(r"-\log P(y \mid x)", "=", r"-\left[\,y \log \hat{y} + (1-y)\log(1-\hat{y})\,\right]",
                           size=HEADING_SIZE)
        name = zh("二元交叉熵（BCE）", size=BODY_SIZE, color=ACCENT)
        likelihood.move_to(UP * 0.5)
        negative_log.move_to(UP * 0.5)
        name.next_to(negative_log, DOWN, buff=SECTION_GAP)
        with self.narrate(
            "二分类是特例：真实标签的似然写成这样，取负对数，就是二元交叉熵。"
        ) as beat:
            self.play(Write(likelihood), run_time=1.5)
            beat.wait_until("取负对数")
            self.play(TransformMatchingTex(likelihood, negative_log), run_time=1.5)
            self.play(FadeIn(name), run_time=0.8)
        self.play(FadeOut(VGroup(negative_log, name)), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def closing_card(self):
        title = zh("交叉熵", size=DISPLAY_SIZE)
        lines = VGroup(
            zh("用假设的分布 Q 描述真实的 P，平均要付出的代价", size=BODY_SIZE),
            tex(r"H(P, Q) = H(P) + D_{KL}(P \,\|\, Q) \ \ge\ H(P)"),
            zh("最小化交叉熵 = 极大似然 = 让 Q 逼近 P", size=BODY_SIZE, color=ENTROPY_COLOR),
        ).arrange(DOWN, buff=ROW_GAP)
        thanks = zh("感谢观看", size=BODY_SIZE, color=MUTED)
        card = VGroup(title, lines, thanks).arrange(DOWN, buff=SECTION_GAP).move_to(0)
        with self.narrate("交叉熵，就是用假设的分布去描述真实世界时，平均要付出的代价。感谢观看。"):
            self.play(Write(title), run_time=1.2)
            self.play(FadeIn(lines, lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(thanks), run_time=0.6)
        self.wait(1.0)
        self.play(FadeOut(card), run_time=1)
