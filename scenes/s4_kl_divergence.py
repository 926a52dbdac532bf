"""Section 4 — KL散度：交叉熵的深层含义

The gap of section 3 gets its name, D_KL(P||Q) = H(P, Q) - H(P). It is never negative: on the
concave log curve, the P-weighted average of the points (Q/P, log Q/P) lies on a chord under
the curve, at abscissa 1 where the curve is 0, and at height -D_KL (a picture first, then the
algebra with a reason per step). It is not symmetric: each face's term of D(P||Q) and of
D(Q||P), drawn as bars, shows which faces make each direction large. Two coin heatmaps are read
aloud (the bright bands where a real outcome is believed nearly impossible), with a marker
parked where the two directions differ a lot; then the practical consequence, and the identity
that makes minimising cross-entropy the same as minimising KL.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import numpy as np
from manim import (
    BLACK,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    GrowFromEdge,
    Indicate,
    LaggedStart,
    Line,
    MathTex,
    ParametricFunction,
    Rectangle,
    ReplacementTransform,
    Succession,
    SurroundingRectangle,
    Text,
    ValueTracker,
    VGroup,
    Write,
    smooth,
)

import infotheory as it
from infotheory.coding import jensen_points, kl_contributions
from scenes.kit.codes import SignedBars, grow_direction
from scenes.kit.dice import FACES, FAIR_DIE, LOADED_DIE, SIDES
from scenes.kit.figures import Figure, figure_axes
from scenes.kit.heatmap import color_bar, heatmap_image
from scenes.kit.mobjects import DieFace, EntropyGap, ProbabilityChart, Readout, pq_legend
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
    BODY_SIZE,
    CAPTION_SIZE,
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
    SMALL_SIZE,
    STRONG_LABEL_SIZE,
    TEXT_COLOR,
    TOP_ROW,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, en_num, fmt_num

# --- the dice ------------------------------------------------------------------------------
H_P = float(it.entropy(LOADED_DIE))
H_PQ = float(it.cross_entropy(LOADED_DIE, FAIR_DIE))
KL = float(it.kl_divergence(LOADED_DIE, FAIR_DIE))  # truth loaded, belief fair
KL_SWAPPED = float(it.kl_divergence(FAIR_DIE, LOADED_DIE))  # truth fair, belief loaded
FORWARD = kl_contributions(LOADED_DIE, FAIR_DIE)  # P(x) log2(P(x)/Q(x)), face by face
BACKWARD = kl_contributions(FAIR_DIE, LOADED_DIE)  # Q(x) log2(Q(x)/P(x))
#: Jensen's picture: the points (Q/P, log2 Q/P) of the faces, weighted by P; their mean is (1, -KL)
RATIOS, LOGS, WEIGHTS, (MEAN_RATIO, MEAN_LOG) = jensen_points(LOADED_DIE, FAIR_DIE)
X_MAX = float(max(2.0, np.ceil(RATIOS.max() * 1.25 * 2) / 2))
Y_MIN = float(np.floor(LOGS.min() - 0.3))
Y_MAX = float(np.ceil(np.log2(X_MAX) * 2 + 0.4) / 2)

# --- the coins ------------------------------------------------------------------------------
GRID_N = 200
COINS = np.linspace(0.01, 0.99, GRID_N)  # P(heads) on both axes
KL_GRID = it.coin_kl_grid(COINS, COINS)  # rows: true p, columns: belief q
VMAX = 3.0  # colour scale in bits (clipped above)
#: where the marker parks: a fair coin believed to show heads once in a hundred throws
PARK_P, PARK_Q = 0.5, 0.01


def coin_kl(p: float, q: float) -> float:
    return float(it.kl_divergence(it.bernoulli(p), it.bernoulli(q)))


PARK_FORWARD = coin_kl(PARK_P, PARK_Q)  # D(p||q): the truth first
PARK_BACKWARD = coin_kl(PARK_Q, PARK_P)  # D(q||p): the belief first

#: the derivation's lines: formula size, D_KL in its colour
STEP = {"size": HEADING_SIZE, "color_map": {r"D_{KL}": KL_COLOR}}
#: the two distributions' colours, by name (for the rows that say which one is the truth)
COLORS = {"P": P_COLOR, "Q": Q_COLOR}


class JensenPicture(NamedTuple):
    """What the Jensen beat shows: the plot, the points and chord, the table and the drop.

    The points and the chord follow ``merge``.
    """

    axes: Axes
    curve: ParametricFunction
    curve_label: MathTex
    x_label: Text
    points: VGroup  # a dot per face, following ``merge``
    chord: Line  # between the lowest and the highest point, following them
    faces: VGroup  # the faces of the lowest and of the highest point
    low: int  # the index of the lowest ratio's face
    high: int  # the index of the highest ratio's face
    merge: ValueTracker  # 0: the ratios Q/P; 1: every ratio slid to 1 (Q = P)
    table: VGroup
    average: VGroup
    mean: Dot
    drop: Line
    drop_label: Text
    pointer: Arrow
    picture: VGroup  # all of it, to fade out at once


class ParkedMarker(NamedTuple):
    """The marker on both coin maps, moved by ``t``.

    With it: the readouts it drives and the notes under them.
    """

    t: ValueTracker  # 0: q = 0.5; 1: q = PARK_Q (p fixed at PARK_P)
    markers: VGroup
    forward: Readout
    backward: Readout
    readouts: VGroup
    where: Text
    practice: Text


class KLDivergenceAsymmetry(SectionScene):
    section = "s4"

    def construct(self):
        self.show_title_card()
        self.name_the_gap()
        self.never_negative()
        self.asymmetry_face_by_face()
        self.coin_heatmaps()
        self.hand_over()

    # --- 1 ----------------------------------------------------------------------------
    def name_the_gap(self):
        g = self.gap_bars()
        definition = tex(
            r"D_{KL}(P \,\|\, Q) = H(P, Q) -",
            r"H(P)",
            size=BIG_FORMULA_SIZE,
            color_map={r"D_{KL}": KL_COLOR},
        )
        definition.get_part_by_tex(r"H(P)").set_color(ENTROPY_COLOR)
        definition.next_to(g, DOWN, buff=SECTION_GAP)
        VGroup(g, definition).move_to(UP * 0.3)
        self.gap_figure, self.gap_place = g, g.get_center()
        with self.narrate(
            f"多出的这截叫 KL 散度：交叉熵减去熵，这里是 {bits(KL)}。",
            en="The extra piece is the KL divergence: cross-entropy minus entropy, here "
            f"{en_bits(KL)}.",
            hold=1.5,
        ) as beat:
            self.play(FadeIn(g.figure), FadeIn(g.floor), FadeIn(g.gap), run_time=1)
            beat.wait_until("交叉熵减去熵")
            self.play(Write(definition), FadeIn(g.brace), FadeIn(g.gap_label), run_time=1.2)
        self.definition = definition

    @staticmethod
    def gap_bars() -> EntropyGap:
        """Section 3's gap as two bars: H(P) and H(P, Q), the KL divergence between.

        H(P) is green, its name green too.
        """
        g = EntropyGap(
            H_P, H_PQ, value_text=bits, gap_text=f"KL 散度 {bits(KL)}", scale=3.3, bar_height=0.75
        )
        g.label_p[0].set_color(ENTROPY_COLOR)
        return g

    # --- 2 ----------------------------------------------------------------------------
    def never_negative(self):
        g = self.gap_figure
        head = tex(
            r"D_{KL}(P \,\|\, Q) \ \ge\ 0", size=HEADING_SIZE, color_map={r"D_{KL}": KL_COLOR}
        )
        head.to_edge(UP, buff=TOP_ROW)
        j = self.jensen_picture(head)
        steps, reasons = self.jensen_algebra(head)

        with self.narrate(
            "它从不小于零，Q 等于 P 时才为零：对数曲线向上拱，两点连成的弦总在曲线下方。",
            en="It is never below zero, and zero only when Q equals P: the log curve is concave, "
            "so the chord between two of its points lies below it.",
            hold=0.5,
        ) as beat:
            self.play(
                ReplacementTransform(self.definition, head),
                FadeOut(g),
                FadeIn(j.axes),
                run_time=0.8,
            )
            self.play(
                Create(j.curve),
                FadeIn(j.curve_label),
                FadeIn(j.x_label),
                FadeIn(j.points[j.low]),
                FadeIn(j.points[j.high]),
                Create(j.chord),
                FadeIn(j.faces),
                run_time=1.2,
            )
            beat.wait_until("Q 等于 P")
            self.play(j.merge.animate.set_value(1), FadeOut(j.faces), run_time=1, rate_func=smooth)
            self.play(j.merge.animate.set_value(0), FadeIn(j.faces), run_time=1, rate_func=smooth)
            beat.wait_until("对数曲线向上拱")
            self.play(Indicate(j.curve, color=ACCENT, scale_factor=1.03), run_time=1)
            beat.wait_until("两点连成的弦")
            self.play(Indicate(j.chord, color=ACCENT, scale_factor=1.05), run_time=1)
        for m in (*j.points, j.chord):
            m.clear_updaters()
        with self.narrate(
            f"比值按真实概率平均：横坐标正好是一，曲线在零；弦上的点却低了 {fmt_num(-MEAN_LOG)}，"
            "正是 KL 散度。",
            en="Average each face's ratio by the true probabilities: the abscissa is exactly one, "
            f"where the curve is zero; the point on the chord is {en_num(-MEAN_LOG)} lower: the "
            "KL divergence.",
            hold=1.3,
        ) as beat:
            self.play(FadeIn(j.points), FadeIn(j.table, lag_ratio=0.3), run_time=1)
            beat.wait_until("横坐标")
            self.play(FadeIn(j.average), FadeIn(j.mean, scale=0.5), run_time=1)
            beat.wait_until("弦上的点")
            self.play(Create(j.drop), FadeIn(j.pointer), FadeIn(j.drop_label), run_time=1)
        with self.narrate(
            "写成式子：第一步是定义，第二步靠曲线上拱，第三步靠概率之和为一。",
            en="As formulas: the first step is the definition, negated; the second is the "
            "concavity of log; the third, that probabilities sum to one.",
            hold=1.0,
        ) as beat:
            self.play(FadeOut(j.picture, shift=LEFT * 0.5), run_time=0.6)
            beat.wait_until("第一步")
            self.play(Write(steps[0]), FadeIn(reasons[0]), run_time=0.8)
            beat.wait_until("第二步")
            self.play(FadeIn(steps[1], shift=DOWN * 0.1), FadeIn(reasons[1]), run_time=0.7)
            beat.wait_until("第三步")
            self.play(FadeIn(steps[2], shift=DOWN * 0.1), FadeIn(reasons[2]), run_time=0.7)
        self.play(FadeOut(VGroup(head, steps, reasons)), run_time=FADE_OUT_TIME)

    @classmethod
    def jensen_picture(cls, head) -> JensenPicture:
        """Jensen's picture under ``head``.

        It has the log curve, the faces' points on it, their chord, the table and the drop.
        """
        axes = cls.jensen_axes()
        curve = axes.plot(
            lambda x: float(np.log2(x)), x_range=[2.0**Y_MIN, X_MAX, 0.005], color=ACCENT
        )
        curve_label = tex(r"\log_2 x", size=LEAD_SIZE, color_map={}).next_to(
            curve.get_end(), UP, buff=0.15
        )
        x_label = zh("Q/P", size=LABEL_SIZE, color=MUTED).next_to(
            axes.x_axis.get_end(), DOWN, buff=0.3
        )
        low, high = int(np.argmin(RATIOS)), int(np.argmax(RATIOS))
        # Q slides to P: every ratio Q/P slides to 1 (the mixture's
        # ratios are the mixture of the ratios)
        merge = ValueTracker(0.0)

        def end(i: int):
            r = (1 - merge.get_value()) * RATIOS[i] + merge.get_value()
            return axes.c2p(r, float(np.log2(r)))

        points = VGroup(*[Dot(end(i), radius=0.09, color=TEXT_COLOR) for i in range(len(RATIOS))])
        for i, dot in enumerate(points):
            dot.add_updater(lambda m, i=i: m.move_to(end(i)))
        chord = Line(end(low), end(high), color=TEXT_COLOR, stroke_width=3)

        def follow_points(line):
            start, stop = end(low), end(high)
            line.put_start_and_end_on(
                start, stop if np.linalg.norm(stop - start) > 1e-3 else start + RIGHT * 1e-3
            )

        chord.add_updater(follow_points)
        faces = VGroup(
            DieFace(1, size=0.3),
            VGroup(
                DieFace(2, size=0.3), zh("–", size=LABEL_SIZE), DieFace(SIDES, size=0.3)
            ).arrange(RIGHT, buff=0.06),
        )
        table = cls.ratio_table(faces[1].copy(), low, high)
        average = VGroup(
            zh("加权平均的横坐标", size=LABEL_SIZE, color=MUTED),
            tex(r"\sum_x P(x)\,\frac{Q(x)}{P(x)} = \sum_x Q(x) = 1", size=32),
        )
        average.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        side = VGroup(table, average).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        plot = VGroup(axes, curve, curve_label, x_label)
        VGroup(plot, side).arrange(RIGHT, buff=SECTION_GAP).next_to(head, DOWN, buff=GAP)
        # what sits on the plot is placed once the plot is in its place
        for i, dot in enumerate(points):
            dot.move_to(end(i))
        chord.put_start_and_end_on(end(low), end(high))
        faces[0].next_to(end(low), LEFT, buff=0.12)
        faces[1].next_to(end(high), UP, buff=0.15)
        mean, drop, drop_label, pointer = cls.kl_drop(axes)
        picture = VGroup(plot, points, chord, faces, side, mean, drop, pointer, drop_label)
        return JensenPicture(
            axes,
            curve,
            curve_label,
            x_label,
            points,
            chord,
            faces,
            low,
            high,
            merge,
            table,
            average,
            mean,
            drop,
            drop_label,
            pointer,
            picture,
        )

    @staticmethod
    def jensen_axes() -> Axes:
        """The axes of Jensen's picture, with one x label: 1, where the weighted mean lands."""
        axes = figure_axes(
            [0, X_MAX, 0.5], [Y_MIN, Y_MAX, 1], x_length=5.6, y_length=4.3, size=LABEL_SIZE
        )
        # one x label, the one the narration needs: 1, where the weighted mean lands. It sits above
        # the axis on the left of its tick, where neither the curve (below the axis there) nor the
        # chord is
        one = next(
            label
            for x, label in zip(np.arange(0.5, X_MAX + 0.25, 0.5), axes.x_axis.labels)
            if x == 1
        )
        axes.x_axis.remove(axes.x_axis.labels)
        axes.x_axis.add(one.next_to(axes.c2p(1, 0), UP + LEFT, buff=0.08))
        return axes

    @classmethod
    def ratio_table(cls, high_faces: VGroup, low: int, high: int) -> VGroup:
        """The Jensen points' ratios and weights, a row each, the figures in columns."""
        table = VGroup(
            cls.ratio_row(
                VGroup(DieFace(1, size=0.32)), RATIOS[low], WEIGHTS[RATIOS[low] == RATIOS].sum()
            ),
            cls.ratio_row(high_faces, RATIOS[high], WEIGHTS[RATIOS[high] == RATIOS].sum()),
        ).arrange(DOWN, buff=GAP, aligned_edge=LEFT)
        for col in range(1, len(table[0])):
            x = max(row[col - 1].get_right()[0] for row in table) + 0.3
            for row in table:
                row[col].shift(RIGHT * (x - row[col].get_left()[0]))
        return table

    @staticmethod
    def kl_drop(axes) -> tuple:
        """The weighted mean on the chord, its drop below the curve and that drop's figure.

        The drop is the KL divergence.
        """
        mean = Dot(axes.c2p(MEAN_RATIO, MEAN_LOG), radius=0.1, color=KL_COLOR)
        top = axes.c2p(MEAN_RATIO, float(np.log2(MEAN_RATIO)))
        drop = Line(top, mean.get_center(), color=KL_COLOR, stroke_width=6)
        # the drop is short: its figure sits in the empty corner under the curve, with a pointer
        drop_label = zh(fmt_num(-MEAN_LOG), size=STRONG_LABEL_SIZE, color=KL_COLOR)
        drop_label.move_to(axes.c2p((MEAN_RATIO + X_MAX) / 2, (Y_MIN + MEAN_LOG) / 2))
        pointer = Arrow(
            drop_label.get_left(),
            drop.get_center(),
            buff=0.1,
            color=KL_COLOR,
            stroke_width=3,
            max_tip_length_to_length_ratio=0.15,
        )
        return mean, drop, drop_label, pointer

    @staticmethod
    def jensen_algebra(head) -> tuple[VGroup, VGroup]:
        """The algebra, full size once the picture has gone; each step with its reason."""
        steps = VGroup(
            tex(r"-D_{KL}", r"=", r"\sum_x P(x)\,\log_2 \frac{Q(x)}{P(x)}", **STEP),
            tex(r"-D_{KL}", r"\le", r"\log_2 \sum_x P(x)\,\frac{Q(x)}{P(x)}", **STEP),
            tex(r"-D_{KL}", r"\le", r"\log_2 \sum_x Q(x) = \log_2 1 = 0", **STEP),
        ).arrange(DOWN, buff=ROW_GAP * 1.4, aligned_edge=LEFT)
        reasons = VGroup(
            *[
                zh(f"← {r}", size=BODY_SIZE, color=ACCENT)
                for r in ("定义，取负", "对数上拱：弦在曲线下方", "Q 的总和是 1")
            ]
        )
        for reason, step in zip(reasons, steps):
            reason.next_to(step, RIGHT, buff=SECTION_GAP)
        reasons.align_to(reasons[0], LEFT)
        VGroup(steps, reasons).next_to(head, DOWN, buff=SECTION_GAP * 1.5)
        return steps, reasons

    @staticmethod
    def ratio_row(faces: VGroup, ratio: float, weight: float) -> VGroup:
        """A row of Jensen's table: the faces, their ratio Q/P (a fraction) and their weight (P)."""
        fraction = Fraction(float(ratio)).limit_denominator(1000)
        return VGroup(
            faces,
            zh(f"Q/P = {fraction}", size=STRONG_LABEL_SIZE),
            zh(f"权重 {float(weight):g}", size=STRONG_LABEL_SIZE, color=P_COLOR),
        ).arrange(RIGHT, buff=0.3)

    # --- 3 ----------------------------------------------------------------------------
    def asymmetry_face_by_face(self):
        chart = ProbabilityChart(
            [DieFace(n, size=0.4) for n in FACES],
            max_value=LOADED_DIE.max(),
            height=1.3,
            slot_width=0.95,
        )
        p = chart.add_series(LOADED_DIE, P_COLOR, show_values=False)
        q = chart.add_series(FAIR_DIE, Q_COLOR, show_values=False)
        legend = pq_legend("P 作弊骰子", "Q 公平骰子", direction=DOWN, size=LABEL_SIZE)
        xs = [slot.get_x() for slot in chart.slots]
        # both rows on one scale
        scale = 1.9 / float(np.ptp(np.concatenate([FORWARD, BACKWARD, [0.0]])))
        rows = VGroup()
        for values, term, total, name, roles in (
            (FORWARD, r"P(x)\log_2\frac{P(x)}{Q(x)}", KL, r"D_{KL}(P \,\|\, Q)", ("P", "Q")),
            (
                BACKWARD,
                r"Q(x)\log_2\frac{Q(x)}{P(x)}",
                KL_SWAPPED,
                r"D_{KL}(Q \,\|\, P)",
                ("Q", "P"),
            ),
        ):
            bars = SignedBars(
                values, xs, unit=scale, bar_width=0.55, color=KL_COLOR, label_size=SMALL_SIZE
            )
            header = tex(term, size=LEAD_SIZE * 0.8)
            # which distribution plays the truth in this row: a bar
            # above zero is a face it underrates
            role = zh(
                f"{roles[0]} 当真相，{roles[1]} 当假设",
                size=LABEL_SIZE,
                color=MUTED,
                t2c={roles[0]: COLORS[roles[0]], roles[1]: COLORS[roles[1]]},
            )
            VGroup(header, role).arrange(DOWN, buff=0.12, aligned_edge=RIGHT).next_to(
                bars.zero, LEFT, buff=GAP
            )
            sum_label = Readout(name, value=total, color=KL_COLOR, size=LEAD_SIZE * 0.8)
            sum_label.next_to(bars.zero, RIGHT, buff=GAP)
            row = VGroup(bars, VGroup(header, role), sum_label)
            if len(rows):
                row.next_to(rows, DOWN, buff=ROW_GAP, coor_mask=UP)
            rows.add(row)
        rows.next_to(chart, DOWN, buff=ROW_GAP, coor_mask=UP)
        legend.next_to(chart, RIGHT, buff=SECTION_GAP)
        VGroup(legend, chart, rows).move_to(UP * 0.25)
        for row in rows:  # the headers right-aligned in one column
            row[1].align_to(rows[0][1], RIGHT)
        # the faces each row's truth underrates, boxed on the chart as they are named
        underrated = [
            SurroundingRectangle(VGroup(*p.bars[k], *q.bars[k]), color=ACCENT, buff=0.05)
            for k in (slice(0, 1), slice(1, None))
        ]
        # a single term may be negative; the sum never is (the last section's point)
        caution = VGroup(
            zh("单项可正可负，", size=LABEL_SIZE, color=MUTED),
            zh("合计总 ≥ 0", size=LABEL_SIZE, color=MUTED),
        ).arrange(DOWN, buff=0.1, aligned_edge=LEFT)
        caution.next_to(legend, DOWN, buff=SECTION_GAP).align_to(legend, LEFT)

        def grow(row):
            bars = row[0]
            return LaggedStart(
                *[GrowFromEdge(b, grow_direction(v)) for b, v in zip(bars.bars, bars.data)],
                lag_ratio=0.15,
            )

        with self.narrate(
            "第二，它不对称。逐面看上面一行：大头在一点，真实常见，却被低估；",
            en="Second, it is not symmetric. Face by face, the upper row: most comes from face "
            "one, truly common but underrated;",
        ) as beat:
            self.play(FadeIn(chart), FadeIn(legend), run_time=1)
            beat.wait_until("逐面看")
            self.play(FadeIn(rows[0][0].zero), FadeIn(rows[0][1]), grow(rows[0]), run_time=1.5)
            self.play(FadeIn(rows[0][0].values), FadeIn(rows[0][2]), run_time=0.8)
            beat.wait_until("被低估")
            self.play(Create(underrated[0]), run_time=0.5)
        with self.narrate(
            "下面一行 P、Q 对调，公平骰子当真相：这回被低估的是其余五面。"
            f"合计 {fmt_num(KL)} 对 {fmt_num(KL_SWAPPED)}。",
            en="the lower row swaps P and Q, the fair die as the truth: now the underrated faces "
            f"are the other five. In all, {fmt_num(KL)} against {fmt_num(KL_SWAPPED)}.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(rows[1][0].zero), FadeIn(rows[1][1]), grow(rows[1]), run_time=1.5)
            self.play(FadeIn(rows[1][0].values), run_time=0.6)
            beat.wait_until("其余五面")
            self.play(ReplacementTransform(underrated[0], underrated[1]), run_time=0.5)
            beat.wait_until("合计")
            self.play(
                FadeIn(rows[1][2]),
                Indicate(rows[0][2], color=KL_COLOR),
                FadeIn(caution),
                run_time=1,
            )
        self.play(
            FadeOut(VGroup(chart, legend, rows, underrated[1], caution)), run_time=FADE_OUT_TIME
        )

    # --- 4 ----------------------------------------------------------------------------
    def coin_heatmaps(self):
        maps, bar, figure = self.coin_maps()
        bands = self.bright_bands(maps)
        park = self.parked_marker(maps)

        with self.narrate(
            "换成硬币，p、q 是正面的概率，横轴是你信的 q。"
            "左图两侧亮：真常见，却当成几乎不可能；右图次序颠倒，亮带横着。",
            en="Now a coin; lower-case p and q are the chance of heads, and across is your belief "
            "q. The left map is bright at the sides: truly common, but believed nearly "
            "impossible. The right map, the order reversed, has its bright bands across.",
            hold=0.8,
        ) as beat:
            self.play(FadeIn(maps[0]), FadeIn(maps[1]), FadeIn(bar), run_time=1.5)
            beat.wait_until("左图")
            self.play(Create(bands[:2]), run_time=1)
            beat.wait_until("右图")
            self.play(Create(bands[2:]), run_time=1)
        with self.narrate(
            f"停在 p 等于 {PARK_P:g}、q 等于 {PARK_Q:g}：左图 {bits(PARK_FORWARD)}，右图只有 "
            f"{fmt_num(PARK_BACKWARD)}。",
            en=f"Park the point at p = {PARK_P:g}, q = {PARK_Q:g}: the left map reads "
            f"{en_bits(PARK_FORWARD)}, the right only {fmt_num(PARK_BACKWARD)}.",
            hold=1.5,
        ) as beat:
            self.play(FadeOut(bands), FadeIn(park.readouts), FadeIn(park.where), run_time=0.6)
            self.add(park.markers)
            self.play(
                park.t.animate.set_value(1),
                run_time=beat.until("左图", minimum=1.5),
                rate_func=smooth,
            )
        for m in (*park.markers, park.forward, park.backward):
            m.clear_updaters()
        with self.narrate(
            "按左图训练，把真事说成不可能会重罚：常用损失正是数据在前。",
            en="So training in the left map's direction punishes hard a model that calls a real "
            "outcome impossible: that is why the usual loss puts the data first.",
            hold=0.8,
        ):
            self.play(
                Indicate(park.forward, color=ACCENT),
                Succession(
                    FadeOut(park.where, run_time=0.4),
                    FadeIn(park.practice, shift=UP * 0.2, run_time=0.8),
                ),
                run_time=1.2,
            )
        self.heatmaps = Group(figure, park.markers, park.readouts, park.practice)

    @staticmethod
    def coin_maps() -> tuple[Group, Group, Group]:
        """The coin heatmaps D(p||q) and D(q||p) side by side, with their colour bar, at the top."""
        side = 3.2
        maps = Group()  # Group, not VGroup: the heatmaps are images
        for grid, title, direction in (
            (KL_GRID, r"D_{KL}(p \,\|\, q)", "数据在前"),
            (KL_GRID.T, r"D_{KL}(q \,\|\, p)", "次序颠倒"),
        ):
            image = heatmap_image(grid, VMAX, side)
            axes = figure_axes(
                [0, 1, 0.5], [0, 1, 0.5], x_length=side, y_length=side, size=CAPTION_SIZE
            )
            axes.move_to(image, aligned_edge=DOWN + LEFT)
            image.move_to(axes.c2p(0.5, 0.5))
            diagonal = Line(
                axes.c2p(0, 0), axes.c2p(1, 1), color=MUTED, stroke_width=1.5, stroke_opacity=0.6
            )
            heading = VGroup(
                tex(title, size=LEAD_SIZE, color_map={}),
                zh(direction, size=LABEL_SIZE, color=MUTED),
            )
            heading.arrange(RIGHT, buff=GAP).next_to(axes, UP, buff=0.25)
            x_label = zh("q（你相信的正面概率）", size=LABEL_SIZE, color=Q_COLOR).next_to(
                axes.x_axis, DOWN, buff=GAP
            )
            y_label = (
                zh("p（真实，即数据）", size=LABEL_SIZE, color=P_COLOR)
                .rotate(np.pi / 2)
                .next_to(axes.y_axis, LEFT, buff=0.2)
            )
            maps.add(Group(image, axes, diagonal, heading, x_label, y_label))
        bar = color_bar(VMAX, side)
        figure = Group(maps[0], maps[1], bar).arrange(RIGHT, buff=GAP * 1.5)
        bar.align_to(maps[1][1], DOWN)  # the colour bar spans the map's height
        figure.to_edge(UP, buff=EDGE)
        return maps, bar, figure

    @staticmethod
    def bright_bands(maps: Group) -> VGroup:
        """Boxes round where each map is bright.

        A bright place is a common outcome believed (left) or made (right) nearly impossible.
        """
        bands = VGroup()
        band = 0.14
        for group, spans in (
            (maps[0], [((0, band), (0.2, 0.8)), ((1 - band, 1), (0.2, 0.8))]),
            (maps[1], [((0.2, 0.8), (0, band)), ((0.2, 0.8), (1 - band, 1))]),
        ):
            ax = group[1]
            for (x0, x1), (y0, y1) in spans:
                corner, far = ax.c2p(x0, y0), ax.c2p(x1, y1)
                box = Rectangle(
                    width=far[0] - corner[0],
                    height=far[1] - corner[1],
                    color=ACCENT,
                    stroke_width=4,
                )
                bands.add(box.move_to((corner + far) / 2))
        return bands

    @staticmethod
    def parked_marker(maps: Group) -> ParkedMarker:
        """The marker on both maps, driven by one tracker from q = 0.5 to PARK_Q.

        Each map's readout is under it.
        """
        t = ValueTracker(0.0)  # the marker: q from 0.5 down to PARK_Q, p fixed at PARK_P

        def q_now() -> float:
            return 0.5 + (PARK_Q - 0.5) * t.get_value()

        # a ring, dark outside and yellow inside: it shows on the bright bands and the dark ones
        # alike, and above the map's border where it parks
        markers = VGroup(
            *[
                VGroup(
                    Circle(radius=0.17, stroke_color=BLACK, stroke_width=9),
                    Circle(radius=0.17, stroke_color=ACCENT, stroke_width=4),
                )
                .set_z_index(2)
                .add_updater(lambda m, ax=group[1]: m.move_to(ax.c2p(q_now(), PARK_P)))
                for group in maps
            ]
        )
        forward = Readout(
            r"D_{KL}(p \,\|\, q)", lambda: coin_kl(PARK_P, q_now()), color=KL_COLOR, size=BODY_SIZE
        )
        backward = Readout(
            r"D_{KL}(q \,\|\, p)", lambda: coin_kl(q_now(), PARK_P), color=KL_COLOR, size=BODY_SIZE
        )
        readouts = VGroup(forward, backward)
        for readout, group in zip(readouts, maps):  # each map reads out under itself
            readout.next_to(group, DOWN, buff=GAP).set_x(group[1].get_x())
        readouts.align_to(readouts[0], UP)
        where = zh(f"p = {PARK_P:g}，q = {PARK_Q:g}", size=LABEL_SIZE, color=ACCENT)
        where.next_to(readouts, DOWN, buff=GAP).set_x(readouts.get_x())
        practice = zh("常用损失：数据在前", size=STRONG_LABEL_SIZE, color=ACCENT).move_to(where)
        return ParkedMarker(t, markers, forward, backward, readouts, where, practice)

    # --- 5 ----------------------------------------------------------------------------
    def hand_over(self):
        # the bars of the section's start, where they were
        g = self.gap_bars().move_to(self.gap_place)
        kl = ValueTracker(KL)  # training: the model's KL shrinks, H(P) stays
        scale = g.bar_pq.width / H_PQ

        def follow_kl(bar):
            bar.stretch_to_fit_width((H_P + kl.get_value()) * scale).align_to(g.bar_p, LEFT)

        def follow_excess(outline):
            width = kl.get_value() * scale
            outline.stretch_to_fit_width(max(width, 1e-3)).align_to(g.bar_pq, RIGHT)
            outline.set_stroke(opacity=1.0 if width > 0.02 else 0.0)

        live = VGroup(Figure(H_PQ, size=LABEL_SIZE), zh("比特", size=LABEL_SIZE)).arrange(
            RIGHT, buff=0.1
        )
        live.move_to(g.value_pq, aligned_edge=LEFT)
        live[0].add_updater(lambda m: m.set_value(H_P + kl.get_value()))
        live.add_updater(lambda m: m.next_to(g.bar_pq, RIGHT, buff=0.2))
        fixed = zh("由数据定死", size=LABEL_SIZE, color=MUTED).move_to(g.label_p[1])
        identity = tex(
            r"H(P, Q) =",
            r"H(P)",
            r"+ D_{KL}(P \,\|\, Q)",
            size=BIG_FORMULA_SIZE,
            color_map={r"D_{KL}": KL_COLOR},
        )
        identity.get_part_by_tex(r"H(P)").set_color(ENTROPY_COLOR)
        identity.next_to(g, DOWN, buff=SECTION_GAP)
        note = zh("最小化交叉熵 = 最小化 KL 散度", size=LEAD_SIZE, color=ACCENT).next_to(
            identity, DOWN, buff=GAP
        )
        # the coin maps shrink away into the bars' place while section 3's bars come back
        self.play(
            FadeOut(self.heatmaps, scale=0.3, target_position=self.gap_place),
            FadeIn(VGroup(g.figure, g.floor, g.gap, g.brace, g.gap_label), scale=1.4),
            run_time=1,
        )
        with self.narrate(
            "交叉熵等于熵加 KL 散度；熵由数据定死，最小化交叉熵，就是最小化 KL 散度。",
            en="Cross-entropy is entropy plus KL divergence; entropy is fixed by the data, so "
            "minimising cross-entropy is minimising KL divergence.",
            hold=1.2,
        ) as beat:
            self.play(Write(identity), run_time=1.2)
            beat.wait_until("熵由数据定死")
            self.play(
                Indicate(g.bar_p, color=ENTROPY_COLOR, scale_factor=1.05),
                ReplacementTransform(g.label_p[1], fixed),
                run_time=1,
            )
            beat.wait_until("最小化交叉熵")
            # the bracket and its figure belong to the gap as it was: they go before the bar
            # shrinks; the purple outline stays on the excess and shrinks with it (what training
            # minimises)
            self.play(FadeOut(VGroup(g.brace, g.gap_label)), run_time=0.4)
            self.remove(g.value_pq)
            self.add(live)
            g.bar_pq.add_updater(follow_kl)
            g.gap.add_updater(follow_excess)
            self.play(
                kl.animate.set_value(0),
                FadeIn(note, shift=UP * 0.2),
                run_time=beat.until_end(minimum=1.5),
            )
        g.bar_pq.clear_updaters()
        g.gap.clear_updaters()
        live.clear_updaters()
        live[0].clear_updaters()
        self.play(
            FadeOut(
                VGroup(
                    g.bar_p,
                    g.bar_pq,
                    g.label_p[0],
                    g.label_pq,
                    g.value_p,
                    g.floor,
                    g.gap,
                    live,
                    fixed,
                    identity,
                    note,
                )
            ),
            run_time=FADE_OUT_TIME,
        )
