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
    Indicate,
    Rectangle,
    SurroundingRectangle,
    TransformMatchingTex,
    VGroup,
    Write,
)

import infotheory as it
from scenes.kit.examples import current
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
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import en_nats, fmt_num, nats, split_cues

# --- the examples -------------------------------------------------------------------------
EXAMPLES = current()                                   # assets/examples.toml: [classification], [coin]
GOOD, BAD = EXAMPLES.classification.good, EXAMPLES.classification.bad   # probability of the true class
LOSS_GOOD = float(it.self_information(GOOD, base=math.e))   # frameworks use the natural log
LOSS_BAD = float(it.self_information(BAD, base=math.e))
NAT_IN_BITS = float(it.self_information(1 / math.e))      # 1 nat = log2(e) bits
FLIPS = np.array(EXAMPLES.coin.flips)                # 1 = heads (正), 0 = tails (反)
THETA_HAT = float(FLIPS.mean())                      # the empirical frequency
P_DATA = it.bernoulli(THETA_HAT)                     # the data distribution of one flip
BAR_PER_NAT = 1.4                                    # length of a loss bar per nat, in frame units
REASON_CHARS = 16                                    # longest line of a derivation step's reason
CURVE_TOP = 3                                        # bits: the top of the cross-entropy axis


def avg_log_likelihood(theta: float) -> float:
    """(1/N) sum_i log2 p(x_i | theta), from the flips themselves."""
    p_each = np.where(FLIPS == 1, theta, 1 - theta)
    return -float(np.mean(it.self_information(p_each)))


def ce_of(theta: float) -> float:
    """H(P_data, Bernoulli(theta)) in bits."""
    return float(it.cross_entropy(P_DATA, it.bernoulli(theta)))


