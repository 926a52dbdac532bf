"""Section 4 — KL散度：交叉熵的深层含义

The gap of section 3 gets its name, D_KL(P||Q) = H(P, Q) - H(P). It is never negative and
zero only when Q = P (because log is concave), and it is not symmetric: the dice in both
roles, then two heatmaps of D(p||q) and D(q||p) for coins with a marker reading both.

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
    Dot,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    Line,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

import infotheory as it
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE
from scenes.kit.figures import figure_axes
from scenes.kit.heatmap import color_bar, heatmap_image
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
    TOP_ROW,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits

# --- the examples -------------------------------------------------------------------------
H_P = float(it.entropy(LOADED_DIE))
H_PQ = float(it.cross_entropy(LOADED_DIE, FAIR_DIE))
KL = float(it.kl_divergence(LOADED_DIE, FAIR_DIE))               # truth loaded, belief fair
KL_SWAPPED = float(it.kl_divergence(FAIR_DIE, LOADED_DIE))       # truth fair, belief loaded

GRID_N = 200
COINS = np.linspace(0.01, 0.99, GRID_N)       # P(heads) on both axes
KL_GRID = it.coin_kl_grid(COINS, COINS)       # rows: true p, columns: belief q
VMAX = 3.0                                    # colour scale in bits (clipped above)


def marker_path(t: float) -> tuple[float, float]:
    """(p, q) of the travelling marker: a loop that crosses the diagonal twice."""
    angle = 2 * np.pi * t
    return 0.5 + 0.38 * np.cos(angle), 0.5 + 0.38 * np.sin(angle + 0.9)


def coin_kl(p: float, q: float) -> float:
    return float(it.kl_divergence(it.bernoulli(p), it.bernoulli(q)))


class KLDivergenceAsymmetry(SectionScene):
    section = "s4"

    def construct(self):
        self.show_title_card()
        self.name_the_gap()
        self.properties()
        self.asymmetry_with_dice()
        self.coin_heatmaps()
        self.hand_over()

    # --- 1 ----------------------------------------------------------------------------
    def name_the_gap(self):
        g = EntropyGap(H_P, H_PQ, value_text=bits, gap_text=f"KL 散度 {bits(KL)}", scale=3.3, bar_height=0.75)
        definition = tex(r"D_{KL}(P \,\|\, Q) = H(P, Q) - H(P)", size=BIG_FORMULA_SIZE,
                         color_map={r"D_{KL}": KL_COLOR})
        definition.next_to(g, DOWN, buff=SECTION_GAP)
        VGroup(g, definition).move_to(UP * 0.3)
        with self.narrate(
            "上一节多出的那一截，就是 KL 散度，也叫相对熵：交叉熵减去熵。",
            en="Last section's extra piece is the KL divergence, or relative entropy: cross-entropy minus entropy.",
        ):
            self.play(FadeIn(g.figure), FadeIn(g.floor), run_time=1.2)
            self.play(FadeIn(g.gap), FadeIn(g.brace), FadeIn(g.gap_label), run_time=1)
            self.play(Write(definition), run_time=1.5)
        with self.narrate(
            f"对作弊骰子，就是 {bits(H_PQ)} 减 {bits(H_P)}，约 {bits(KL)}："
            "用 Q 描述 P，平均每掷多付的信息。",
            en=f"For the loaded die, that's {en_bits(H_PQ)} minus {en_bits(H_P)}, about {en_bits(KL)}: the extra information "
               "paid per roll, on average, for describing P with Q.",
        ):
            self.play(Indicate(g.gap_label, color=KL_COLOR), run_time=1.2)
        self.play(FadeOut(VGroup(g, definition)), run_time=FADE_OUT_TIME)

    # --- 2 ----------------------------------------------------------------------------
    def properties(self):
        nonneg = tex(r"D_{KL}(P \,\|\, Q) \ \ge\ 0", size=BIG_FORMULA_SIZE, color_map={r"D_{KL}": KL_COLOR})
        equality = zh("当且仅当 Q = P 时等于 0", size=LEAD_SIZE, color=MUTED)
        head = VGroup(nonneg, equality).arrange(RIGHT, buff=WIDE_GAP).to_edge(UP, buff=TOP_ROW)
        # the derivation accumulates: each step stays under the one it follows from
        steps = VGroup(
            tex(r"-D_{KL}", r"=", r"\sum_x P(x)\,\log \frac{Q(x)}{P(x)}"),
            tex(r"-D_{KL}", r"\le", r"\log \sum_x P(x)\,\frac{Q(x)}{P(x)}"),
            tex(r"-D_{KL}", r"\le", r"\log \sum_x Q(x)", r"= \log 1 = 0"),
        ).arrange(DOWN, buff=GAP, aligned_edge=LEFT)
        for step in steps[1:]:                     # relation signs in one column
            step.shift((steps[0][1].get_x() - step[1].get_x()) * RIGHT)
        steps[1][1].set_color(ACCENT)              # the step the reason below justifies
        reason = zh("log 是凹函数：平均值的对数 ≥ 对数的平均值（詹森不等式）", size=BODY_SIZE, color=ACCENT)
        VGroup(steps, reason).arrange(DOWN, buff=SECTION_GAP).next_to(head, DOWN, buff=SECTION_GAP)

        with self.narrate("第一，它永远不小于零，只有 Q 等于 P 时才等于零。",
                          en="First, it's never less than zero, and is zero only when Q equals P."):
            self.play(Write(nonneg), run_time=1.2)
            self.play(FadeIn(equality), run_time=0.8)
        with self.narrate(
            "为什么？看负的 KL 散度。对数是凹函数：先取对数再平均，不超过先平均再取对数。"
            "而按 P 对 Q 除以 P 取平均，P 正好约掉，剩下 Q 的总和，也就是一；"
            "于是负的 KL 散度不超过 log 一，也就是零。",
            en="Why? Take minus the KL divergence. Log is a concave function: the average of the logs is at most the log of "
               "the average. In the P-weighted average of Q over P, P cancels, leaving the sum of Q, which is one; so minus "
               "the KL divergence is at most log one, which is zero.",
        ) as beat:
            self.play(Write(steps[0]), run_time=1.2)
            beat.wait_until("对数是凹函数")
            self.play(FadeIn(reason), TransformMatchingTex(steps[0].copy(), steps[1]), run_time=1.5)
            beat.wait_until("而按 P")
            self.play(TransformMatchingTex(steps[1].copy(), steps[2]), run_time=1.5)
            beat.wait_until("于是负的")
            self.play(Indicate(steps[2][-1], color=ACCENT), run_time=1)
        self.play(FadeOut(VGroup(head, steps, reason)), run_time=FADE_OUT_TIME)

    # --- 3 ----------------------------------------------------------------------------
    def asymmetry_with_dice(self):
        panels = VGroup()
        # P is the loaded die and Q the fair one in both panels; only the roles swap
        for label_tex, value, title in (
            (r"D_{KL}(P \,\|\, Q)", KL, "真相是 P，你以为是 Q"),
            (r"D_{KL}(Q \,\|\, P)", KL_SWAPPED, "真相是 Q，你以为是 P"),
        ):
            chart = ProbabilityChart([DieFace(n, size=0.42) for n in FACES], max_value=LOADED_DIE.max(), height=3.0,
                                     slot_width=0.9)
            chart.add_series(LOADED_DIE, P_COLOR, show_values=False)
            chart.add_series(FAIR_DIE, Q_COLOR, show_values=False)
            label = Readout(label_tex, value=value, color=KL_COLOR, size=LEAD_SIZE)
            panels.add(VGroup(zh(title, size=STRONG_LABEL_SIZE), chart, label).arrange(DOWN, buff=GAP))
        panels.arrange(RIGHT, buff=WIDE_GAP)
        legend = pq_legend("P：作弊骰子", "Q：公平骰子", direction=RIGHT, buff=WIDE_GAP)
        VGroup(legend, panels).arrange(DOWN, buff=ROW_GAP).move_to(UP * 0.3)
        neq = tex(r"\ne", size=BIG_FORMULA_SIZE).move_to(VGroup(panels[0][2], panels[1][2]))

        with self.narrate(f"第二，它不对称。真相是作弊骰子 P、你以为是公平骰子 Q 时，散度是 {bits(KL)}。",
                          en="Second, it's not symmetric. If the truth is the loaded die P and you believe the fair die Q, the "
                             f"divergence is {en_bits(KL)}."):
            self.play(FadeIn(legend), FadeIn(panels[0]), run_time=1.5)
        with self.narrate(
            f"对调角色：真相是公平的 Q，你却以为是作弊的 P，就变成 {bits(KL_SWAPPED)}。",
            en=f"Swap roles: the truth is the fair Q, but you believe the loaded P, and it becomes {en_bits(KL_SWAPPED)}.",
        ):
            self.play(FadeIn(panels[1]), run_time=1.5)
            self.play(FadeIn(neq), run_time=0.6)
        self.play(FadeOut(VGroup(panels, legend, neq)), run_time=FADE_OUT_TIME)

    # --- 4 ----------------------------------------------------------------------------
    def coin_heatmaps(self):
        side = 3.85
        maps = Group()  # Group, not VGroup: the heatmaps are images
        for grid, title in ((KL_GRID, r"D_{KL}(p \,\|\, q)"), (KL_GRID.T, r"D_{KL}(q \,\|\, p)")):
            image = heatmap_image(grid, VMAX, side)
            axes = figure_axes([0, 1, 0.5], [0, 1, 0.5], x_length=side, y_length=side, size=CAPTION_SIZE)
            axes.move_to(image, aligned_edge=DOWN + LEFT)
            image.move_to(axes.c2p(0.5, 0.5))
            diagonal = Line(axes.c2p(0, 0), axes.c2p(1, 1), color=MUTED, stroke_width=1.5, stroke_opacity=0.6)
            heading = tex(title, size=LEAD_SIZE, color_map={}).next_to(axes, UP, buff=0.25)
            x_label = zh("q（你相信的正面概率）", size=LABEL_SIZE, color=Q_COLOR).next_to(axes.x_axis, DOWN, buff=GAP)
            maps.add(Group(image, axes, diagonal, heading, x_label))
        # both maps have p upwards: one label, on the left, says so
        y_label = zh("p（真实）", size=LABEL_SIZE, color=P_COLOR).rotate(np.pi / 2) \
            .next_to(maps[0][1].y_axis, LEFT, buff=0.2)
        maps[0].add(y_label)
        bar = color_bar(VMAX, side)
        figure = Group(maps[0], maps[1], bar).arrange(RIGHT, buff=ROW_GAP)
        bar.align_to(maps[1][1], DOWN)              # the colour bar spans the map's height
        figure.to_edge(UP, buff=EDGE)
        self.maps = maps

        t = ValueTracker(0.0)
        markers = VGroup(*[
            Dot(color=ACCENT, radius=0.08).add_updater(
                lambda m, ax=group[1]: m.move_to(ax.c2p(*reversed(marker_path(t.get_value())))))
            for group in maps
        ])
        forward = Readout(r"D_{KL}(p \,\|\, q)", lambda: coin_kl(*marker_path(t.get_value())), color=KL_COLOR,
                          size=BODY_SIZE)
        backward = Readout(r"D_{KL}(q \,\|\, p)", lambda: coin_kl(*reversed(marker_path(t.get_value()))),
                           color=KL_COLOR, size=BODY_SIZE)
        readouts = VGroup(forward, backward)
        for readout, group in zip(readouts, maps):  # each map reads out under itself
            readout.next_to(group, DOWN, buff=GAP).set_x(group[1].get_x())
        readouts.align_to(readouts[0], UP)

        with self.narrate(
            "换成硬币：横轴是你相信的正面概率 q，纵轴是真实的 p，越亮散度越大。"
            "右图把两者对调。",
            en="Now a coin: x-axis, your believed heads probability q; y-axis, the true p. Brighter means more divergence. The "
               "right map swaps them.",
        ):
            self.play(FadeIn(maps[0]), run_time=1.5)
            self.play(FadeIn(maps[1]), FadeIn(bar), run_time=1.5)
        with self.narrate(
            "对角线上 p 等于 q，散度为零；但沿对角线对折，两边并不重合："
            "KL 按真相加权，真相常见、你却以为罕见的结果代价最大。",
            en="On the diagonal, p equals q: zero divergence. But folded along it, the halves don't match: KL weights by the "
               "truth, so outcomes truly common but believed rare cost most.",
        ):
            self.play(*[Indicate(m[2], color=ACCENT) for m in maps], run_time=1.5)
        with self.narrate(
            "让一个点绕一圈，下面同时读出两个方向：它们几乎总不相等。",
            en="Let a point go round once, reading out both directions below: they're almost never equal.",
        ) as beat:
            self.add(markers)
            self.play(FadeIn(readouts), run_time=0.6)
            self.play(t.animate.set_value(1), run_time=beat.until_end(minimum=2), rate_func=linear)
        for m in (*markers, forward, backward):
            m.clear_updaters()
        self.play(FadeOut(Group(figure, markers, readouts)), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def hand_over(self):
        identity = tex(r"H(P, Q) = H(P) + D_{KL}(P \,\|\, Q)", size=BIG_FORMULA_SIZE, color_map={r"D_{KL}": KL_COLOR})
        note = zh("H(P) 由数据决定：最小化交叉熵 = 最小化 KL 散度", size=LEAD_SIZE, color=ACCENT)
        group = VGroup(identity, note).arrange(DOWN, buff=SECTION_GAP)
        with self.narrate(
            "交叉熵等于熵加 KL 散度，熵又只由数据决定，"
            "所以最小化交叉熵，就是最小化 KL 散度。",
            en="Cross-entropy is entropy plus KL divergence; entropy depends only on the data, so minimising cross-entropy "
               "minimises KL divergence.",
        ):
            self.play(Write(identity), run_time=1.5)
            self.play(FadeIn(note, shift=UP * 0.2), run_time=1)
        self.play(FadeOut(group), run_time=FADE_OUT_TIME)
