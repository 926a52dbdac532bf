"""Section 2 — 基础铺垫：信息量与熵

A fair die: every face is equally likely and carries the same information. Impossible faces
have probability 0 and unbounded information. Ten sixes in a row show why information is a
logarithm (probabilities multiply, information adds). Then the definitions, the fair die
against the loaded die, and a die whose distribution morphs while its entropy is read live.

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
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    MoveToTarget,
    Rectangle,
    Rotate,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
    smooth,
)

import infotheory as it
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.examples import current
from scenes.kit.figures import figure_axes, figure_text
from scenes.kit.mobjects import DieFace, ProbabilityChart, Readout
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
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    ROW_GAP,
    SECTION_GAP,
    TOP_ROW,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, en_num, fmt_num, shown_equation, zh_count

# --- the examples -------------------------------------------------------------------------
I_FACE = float(it.self_information(FAIR_DIE[0]))          # one face of a fair die
ROLLS = current().dice.rolls                              # sixes in a row
ONE_FACE_TEX = rf"\tfrac{{1}}{{{SIDES}}}"                  # a fair die's probability, as a fraction
ONE_FACE_FRAC = rf"\frac{{1}}{{{SIDES}}}"                  # the same, full size, in a formula on its own
P_TEN_SIXES = float(np.prod(np.full(ROLLS, FAIR_DIE[5])))  # ten sixes in a row
I_TEN_SIXES = float(it.self_information(P_TEN_SIXES))
H_FAIR = float(it.entropy(FAIR_DIE))
QUESTIONS = (math.floor(H_FAIR), math.ceil(H_FAIR))          # yes/no questions per roll, on average, lie between
H_LOADED = float(it.entropy(LOADED_DIE))
# how the narration puts the loaded die (its face 1 comes from the example settings)
ONE_SHARE_ZH, ONE_SHARE_EN = ("一半", "half the time") if LOADED_DIE[0] == 0.5 else \
    (f"{LOADED_DIE[0]:.0%}", f"{LOADED_DIE[0]:.0%} of the time")
EASIER_ZH, EASIER_EN = ("好猜多了", "much easier") if H_FAIR - H_LOADED >= 0.3 else ("好猜一些", "easier")
CERTAIN = np.array([1.0, 0, 0, 0, 0, 0])
H_CERTAIN = float(it.entropy(CERTAIN))
I_IMPOSSIBLE = float(it.self_information(0.0))
#: the morph: fair -> loaded -> certain -> fair, one unit of the tracker per leg
KEYFRAMES = [FAIR_DIE, LOADED_DIE, CERTAIN, FAIR_DIE]
P_MIN = 2.0 ** -8                                          # left end of the I(p) plot


def die_at(s: float) -> np.ndarray:
    """The morphing die's distribution at tracker value ``s`` (0..len(KEYFRAMES)-1)."""
    leg = min(int(s), len(KEYFRAMES) - 2)
    return it.mixture(KEYFRAMES[leg], KEYFRAMES[leg + 1], float(np.clip(s - leg, 0, 1)))


def sci_tex(x: float, digits: int = 2) -> str:
    r"""``1.65 \\times 10^{-8}`` for a tex formula."""
    mantissa, exponent = f"{x:.{digits}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


