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
    Brace,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Rectangle,
    SurroundingRectangle,
    TransformMatchingTex,
    VGroup,
    Write,
)

import infotheory as it
from scenes.kit.figures import figure_axes
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    DISPLAY_SIZE,
    EDGE,
    ENTROPY_COLOR,
    FADE_OUT_TIME,
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
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import en_nats, fmt_num, nats, split_cues

# --- the examples -------------------------------------------------------------------------
GOOD, BAD = 0.7, 0.1                                   # softmax probability of the true class
LOSS_GOOD = float(it.self_information(GOOD, base=math.e))   # frameworks use the natural log
LOSS_BAD = float(it.self_information(BAD, base=math.e))
NAT_IN_BITS = float(it.self_information(1 / math.e))      # 1 nat = log2(e) bits
FLIPS = np.array([1, 1, 0, 1, 1, 1, 0, 1, 0, 1])     # 1 = heads: 7 heads in 10
THETA_HAT = float(FLIPS.mean())                      # the empirical frequency
P_DATA = it.bernoulli(THETA_HAT)                     # the data distribution of one flip
BAR_PER_NAT = 1.4                                    # length of a loss bar per nat, in frame units
REASON_CHARS = 16                                    # longest line of a derivation step's reason
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
        loss = tex(r"\text{Loss} = H(P_{\mathrm{data}},\, Q_{\mathrm{model}})", size=BIG_FORMULA_SIZE)
        kind = zh("分类：softmax + 交叉熵", size=LEAD_SIZE)
        cells = []
        for prob, value in ((GOOD, LOSS_GOOD), (BAD, LOSS_BAD)):
            bar = Rectangle(width=value * BAR_PER_NAT, height=0.4, stroke_width=0, fill_color=ACCENT, fill_opacity=0.85)
            cells += [zh(f"真实类别的概率 {prob:g}", size=LEAD_SIZE), tex(rf"-\ln {prob:g}", size=BIG_FORMULA_SIZE),
                      zh(f"= {nats(value)}", size=LEAD_SIZE, color=ACCENT), bar]
        table = VGroup(*cells).arrange_in_grid(rows=2, cols=4, buff=(GAP, ROW_GAP), col_alignments="llll")
        rows = VGroup(VGroup(*cells[:4]), VGroup(*cells[4:]))
        note = zh(f"框架用自然对数，单位奈特（1 奈特 ≈ {fmt_num(NAT_IN_BITS)} 比特）", size=BODY_SIZE, color=MUTED)
        example = VGroup(kind, table, note).arrange(DOWN, buff=SECTION_GAP)
        VGroup(loss, example).arrange(DOWN, buff=SECTION_GAP).move_to(0)
        loss_home = loss.get_center()
        loss.move_to(0)                     # it opens alone, in the middle
        with self.narrate("回顾一下：训练许多概率模型，做的都是最小化数据分布与模型分布之间的交叉熵。",
                          en="To recap: many probabilistic models are trained by minimising the cross-entropy of data "
                             "and model distributions."):
            self.play(Write(loss), run_time=1.5)
        with self.narrate(
            "分类时，损失是真实类别概率的负对数，框架多用自然对数："
            f"概率{GOOD:g}时损失 {nats(LOSS_GOOD)}，{BAD:g}时是 {nats(LOSS_BAD)}。",
            en="In classification the loss is the negative log of the true class's probability, and frameworks "
               f"mostly use the natural log: probability {GOOD:g} gives {en_nats(LOSS_GOOD)}, "
               f"{BAD:g} gives {en_nats(LOSS_BAD)}.",
        ):
            self.play(loss.animate.move_to(loss_home), FadeIn(kind), FadeIn(rows[0]), FadeIn(note), run_time=1)
            self.play(FadeIn(rows[1]), run_time=1)
        self.play(FadeOut(VGroup(loss, kind, rows, note)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
    def derive_from_maximum_likelihood(self):
        data = r"P_{\mathrm{data}}"
        steps = [
            (["\\theta^*", "=", "\\arg\\max_\\theta", "\\prod_{i=1}^{N}", "p(x^{(i)} \\mid \\theta)"],
             "极大似然：让观测到的数据最可能出现"),
            (["=", "\\arg\\max_\\theta", "\\frac{1}{N}\\sum_{i=1}^{N}", "\\log", "p(x^{(i)} \\mid \\theta)"],
             "log 单调递增，乘以 1/N 也不改变最优解"),
            (["=", "\\arg\\max_\\theta", f"\\mathbb{{E}}_{{x \\sim {data}}}", "\\log", "p(x \\mid \\theta)"],
             "大数定律：样本平均趋于期望"),
            (["=", "\\arg\\min_\\theta", f"-\\sum_x {data}(x)", "\\log", "p(x \\mid \\theta)"],
             "展开期望并取负号：max 变 min"),
            (["=", "\\arg\\min_\\theta", f"H({data},\\, Q_\\theta)"],
             "这正是交叉熵"),
        ]
        # the lines stay on screen, their "=" signs in one column; each step's reason beside it
        formulas = VGroup(*[tex(*parts, size=HEADING_SIZE) for parts, _ in steps]).arrange(DOWN, buff=GAP)
        equals = [f[[part.tex_string for part in f].index("=")] for f in formulas]
        for f, eq in zip(formulas[1:], equals[1:]):
            f.shift(RIGHT * (equals[0].get_x() - eq.get_x()))
        reasons = VGroup(*[self._reason(r) for _, r in steps])
        for r, f in zip(reasons, formulas):
            r.next_to(formulas, RIGHT, buff=SECTION_GAP).match_y(f)
        VGroup(formulas, reasons).move_to(0)
        box = SurroundingRectangle(formulas[-1][-1], color=ACCENT, buff=0.1)
        say = [
            "这和极大似然是一回事：极大似然要让观测数据出现的概率最大。",
            "取对数、再除以 N，最优解都不变。",
            "样本足够多时，平均值趋于期望。",
            "把期望展开，再取负号，最大化变成最小化。",
            "这正是数据分布与模型的交叉熵。",
        ]
        say_en = [
            "This is the same as maximum likelihood, which makes the observed data most probable.",
            "Take the log, then divide by N: same optimum.",
            "With enough samples, the average nears the expectation.",
            "Expand the expectation, negate it: maximising becomes minimising.",
            "That is exactly the cross-entropy of data and model.",
        ]
        with self.narrate(say[0], en=say_en[0]):
            self.play(Write(formulas[0]), FadeIn(reasons[0]), run_time=2)
        for k, words in enumerate(say[1:], start=1):
            last = k == len(steps) - 1
            with self.narrate(words, en=say_en[k]):
                self.play(TransformMatchingTex(formulas[k - 1].copy(), formulas[k]),
                          reasons[k - 1].animate.set_color(MUTED), FadeIn(reasons[k]),
                          *([Create(box)] if last else []), run_time=1.5)
        self.play(FadeOut(VGroup(formulas, reasons, box)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _reason(text: str) -> VGroup:
        """A step's reason, broken after its clause punctuation when it is long."""
        lines = [zh(line, size=STRONG_LABEL_SIZE, color=ACCENT) for line in split_cues(text, REASON_CHARS)]
        return VGroup(*lines).arrange(DOWN, buff=0.12, aligned_edge=LEFT)

    # --- 3 ----------------------------------------------------------------------------
    def check_with_a_coin(self):
        coins = VGroup(*[
            VGroup(Circle(0.3, color=P_COLOR if x else MUTED, fill_opacity=0.25),
                   zh("正" if x else "反", size=LABEL_SIZE)) for x in FLIPS
        ]).arrange(RIGHT, buff=0.15)
        for c in coins:
            c[1].move_to(c[0])
        plots = VGroup()
        for fn, y_range, title, color in (
            (avg_log_likelihood, [-3, 0, 1], "平均对数似然（比特）", P_COLOR),
            (ce_of, [0, 3, 1], "交叉熵（比特）", Q_COLOR),
        ):
            # the likelihood's θ axis runs along the top (its values are negative): ticks above it
            ticks_up = {"label_direction": UP} if y_range[1] == 0 else {}
            axes = figure_axes([0, 1, 0.5], y_range, x_length=4.6, y_length=3.2, x_axis_config=ticks_up)
            curve = axes.plot(fn, x_range=[THETAS[0], THETAS[-1], 0.01], color=color)
            best = CE_BEST if fn is ce_of else LL_BEST
            line = DashedLine(axes.c2p(best, y_range[0]), axes.c2p(best, y_range[1]), color=ACCENT)
            dot = Dot(axes.c2p(best, fn(best)), color=ACCENT)
            heading = zh(title, size=STRONG_LABEL_SIZE).next_to(axes, UP, buff=GAP)
            x_label = tex(r"\theta", size=HEADING_SIZE).next_to(axes.c2p(1, 0), RIGHT, buff=0.25)
            plots.add(VGroup(heading, axes, x_label, curve, line, dot))
        plots.arrange(RIGHT, buff=WIDE_GAP, aligned_edge=UP)
        result = zh(f"两条曲线的最优点都在 θ = {LL_BEST:.2f} = 正面的频率 {THETA_HAT:g}", size=LEAD_SIZE,
                    color=ACCENT)
        VGroup(coins, plots, result).arrange(DOWN, buff=GAP).to_edge(UP, buff=EDGE)
        heads = int(FLIPS.sum())
        with self.narrate(
            f"用硬币验证一下：掷{len(FLIPS)}次，{heads}次正面。左边是对数似然，右边是交叉熵。",
            en=f"Let's check with a coin: {len(FLIPS)} flips, {heads} heads. Left, the log-likelihood; right, the "
               "cross-entropy.",
        ):
            self.play(FadeIn(coins, lag_ratio=0.1), run_time=1.2)
            self.play(*[Create(p[1]) for p in plots], *[FadeIn(p[0]) for p in plots],
                      *[FadeIn(p[2]) for p in plots], run_time=1.2)
            self.play(*[Create(p[3]) for p in plots], run_time=1.2)
        with self.narrate(
            f"对数似然在 θ 等于{LL_BEST:.2f}处最高，交叉熵就在这里最低。"
            "这不是巧合：平均对数似然取个负号，就是对数据分布的交叉熵，两条曲线本是同一条，上下翻转而已。",
            en=f"The log-likelihood peaks at θ = {LL_BEST:.2f}, right where the cross-entropy is lowest. No "
               "coincidence: the average log-likelihood, negated, is the cross-entropy with the data distribution; "
               "the two curves are one, flipped upside down.",
        ):
            self.play(*[Create(p[4]) for p in plots], *[FadeIn(p[5]) for p in plots], run_time=1)
            self.play(FadeIn(result), run_time=0.8)
        self.play(FadeOut(VGroup(coins, plots, result)), run_time=FADE_OUT_TIME)

    # --- 4 ----------------------------------------------------------------------------
    def binary_cross_entropy(self):
        likelihood = tex(r"P(y \mid x)", "=", r"\hat{y}^{\,y}\,(1-\hat{y})^{1-y}", size=BIG_FORMULA_SIZE)
        negative_log = tex(r"-\log P(y \mid x)", "=", r"-\left[\,y \log \hat{y} + (1-y)\log(1-\hat{y})\,\right]",
                           size=BIG_FORMULA_SIZE)
        name = zh("二元交叉熵（BCE）", size=LEAD_SIZE, color=ACCENT)
        # the likelihood stays above its negative log, the "=" signs in one column
        VGroup(likelihood, negative_log).arrange(DOWN, buff=SECTION_GAP)
        likelihood.shift(RIGHT * (negative_log[1].get_x() - likelihood[1].get_x()))
        brace = Brace(negative_log[2], DOWN, color=ACCENT)
        name.next_to(brace, DOWN, buff=0.2)
        VGroup(likelihood, negative_log, brace, name).move_to(0)
        with self.narrate(
            "二分类是特例：真实标签的似然写成这样，取负对数，就是二元交叉熵。",
            en="Binary classification is a special case: this is the true label's likelihood; its negative log is "
               "binary cross-entropy.",
        ) as beat:
            self.play(Write(likelihood), run_time=1.5)
            beat.wait_until("取负对数")
            self.play(TransformMatchingTex(likelihood.copy(), negative_log), run_time=1.5)
            self.play(GrowFromCenter(brace), FadeIn(name), run_time=0.8)
        self.play(FadeOut(VGroup(likelihood, negative_log, brace, name)), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def closing_card(self):
        title = zh("交叉熵", size=DISPLAY_SIZE)
        lines = VGroup(
            zh("用假设的分布 Q 描述真实的 P，平均要付出的代价", size=LEAD_SIZE),
            tex(r"H(P, Q) = H(P) + D_{KL}(P \,\|\, Q) \ \ge\ H(P)", size=BIG_FORMULA_SIZE,
                color_map={r"D_{KL}": KL_COLOR}),
            zh("最小化交叉熵 = 极大似然 = 让 Q 逼近 P", size=LEAD_SIZE, color=ENTROPY_COLOR),
        ).arrange(DOWN, buff=ROW_GAP)
        thanks = zh("感谢观看", size=BODY_SIZE, color=MUTED)
        card = VGroup(title, lines, thanks).arrange(DOWN, buff=SECTION_GAP).move_to(0)
        with self.narrate(
            "交叉熵，就是用假设的分布去描述真实世界时，平均要付出的代价。"
            "回到开头的天气预报：只看一天，说明不了准不准；把很多天的意外平均起来，平均意外最低的预报，才是更好的预报。"
            "感谢观看。",
            en="Cross-entropy is the average cost of describing the real world with an assumed distribution. "
               "Back to the opening forecast: one day can't tell you if it's accurate; average the surprise over many "
               "days, and the forecast with the lowest average is the better one. Thanks for watching.",
        ) as beat:
            self.play(Write(title), run_time=1.2)
            self.play(FadeIn(lines, lag_ratio=0.3), run_time=1.5)
            beat.wait_until("感谢观看")
            self.play(FadeIn(thanks), run_time=0.6)
        self.wait(1.0)
        self.play(FadeOut(card), run_time=1)