#: θ on a grid of step 0.01, where both curves stay on their axes (|value| below CURVE_TOP)
THETAS = np.array([t for t in np.round(np.arange(0.01, 1.0, 0.01), 2) if ce_of(t) < CURVE_TOP - 0.05])
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
        one_hot = VGroup(
            tex(r"H(P, Q) = -\sum_k P(k) \ln Q(k)", "=", r"-\ln Q(y)", size=HEADING_SIZE),
            zh("分类：P 是 one-hot，只有真实类别 y 的概率为 1", size=BODY_SIZE, color=MUTED),
        ).arrange(DOWN, buff=0.2)
        cells = []
        for prob, value in ((GOOD, LOSS_GOOD), (BAD, LOSS_BAD)):
            bar = Rectangle(width=value * BAR_PER_NAT, height=0.4, stroke_width=0, fill_color=ACCENT, fill_opacity=0.85)
            cells += [zh(f"Q(y) = {prob:g}", size=LEAD_SIZE), tex(rf"-\ln {prob:g}", size=BIG_FORMULA_SIZE),
                      zh(f"= {nats(value)}", size=LEAD_SIZE, color=ACCENT), bar]
        table = VGroup(*cells).arrange_in_grid(rows=2, cols=4, buff=(GAP, ROW_GAP), col_alignments="llll")
        rows = VGroup(VGroup(*cells[:4]), VGroup(*cells[4:]))
        note = zh(f"框架用自然对数，单位奈特（1 奈特 ≈ {fmt_num(NAT_IN_BITS)} 比特）", size=BODY_SIZE, color=MUTED)
        VGroup(loss, one_hot, table, note).arrange(DOWN, buff=GAP * 1.5).move_to(0)
        loss_home = loss.get_center()
        loss.move_to(0)                     # it opens alone, in the middle
        with self.narrate(
            "回顾：许多概率模型，训练时都在最小化交叉熵。"
            "分类时，真实分布是 one-hot，求和只剩正确类别那一项，损失就是它概率的自然对数取负："
            f"概率{GOOD:g}，损失 {nats(LOSS_GOOD)}；{BAD:g}，就是 {nats(LOSS_BAD)}。",
            en="To recap: many probabilistic models are trained by minimising cross-entropy. In classification the "
               "true distribution is one-hot, so only the right class's term of the sum is left: the loss is minus "
               f"the natural log of its probability. {GOOD:g} gives {en_nats(LOSS_GOOD)}, {BAD:g} gives "
               f"{en_nats(LOSS_BAD)}.",
        ) as beat:
            self.play(Write(loss), run_time=1.5)
            beat.wait_until("分类时")
            self.play(loss.animate.move_to(loss_home), FadeIn(one_hot[1]), run_time=1)
            beat.wait_until("求和只剩")
            self.play(Write(one_hot[0]), run_time=1.5)
            beat.wait_until(f"概率{GOOD:g}")
            self.play(FadeIn(rows[0]), FadeIn(note), run_time=0.8)
            beat.wait_until(f"{BAD:g}，就是")
            self.play(FadeIn(rows[1]), run_time=0.8)
        self.play(FadeOut(VGroup(loss, one_hot, rows, note)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
    def derive_from_maximum_likelihood(self):
        data = r"P_{\mathrm{data}}"
        steps = [
            (["\\theta^*", "=", "\\arg\\max_\\theta", "\\prod_{i=1}^{N}", "p(x^{(i)} \\mid \\theta)"],
             ["统计学：极大似然", "样本相互独立，概率相乘"]),
            (["=", "\\arg\\max_\\theta", "\\frac{1}{N}\\sum_{i=1}^{N}", "\\log", "p(x^{(i)} \\mid \\theta)"],
             "取 log、除以 N：最优解不变"),
            (["=", "\\arg\\max_\\theta", f"\\sum_x {data}(x)", "\\log", "p(x \\mid \\theta)"],
             "按取值归类：x 出现的比例就是数据分布"),
            (["=", "\\arg\\min_\\theta", f"-\\sum_x {data}(x)", "\\log", "Q_\\theta(x)"],
             [r"Q_\theta(x) = p(x \mid \theta)", "取负号：max 变 min"]),
            (["=", "\\arg\\min_\\theta", f"H({data},\\, Q_\\theta)"],
             ["信息论：这正是交叉熵"]),
        ]
        # the lines stay on screen, their "=" signs in one column; each step's reason beside it
        formulas = VGroup(*[tex(*parts, size=HEADING_SIZE) for parts, _ in steps]).arrange(DOWN, buff=0.3)
        equals = [f[[part.tex_string for part in f].index("=")] for f in formulas]
        for f, eq in zip(formulas[1:], equals[1:]):
            f.shift(RIGHT * (equals[0].get_x() - eq.get_x()))
        reasons = VGroup(*[self._reason(r) for _, r in steps])
        for r, f in zip(reasons, formulas):
            r.next_to(formulas, RIGHT, buff=SECTION_GAP).match_y(f)
        # the two names of one thing: the first step's reason and the last's
        names = VGroup(reasons[0][0], reasons[-1][0])
        VGroup(formulas, reasons).move_to(0).to_edge(UP, buff=EDGE)
        box = SurroundingRectangle(formulas[-1][-1], color=ACCENT, buff=0.1)
        say = [
            "统计学叫它极大似然：让观测数据最可能出现；样本相互独立，所以概率相乘。",
            "取对数，乘积变成求和；再除以 N，变成平均值，最优解都不变。",
            "把相同的取值归到一起：每个 x 在数据里出现的比例，就是数据分布。",
            "把模型的概率记作 Q θ，再取个负号，最大化就变成了最小化。",
            "剩下的正是交叉熵，信息论的说法；两种说法，是同一件事。",
        ]
        say_en = [
            "Statistics calls it maximum likelihood: make the observed data most probable; the samples are "
            "independent, so their probabilities multiply.",
            "Take the log: the product becomes a sum; divide by N: an average. The optimum stays put.",
            "Group equal values together: the share of each x in the data is the data distribution.",
            "Call the model's probability Q θ and flip the sign: maximising becomes minimising.",
            "What is left is the cross-entropy, in the words of information theory. Two names, one thing.",
        ]
        with self.narrate(say[0], en=say_en[0]):
            self.play(Write(formulas[0]), FadeIn(reasons[0]), run_time=2)

        def next_step(k):
            return (TransformMatchingTex(formulas[k - 1].copy(), formulas[k]),
                    reasons[k - 1].animate.set_color(MUTED), FadeIn(reasons[k]))

        last = len(steps) - 1
        for k in range(1, last):
            with self.narrate(say[k], en=say_en[k]):
                self.play(*next_step(k), run_time=1.5)
        with self.narrate(say[last], en=say_en[last]) as beat:
            self.play(*next_step(last), Create(box), run_time=1.5)
            beat.wait_until("两种说法")
            self.play(names.animate.set_color(ACCENT), run_time=0.5)
            self.play(Indicate(names, color=ACCENT), run_time=1)
        self.play(FadeOut(VGroup(formulas, reasons, box)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _reason(reason) -> VGroup:
        """A step's reason, beside its line of the derivation.

        A sentence is broken after its clause punctuation when it is long; a list gives the lines
        itself, and a line with a backslash in it is a formula.
        """
        if isinstance(reason, str):
            lines = [zh(line, size=STRONG_LABEL_SIZE, color=ACCENT) for line in split_cues(reason, REASON_CHARS)]
        else:
            lines = [tex(line, size=FORMULA_SIZE) if "\\" in line else zh(line, size=STRONG_LABEL_SIZE, color=ACCENT)
                     for line in reason]
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
            (avg_log_likelihood, [-CURVE_TOP, 0, 1], "平均对数似然（比特）", P_COLOR),
            (ce_of, [0, CURVE_TOP, 1], "交叉熵（比特）", Q_COLOR),
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
            f"拿硬币来验证：抛了{len(FLIPS)}次，{heads}次是正面。平均对数似然在 θ 等于{LL_BEST:.2f}的地方最高，"
            "交叉熵恰好在这里最低：它就是前者取负号，同一条曲线上下翻转。",
            en=f"A coin check: {len(FLIPS)} flips, {heads} heads. The average log-likelihood peaks at θ = "
               f"{LL_BEST:.2f}, right where the cross-entropy is lowest: it is the former negated, one curve flipped.",
        ) as beat:
            self.play(FadeIn(coins, lag_ratio=0.1), run_time=1.2)
            self.play(*[Create(p[1]) for p in plots], *[FadeIn(p[0]) for p in plots],
                      *[FadeIn(p[2]) for p in plots], *[Create(p[3]) for p in plots], run_time=1.5)
            beat.wait_until("交叉熵恰好在")
            self.play(*[Create(p[4]) for p in plots], *[FadeIn(p[5]) for p in plots], run_time=1)
            beat.wait_until("同一条曲线")
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
        uses = VGroup(zh("GAN 的判别器：用二元交叉熵训练", size=BODY_SIZE),
                      zh("VAE：最大化似然的一个下界", size=BODY_SIZE)).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        uses.set_color(MUTED)
        VGroup(VGroup(likelihood, negative_log, brace, name), uses).arrange(DOWN, buff=SECTION_GAP).move_to(0)
        with self.narrate(
            "二分类是特例：标签的似然如图所示，取负对数就是二元交叉熵；"
            "GAN 的判别器就用它训练，VAE 则最大化似然的下界。",
            en="Binary classification is a special case: this is the label's likelihood, and its negative log is "
               "binary cross-entropy. A GAN's discriminator trains on it; a VAE maximises a lower bound on the "
               "likelihood.",
        ) as beat:
            self.play(Write(likelihood), run_time=1.5)
            beat.wait_until("取负对数")
            self.play(TransformMatchingTex(likelihood.copy(), negative_log), run_time=1.5)
            self.play(GrowFromCenter(brace), FadeIn(name), run_time=0.8)
            beat.wait_until("GAN")
            self.play(FadeIn(uses[0], shift=UP * 0.2), run_time=0.8)
            beat.wait_until("VAE")
            self.play(FadeIn(uses[1], shift=UP * 0.2), run_time=0.8)
        self.play(FadeOut(VGroup(likelihood, negative_log, brace, name, uses)), run_time=FADE_OUT_TIME)

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
            "交叉熵，是用假设的分布描述真实世界的平均代价。"
            "回到开头：一天说明不了预报准不准，很多天里平均意外最低的，才是更好的预报。",
            en="Cross-entropy is the average cost of describing the real world with an assumed distribution. "
               "Back to the forecast: one day proves nothing; over many days, the one with the lowest average "
               "surprise is the better forecast.",
        ):
            self.play(Write(title), run_time=1.2)
            self.play(FadeIn(lines, lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(thanks), run_time=0.6)
        self.wait(0.5)
        self.play(FadeOut(card), run_time=1)