class SurpriseAndEntropy(SectionScene):
    section = "s2"

    def construct(self):
        self.show_title_card()
        self.fair_die()
        self.impossible_outcomes()
        self.why_a_logarithm()
        self.define_information_and_entropy()
        self.fair_against_loaded()
        self.morph_the_die()
        self.hand_over()

    def _die_chart(self, values, height=3.0, slot_width=1.1, show_values=True, max_value=0.6):
        chart = ProbabilityChart([DieFace(n, size=0.55) for n in FACES], max_value=max_value,
                                 height=height, slot_width=slot_width)
        series = chart.add_series(values, P_COLOR, show_values=show_values, label_size=LABEL_SIZE)
        return chart, series

    # --- 1 ----------------------------------------------------------------------------
    def fair_die(self):
        die = DieFace(5, size=2.4)
        chart, series = self._die_chart(FAIR_DIE, height=3.2, slot_width=1.05, max_value=0.2)
        caption = tex(rf"P(x) = {ONE_FACE_FRAC}", size=HEADING_SIZE).next_to(chart, UP, buff=GAP)
        left = VGroup(chart, caption)
        info = Readout(rf"I = -\log_2 {ONE_FACE_FRAC}", value=I_FACE, size=HEADING_SIZE)
        # where the chart ends up once the information sits beside it; it is first shown centred
        VGroup(left, info).arrange(RIGHT, buff=SECTION_GAP)
        info.set_y(series.bars.get_y())
        left.generate_target()
        VGroup(left, left.target, info).move_to(0)
        left.move_to(0)
        with self.narrate(f"拿出一枚普通的六面骰子，每一面朝上的概率都是1/{SIDES}。",
                          en=f"Take an ordinary six-sided die: each face comes up with probability 1/{SIDES}."):
            self.play(FadeIn(die), run_time=0.8)
            self.play(Rotate(die, angle=2 * np.pi, run_time=1.5, rate_func=smooth))
            self.play(FadeOut(die), FadeIn(chart), FadeIn(caption), run_time=1.2)
        with self.narrate(f"每面同样可能，所以掷出哪一面，信息量都一样：{bits(I_FACE)}。",
                          en=f"Every face is equally likely, so each one carries the same information: {en_bits(I_FACE)}."):
            self.play(MoveToTarget(left), run_time=1)
            self.play(Write(info), run_time=1.5)
        self.play(FadeOut(VGroup(chart, caption, info)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
    def impossible_outcomes(self):
        axes = figure_axes([0, 1, 0.25], [0, 8, 2], x_length=5.6, y_length=4.3)
        x_label = tex(r"p", size=HEADING_SIZE).next_to(axes.x_axis, RIGHT, buff=0.15)
        y_label = tex(r"I(p) = -\log_2 p", size=HEADING_SIZE).next_to(axes.y_axis, UP, buff=GAP)
        y_label.align_to(axes, LEFT)
        curve = axes.plot(lambda p: float(it.self_information(p)), x_range=[P_MIN, 1, 0.002], color=ACCENT)
        p = ValueTracker(float(FAIR_DIE[0]))
        dot = Dot(color=ACCENT, radius=0.1).add_updater(
            lambda m: m.move_to(axes.c2p(p.get_value(), float(it.self_information(p.get_value())))))
        readout = Readout(r"I", lambda: float(it.self_information(p.get_value())), color=ACCENT,
                          size=HEADING_SIZE)
        plot = VGroup(axes, x_label, y_label, curve)
        # the question is asked alone, large; it moves to the right column when the curve comes in
        impossible = VGroup(DieFace(6, size=0.8), zh("掷出 7 点？ −1 点？", size=BODY_SIZE)).arrange(RIGHT, buff=0.3)
        limit = VGroup(tex(r"P = 0", size=HEADING_SIZE), zh(f"信息量 = {fmt_num(I_IMPOSSIBLE)}", size=LEAD_SIZE, color=ACCENT)) \
            .arrange(RIGHT, buff=0.25)
        right = VGroup(impossible, readout, limit).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        limit.next_to(readout, DOWN, buff=ROW_GAP, aligned_edge=LEFT)
        VGroup(plot, right).arrange(RIGHT, buff=SECTION_GAP).to_edge(UP, buff=TOP_ROW)
        right.set_y(axes.get_y())
        impossible.generate_target()
        impossible.scale(1.6).move_to(0)
        arrow = Arrow(axes.c2p(0.06, 5.5), axes.c2p(0.06, 8.3), color=ACCENT, buff=0, stroke_width=5)

        with self.narrate("要是掷出七点，或者负一点呢？这不可能，概率是零。",
                          en="What if we roll a seven, or a minus one? Impossible: the probability is zero."):
            self.play(FadeIn(impossible), run_time=1)
        with self.narrate(
            "概率越小的事发生了，越让人吃惊：太阳从东边升起，没人稀奇；哪天从西边升起，就是天大的新闻。"
            "看这条曲线：概率趋近零，信息量一路往上冲。",
            en="The less likely an event, the more it surprises us when it happens: nobody marvels at the sun rising "
               "in the east, but a sunrise in the west would be huge news. See this curve: as probability nears zero, "
               "information soars.",
        ) as beat:
            self.play(MoveToTarget(impossible), Create(axes), FadeIn(x_label), FadeIn(y_label), run_time=1.2)
            beat.wait_until("看这条曲线")
            self.play(Create(curve), run_time=1.2)
            self.add(dot)
            self.play(FadeIn(readout), run_time=0.5)
            beat.wait_until("概率趋近零")
            self.play(p.animate.set_value(P_MIN), run_time=beat.until_end(minimum=1), rate_func=smooth)
        with self.narrate(
            f"所以不可能事件的信息量不只是“很大”，而是{fmt_num(I_IMPOSSIBLE)}，没有上限。",
            en=f"So an impossible event's information isn't just \"huge\": it's {en_num(I_IMPOSSIBLE)}, with no upper bound.",
        ):
            self.play(Create(arrow), FadeIn(limit), run_time=1.2)
        dot.clear_updaters()
        readout.clear_updaters()
        self.play(FadeOut(VGroup(plot, dot, readout, impossible, limit, arrow)), run_time=FADE_OUT_TIME)

    # --- 3 ----------------------------------------------------------------------------
    def why_a_logarithm(self):
        dice = VGroup(*[DieFace(6, size=0.85) for _ in range(ROLLS)]).arrange(RIGHT, buff=0.2)
        dice.to_edge(UP, buff=TOP_ROW)
        power = rf"\left({ONE_FACE_TEX}\right)^{{{ROLLS}}}"
        # the product as displayed is true as displayed (10 x 2.585 = 25.85, not 10 x 2.58)
        (face_shown,), relation, total_shown = shown_equation([I_FACE], lambda xs: ROLLS * xs[0], I_TEN_SIXES)
        size = BIG_FORMULA_SIZE
        prob = tex(rf"P = {power}", r"\approx " + sci_tex(P_TEN_SIXES), size=size)
        step1 = tex(r"I", r"=", r"-\log_2", power, size=size)
        step2 = tex(r"I", r"=", f"{ROLLS}", r"\times", rf"\left(-\log_2 {ONE_FACE_TEX}\right)", size=size)
        step3 = tex(r"I", r"=", f"{ROLLS}", r"\times", face_shown, relation, total_shown, size=size)
        unit = zh("比特", size=LEAD_SIZE)
        # the steps accumulate, their equals signs in one column, so each line can be read from the last
        steps = VGroup(step1, step2, step3).arrange(DOWN, buff=GAP)
        for s in (step2, step3):
            s.shift(RIGHT * (step1[1].get_x() - s[1].get_x()))
        VGroup(prob, steps).arrange(DOWN, buff=SECTION_GAP).next_to(dice, DOWN, buff=SECTION_GAP)
        inverse = zh(f"若用 1/P：每多一次就乘以 {1 / FAIR_DIE[5]:g}，只能连乘，加不起来", size=BODY_SIZE, color=MUTED)

        with self.narrate(
            f"为什么要用对数，而不是概率的倒数？设想连掷{ROLLS}次，次次都是六点。",
            en=f"Why a log, not one over the probability? Imagine rolling {ROLLS} times and getting a six every time.",
        ):
            self.play(FadeIn(dice, lag_ratio=0.15), run_time=2)
        with self.narrate(
            f"这{ROLLS}次互不影响，概率要把{ROLLS}个1/{SIDES}连乘，小得惊人；"
            "可既然彼此独立，信息就应该一次次加起来。",
            en=f"The {ROLLS} rolls are independent: the probability is a product of {ROLLS} factors of 1/{SIDES}, "
               "astonishingly small. Yet their information should simply add up, roll by roll.",
        ):
            self.play(Write(prob), run_time=1.5)
            inverse.next_to(prob, DOWN, buff=GAP)
            self.play(FadeIn(inverse), run_time=1)
        with self.narrate(
            f"对数恰好把连乘变成连加：总信息量是{ROLLS}乘 {face_shown} 比特，"
            f"{'等于' if relation == '=' else '约等于'} {total_shown} 比特。",
            en=f"A logarithm turns exactly that product into a sum: the total information is {ROLLS} times {face_shown} "
               f"bits, {'which is' if relation == '=' else 'about'} {total_shown} bits.",
        ):
            self.play(FadeOut(inverse), Write(step1), run_time=1.2)
            self.play(TransformMatchingTex(step1.copy(), step2), run_time=1.2)
            self.play(TransformMatchingTex(step2.copy(), step3), run_time=1.2)
            unit.next_to(step3, RIGHT, buff=0.2)
            self.play(FadeIn(unit), Indicate(step3[-1], color=ACCENT), run_time=1)
        self.play(FadeOut(VGroup(dice, prob, steps, unit)), run_time=FADE_OUT_TIME)

    # --- 4 ----------------------------------------------------------------------------
    def define_information_and_entropy(self):
        info = VGroup(zh("信息量", size=LEAD_SIZE, color=MUTED), tex(r"I(x) = -\log P(x)", size=BIG_FORMULA_SIZE))
        entropy = VGroup(zh("熵", size=LEAD_SIZE, color=ENTROPY_COLOR),
                         tex(r"H(X) = \mathbb{E}\left[I(X)\right] = -\sum_x P(x)\,\log P(x)", size=BIG_FORMULA_SIZE))
        base = zh("对数以 2 为底，单位是比特", size=BODY_SIZE, color=MUTED)
        # a two-column table: the names right-aligned, the formulas left-aligned
        VGroup(info[1], entropy[1]).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        for name, formula in (info, entropy):
            name.next_to(formula, LEFT, buff=SECTION_GAP).match_y(formula[-1])   # on the formula's main line
        entropy[0].align_to(info[0], RIGHT)
        base.next_to(entropy, DOWN, buff=SECTION_GAP).align_to(entropy[1], LEFT)
        VGroup(info, entropy, base).move_to(0)
        with self.narrate(
            "于是，一个结果的信息量定义为概率倒数的对数，也就是概率的负对数。"
            "必然发生的事，概率是一，信息量正好是零。",
            en="So we define an outcome's information as the log of one over its probability, that is, minus its log "
               "probability. A sure thing, probability one, has exactly zero information.",
        ):
            self.play(Write(info), run_time=1.5)
        with self.narrate(
            "再按概率对所有结果取平均，就是熵：平均每次有多意外。"
            "以二为底时，单位是比特。",
            en="Averaging it over all outcomes by probability gives entropy: the average surprise per outcome. "
               "In base two, the unit is bits.",
        ):
            self.play(Write(entropy), run_time=2)
            self.play(FadeIn(base), run_time=0.8)
        self.play(FadeOut(VGroup(info, entropy, base)), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def fair_against_loaded(self):
        panels = VGroup()
        for name, dist, h in (("公平骰子", FAIR_DIE, H_FAIR), ("作弊骰子", LOADED_DIE, H_LOADED)):
            chart, _ = self._die_chart(dist, height=3.8, slot_width=0.95)
            title = zh(name, size=LEAD_SIZE)
            value = Readout(r"H", value=h, color=ENTROPY_COLOR, size=HEADING_SIZE)
            panels.add(VGroup(title, chart, value).arrange(DOWN, buff=GAP))
        panels.arrange(RIGHT, buff=WIDE_GAP).to_edge(UP, buff=EDGE)
        for p in panels:
            p[2].align_to(panels[0][2], DOWN)
        with self.narrate(f"公平骰子最难猜，熵是 {bits(H_FAIR)}：平均要问"
                          f"{zh_count(QUESTIONS[0])}到{zh_count(QUESTIONS[1])}个是非题，才猜得出点数。",
                          en=f"The fair die is hardest to guess, with entropy {en_bits(H_FAIR)}: on average it takes "
                             f"{QUESTIONS[0]} to {QUESTIONS[1]} yes/no questions to find the face."):
            self.play(FadeIn(panels[0]), run_time=1.2)
        with self.narrate(
            f"一点出现{ONE_SHARE_ZH}的作弊骰子{EASIER_ZH}，熵降到 {bits(H_LOADED)}。"
            "熵衡量的，就是这种不确定。",
            en=f"A loaded die that rolls a one {ONE_SHARE_EN} is {EASIER_EN} to guess; entropy drops to "
               f"{en_bits(H_LOADED)}. Entropy measures exactly this uncertainty.",
        ):
            self.play(FadeIn(panels[1]), run_time=1.2)
        self.play(FadeOut(panels), run_time=FADE_OUT_TIME)

    # --- 6 ----------------------------------------------------------------------------
    def morph_the_die(self):
        s = ValueTracker(0.0)
        chart, series = self._die_chart(die_at(0), height=4.6, slot_width=1.0, max_value=1.0)
        series.follow(lambda: die_at(s.get_value()))
        readout = Readout(r"H(P)", lambda: float(it.entropy(die_at(s.get_value()))), color=ENTROPY_COLOR,
                          size=BIG_FORMULA_SIZE)
        gauge = self._entropy_gauge(lambda: float(it.entropy(die_at(s.get_value()))))
        right = VGroup(readout, gauge).arrange(DOWN, buff=SECTION_GAP)
        VGroup(chart, right).arrange(RIGHT, buff=WIDE_GAP).move_to(0)
        right.set_y(chart.slots.get_y())

        with self.narrate("现在让分布连续变化，右边实时显示熵。从公平骰子变成作弊骰子，熵下降了。",
                          en="Now let the distribution change smoothly, entropy live on the right. "
                             "From fair die to loaded die, the entropy falls.") as beat:
            self.play(FadeIn(chart), FadeIn(right), run_time=1)
            self.add(series)
            beat.wait_until("从公平骰子变成")
            self.play(s.animate.set_value(1), run_time=beat.until_end(minimum=1), rate_func=smooth)
        with self.narrate(
            f"再偏下去，直到一点必然出现：毫无悬念，熵降到 {bits(H_CERTAIN)}。",
            en=f"Skew it further, until a one is certain: no suspense at all, and the entropy drops to {en_bits(H_CERTAIN)}.",
        ) as beat:
            self.play(s.animate.set_value(2), run_time=beat.until_end(minimum=1), rate_func=smooth)
        with self.narrate(
            f"最后回到公平骰子，熵又回到最大值，也就是以二为底、{SIDES}的对数，{bits(H_FAIR)}。",
            en=f"Finally back to the fair die: the entropy returns to its maximum, "
               f"the base-two log of {SIDES}, {en_bits(H_FAIR)}.",
        ) as beat:
            self.play(s.animate.set_value(3), run_time=beat.until("也就是", minimum=1), rate_func=linear)
            self.play(Indicate(readout, color=ENTROPY_COLOR), run_time=1)
        for m in (series, readout, gauge):
            m.clear_updaters()
        self.play(FadeOut(VGroup(chart, right)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _entropy_gauge(value_fn, width: float = 4.8):
        """A horizontal meter from 0 to log2(6) bits whose fill follows ``value_fn``."""
        frame = Rectangle(width=width, height=0.6, stroke_color=MUTED)
        fill = Rectangle(width=width, height=0.6, stroke_width=0, fill_color=ENTROPY_COLOR, fill_opacity=0.8)
        fill.align_to(frame, LEFT)

        def follow(m):
            w = max(width * value_fn() / H_FAIR, 1e-3)
            m.stretch_to_fit_width(w)
            m.align_to(frame, LEFT)

        fill.add_updater(follow)
        low = figure_text(0, decimals=0, size=LABEL_SIZE, color=MUTED).next_to(frame, DOWN, buff=0.15).align_to(frame, LEFT)
        high = Readout(rf"\log_2 {SIDES}", value=H_FAIR, color=MUTED, size=FORMULA_SIZE)
        high.next_to(frame, DOWN, buff=0.15).align_to(frame, RIGHT)
        return VGroup(frame, fill, low, high)

    # --- 7 ----------------------------------------------------------------------------
    def hand_over(self):
        line = zh("要是把分布猜错了，代价是多少？", size=LEAD_SIZE, color=MUTED)
        with self.narrate("可要是我们把分布猜错了呢？下一节，就来算算猜错的代价。",
                          en="But what if we guess the distribution wrong? Next, we count the cost of a wrong guess."):
            self.play(FadeIn(line), run_time=1)
        self.play(FadeOut(line), run_time=FADE_OUT_TIME)
