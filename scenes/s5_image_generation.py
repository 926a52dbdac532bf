"""Section 5 — 教模型画图：交叉熵当损失

A real, small generative model really trained. The data: smiley faces, 16 x 16 black and
white pixels, looking left or right (``infotheory.faces``); P is the data's distribution over
whole pictures, P_i the share of black and white at pixel i. The model Q_theta gives every
pixel its own softmax over two scores, independently of the others, and is fitted by gradient
descent on the cross-entropy H(P, Q_theta). The recorded run is replayed slowly: its samples
turn from noise into faces (frozen at four moments, a filmstrip), and the loss (on a log axis,
hundreds of bits at the start) settles at the floor of a model whose pixels are independent,
sum_i H(P_i) = 8 bits -- far above the true floor H(P) = 1 bit (two equally common faces): the
gap is the KL divergence of section 4. What independent pixels get wrong -- faces with three or
four eyes, drawn by this very model -- and what an autoregressive model does instead: it paints
pixel by pixel, each prediction scored by cross-entropy, its eyes agree and it comes down to
H(P). Last, the question every student asks: why not squared error? (a confident mistake: the
charge and the push on the true score of each loss, computed), and a hand-over to section 6.

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
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    FadeTransform,
    Group,
    GrowFromEdge,
    Indicate,
    Line,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

import infotheory as it
from infotheory.autoregressive import fit_autoregressive, image_entropy
from infotheory.faces import eyes_drawn, glancing_faces
from infotheory.losses import squared_error, truth_push
from scenes.kit.codes import SignedBars, grow_direction
from scenes.kit.examples import current
from scenes.kit.figures import Figure, figure_axes, figure_text
from scenes.kit.mobjects import ProbabilityChart, Readout, gap_marker
from scenes.kit.pixels import PixelMosaic, level_color
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BIG_FORMULA_SIZE,
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
    SECTION_GAP,
    STRONG_LABEL_SIZE,
    TEXT_COLOR,
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits, shown_equation
from scenes.kit.training import GrowingCurve, RasterScan, eye_pixels, log_axes, replay_step

# --- data, model and training (all seeded: every render is identical) --------------------
EXAMPLES = current().images  # assets/examples.toml: [images]
N_IMAGES, SIZE, LEVELS = EXAMPLES.count, EXAMPLES.size, EXAMPLES.levels
FACES = glancing_faces(N_IMAGES, size=SIZE, levels=LEVELS, seed=EXAMPLES.data_seed)
IMAGES = FACES.images
P = it.pixel_distributions(IMAGES, LEVELS)  # (size, size, levels): each pixel's P_i
INIT = np.random.default_rng(EXAMPLES.init_seed).normal(0.0, 1.5, P.shape)  # random logits: noise
STEPS, LEARNING_RATE = EXAMPLES.steps, EXAMPLES.learning_rate
FIT = it.fit_categorical(P, INIT, steps=STEPS, learning_rate=LEARNING_RATE)
PIXELS = SIZE * SIZE
LOSS = FIT.losses * PIXELS  # bits per image, at every step
L_START, L_END = float(LOSS[0]), float(LOSS[-1])
#: the floor of a model whose pixels are independent: the sum
# of the pixels' own entropies, sum_i H(P_i)
PIXEL_FLOOR = FIT.floor * PIXELS
#: the true floor H(P): the entropy of the data's distribution over whole pictures
H_DATA = image_entropy(IMAGES)
KL_END = L_END - H_DATA  # D_KL(P || Q_theta) when training ends
#: the loss axis (logarithmic): from below H(P) (room for its label) to above the first step
LOSS_LOW, LOSS_HIGH = H_DATA / 16, 1.5 * L_START
SHOWN, FILM = 8, 4  # samples shown; snapshots (columns) of the run
# fixed: samples morph smoothly
UNIFORMS = np.random.default_rng(EXAMPLES.sample_seed).random((SHOWN, SIZE, SIZE))
#: the replay's clock at the four snapshots (untrained, early, middle, trained) and their steps
SNAPSHOT_CLOCK = (0.0, 0.3, 0.55, 1.0)
SNAPSHOTS = tuple(replay_step(c, STEPS) for c in SNAPSHOT_CLOCK)
TRAINED = it.sample_categorical(FIT.probs[-1][None], UNIFORMS)
MANY_EYES = int(np.sum(eyes_drawn(TRAINED) > 2))  # trained faces with three or four eyes
#: the data faces shown: left and right lookers in a checkerboard
_LEFT, _RIGHT = np.flatnonzero(FACES.looks == 0), np.flatnonzero(FACES.looks == 1)
SHOWN_DATA = np.array([[_LEFT, _RIGHT][(k + k // FILM) % 2][k // 2] for k in range(SHOWN)])
#: the pixel whose distribution is shown: the most uncertain one in the data (the first eye's)
PIXEL = np.unravel_index(int(np.argmax(it.entropy(P))), (SIZE, SIZE))
STEP_TICK = max(10, round(STEPS / 3, -1))
IMAGE_SIDE = 1.2  # one face in a grid, frame units
PAIR_SIDE = 2.5  # the two faces of the first beat
FULL_WIDTH = 12.4  # the widest a row may be (inside the safe area)

# the autoregressive model: the same data, pixel by pixel
AR_STEPS, AR_RATE = 1000, 0.3
AR = fit_autoregressive(IMAGES, LEVELS, steps=AR_STEPS, learning_rate=AR_RATE)
AR_COST = float(np.mean(AR.surprises(IMAGES).sum(axis=(1, 2))))  # bits per image
SCANNED = int(SHOWN_DATA[0])  # the data face it is scored on
SCAN_Q = AR.conditionals(IMAGES[SCANNED][None])[0].reshape(-1, LEVELS)
SCAN_COST = AR.surprises(IMAGES[SCANNED][None])[0].ravel()
DECISIVE = int(np.argmax(SCAN_COST))  # the first eye: a coin flip
AR_SAMPLES = AR.sample(UNIFORMS)  # the same random numbers as the samples above

# why not squared error: a confident mistake (two outcomes, the true one first)
WRONG = 0.01  # the probability it gives the truth
ONE_HOT = np.array([1.0, 0.0])
CE_WRONG = float(it.self_information(WRONG))
SE_WRONG = float(squared_error(ONE_HOT, [WRONG, 1 - WRONG]))
PUSH_CE, PUSH_SE = float(truth_push(WRONG)), float(truth_push(WRONG, "squared_error"))


def loss_curves(q):
    """Cross-entropy (bits) and squared error of the prediction ``[q, 1 - q]``.

    The truth is ``[1, 0]``.
    """
    return float(it.cross_entropy(ONE_HOT, [q, 1 - q])), float(squared_error(ONE_HOT, [q, 1 - q]))


def pushes(q):
    """How hard each loss pushes the true outcome's score: |dL/dz_true| at ``[q, 1 - q]``.

    The cross-entropy is in bits.
    """
    return float(truth_push(q)), float(truth_push(q, "squared_error"))


def swatch(level: int) -> Square:
    """A small square in the colour of an intensity level: the name of an outcome (black, white)."""
    return Square(
        0.4,
        stroke_color=MUTED,
        stroke_width=1.5,
        fill_opacity=1,
        fill_color=level_color(level, LEVELS),
    )


class LearningImagesByCrossEntropy(SectionScene):
    section = "s5"

    def construct(self):
        self.show_title_card()
        self.images_as_samples_of_p()
        self.untrained_model()
        self.gradient_and_backpropagation()
        self.train_by_cross_entropy()
        self.pixels_on_their_own()
        self.pixel_by_pixel()
        self.why_not_squared_error()
        self.hand_over()

    # --- the stage: data and model faces on the left, a pixel's chart and the loss on the right ---
    def _build_stage(self):
        data = PixelMosaic(IMAGES[SHOWN_DATA], LEVELS, IMAGE_SIDE, rows=SHOWN // FILM)
        model = PixelMosaic(TRAINED, LEVELS, IMAGE_SIDE, rows=SHOWN // FILM)
        data_label = zh(
            f"数据：P 的样本（共 {N_IMAGES} 张）", size=STRONG_LABEL_SIZE, color=P_COLOR
        )
        model_label = zh("模型 Q 的采样", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        step_labels = VGroup(*[zh(f"第{s}步", size=LABEL_SIZE, color=MUTED) for s in SNAPSHOTS])
        left = Group(data_label, data, model_label, model).arrange(DOWN, buff=0.12)
        Group(model_label, model).shift(DOWN * 0.06)

        chart = ProbabilityChart(
            [swatch(k) for k in range(LEVELS)],
            max_value=1.0,
            height=1.0,
            slot_width=min(1.2, 4.2 / LEVELS),
        )
        p_bars = chart.add_series(P[PIXEL], P_COLOR, decimals=2, label_size=LABEL_SIZE)
        q_bars = chart.add_series(FIT.probs[0][PIXEL], Q_COLOR, show_values=False)
        # P's figures lean left, clear of Q's bar beside
        for label, bar in zip(p_bars.labels, p_bars.bars):
            label.align_to(bar, RIGHT)
        chart_label = VGroup(
            zh("框出的像素，黑白各占多少：", size=LABEL_SIZE, color=MUTED),
            tex(r"P_i", size=FORMULA_SIZE),
        ).arrange(RIGHT, buff=0.1)
        pixel_panel = VGroup(chart, chart_label).arrange(DOWN, buff=0.2)

        axes = log_axes([0, STEPS, STEP_TICK], LOSS_LOW, LOSS_HIGH, x_length=5.4, y_length=2.3)
        x_label = (
            zh("训练步数", size=LABEL_SIZE, color=MUTED)
            .next_to(axes.x_axis, DOWN, buff=0.15)
            .align_to(axes.x_axis, RIGHT)
        )
        # two floors: the one independent pixels can reach (grey), and the true one, H(P) (green)
        floor = DashedLine(axes.c2p(0, PIXEL_FLOOR), axes.c2p(STEPS, PIXEL_FLOOR), color=MUTED)
        floor_label = VGroup(
            zh("像素独立时", size=LABEL_SIZE, color=MUTED),
            Readout(
                r"{\textstyle\sum_i} H(P_i)", value=PIXEL_FLOOR, color=MUTED, size=STRONG_LABEL_SIZE
            ),
        )
        floor_label.arrange(RIGHT, buff=0.15).next_to(floor, DOWN, buff=0.1).align_to(floor, RIGHT)
        truth = DashedLine(axes.c2p(0, H_DATA), axes.c2p(STEPS, H_DATA), color=ENTROPY_COLOR)
        truth_label = VGroup(
            zh("真正的下限", size=LABEL_SIZE, color=ENTROPY_COLOR),
            Readout(r"H(P)", value=H_DATA, color=ENTROPY_COLOR, size=STRONG_LABEL_SIZE),
        )
        truth_label[1].label[0].set_color(ENTROPY_COLOR)
        truth_label.arrange(RIGHT, buff=0.15).next_to(truth, DOWN, buff=0.1).align_to(truth, RIGHT)
        readout = Readout(r"H(P, Q_\theta)", value=L_START, unit="比特/张", color=Q_COLOR)
        plot = VGroup(axes, x_label, floor, floor_label)
        truth_parts = VGroup(truth, truth_label)  # shown when the loss has settled
        readout.next_to(plot, UP, buff=0.25).align_to(axes, LEFT)
        right = VGroup(pixel_panel, VGroup(readout, plot, truth_parts)).arrange(DOWN, buff=0.4)
        Group(left, right).arrange(RIGHT, buff=WIDE_GAP)
        left.to_edge(UP, buff=EDGE)
        right.to_edge(UP, buff=EDGE)
        for label, k in zip(step_labels, range(FILM)):
            label.next_to(model, DOWN, buff=0.08).set_x(model.image_center(k)[0])

        def marker(mosaic, k=0, cells=2.4):
            side = mosaic.pixel_size * cells
            frame = Rectangle(width=side, height=side, stroke_color=ACCENT, stroke_width=4)
            frame.z_index = 1  # above the faces it frames, whatever comes later
            return frame.move_to(mosaic.pixel_center(k, *PIXEL))

        self.stage = {
            "data": data,
            "model": model,
            "left": left,
            "data_label": data_label,
            "model_label": model_label,
            "step_labels": step_labels,
            "chart": chart,
            "p_bars": p_bars,
            "q_bars": q_bars,
            "pixel_panel": pixel_panel,
            "plot": plot,
            "axes": axes,
            "readout": readout,
            "right": right,
            "truth": truth_parts,
            "marker": marker,
            "data_marker": marker(data),
            "model_marker": marker(model),
        }

    # --- 1 ----------------------------------------------------------------------------
    def images_as_samples_of_p(self):
        self._build_stage()
        st = self.stage
        pair_images = IMAGES[[_LEFT[0], _RIGHT[0]]]
        pair = PixelMosaic(pair_images, LEVELS, PAIR_SIDE, rows=1)
        looks = VGroup(zh("往左看", size=LEAD_SIZE), zh("往右看", size=LEAD_SIZE))
        for label, k in zip(looks, range(2)):
            label.next_to(pair, DOWN, buff=0.3).set_x(pair.image_center(k)[0])
        Group(pair, looks).move_to(st["left"])  # where the data will be
        boxes = VGroup(*[st["marker"](pair, k, cells=1.8) for k in range(2)])
        chart = st["chart"]
        with self.narrate(
            "一张图，是数据分布 P 的一个样本：笑脸有的往左看，有的往右看。"
            "框出的像素，黑白各占多少，是它自己的分布。",
            en="A picture is one sample of the data distribution P: these faces look either left "
            "or right. Look at the framed pixel: how often it is black or white is its own "
            "distribution.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(pair), run_time=1.0)
            beat.wait_until("有的往左看")
            # the eyes in P's colour: where they sit is all that differs
            self.play(
                FadeIn(looks[0], shift=UP * 0.2),
                pair.animate.set_levels(
                    pair_images, marked=eye_pixels(pair_images), mark_color=P_COLOR
                ),
                run_time=0.6,
            )
            beat.wait_until("有的往右看")
            self.play(FadeIn(looks[1], shift=UP * 0.2), run_time=0.6)
            beat.wait_until("框出的像素")
            self.play(Create(boxes), run_time=0.6)
            self.play(
                Indicate(boxes, color=ACCENT, scale_factor=1.6),
                FadeIn(chart.baseline),
                FadeIn(chart.category_labels),
                FadeIn(st["p_bars"]),
                FadeIn(st["pixel_panel"][1]),
                run_time=1.0,
            )
            beat.wait_until("是它自己的分布")
            self.play(
                FadeTransform(pair, st["data"]),
                FadeOut(looks),
                FadeIn(st["data_label"]),
                ReplacementTransform(boxes[0], st["data_marker"]),
                FadeOut(boxes[1]),
                run_time=1.4,
            )
            self.play(Indicate(st["data_marker"], color=ACCENT, scale_factor=2.0), run_time=0.8)

    # --- 2 ----------------------------------------------------------------------------
    def untrained_model(self):
        st = self.stage
        z = INIT[PIXEL]
        scores = SignedBars(
            z,
            [k * 0.9 for k in range(LEVELS)],
            unit=0.3,
            bar_width=0.45,
            color=Q_COLOR,
            label_size=LABEL_SIZE,
        )
        names = VGroup(
            *[
                swatch(k).scale(0.8).next_to(scores, DOWN, buff=0.12).set_x(bar.get_x())
                for k, bar in enumerate(scores.bars)
            ]
        )
        title = (
            VGroup(zh("分数", size=LABEL_SIZE, color=Q_COLOR), tex(r"z_k", size=FORMULA_SIZE))
            .arrange(RIGHT, buff=0.1)
            .next_to(VGroup(scores, names), UP, buff=0.2)
        )
        logits = VGroup(title, scores, names)
        formula = VGroup(
            tex(r"Q_\theta(k) = \frac{e^{z_k}}{\sum_j e^{z_j}}", size=HEADING_SIZE),
            zh("softmax：分数变成概率", size=LABEL_SIZE, color=MUTED),
        ).arrange(DOWN, buff=0.2)
        arrow = Arrow(LEFT * 0.4, RIGHT * 0.4, color=MUTED, stroke_width=4, buff=0)
        softmax = VGroup(logits, arrow, formula).arrange(RIGHT, buff=0.3)
        softmax.scale_to_fit_width(min(softmax.width, st["right"].width)).move_to(st["right"][1])
        st["softmax"] = softmax
        st["film"] = ValueTracker(0.0)  # the replay clock: every column at step 0
        st["model"].add_updater(lambda m: m.set_levels(self._film_samples()))
        st["model"].set_levels(self._film_samples())
        with self.narrate(
            "模型 Q 给黑白打分，softmax 变成概率；参数随机，画的全是噪声。",
            en="The model Q gives black and white a score each; softmax turns the scores into "
            "probabilities. With random parameters, it draws pure noise.",
        ) as beat:
            self.play(
                FadeIn(title),
                FadeIn(scores.zero),
                FadeIn(names),
                *[GrowFromEdge(b, grow_direction(v)) for b, v in zip(scores.bars, z)],
                FadeIn(scores.values),
                run_time=0.9,
            )
            beat.wait_until("softmax")
            self.play(
                GrowFromEdge(arrow, LEFT), Write(formula[0]), FadeIn(formula[1]), run_time=1.2
            )
            self.play(FadeIn(st["q_bars"]), run_time=0.6)
            beat.wait_until("参数随机")
            self.play(
                FadeIn(st["model_label"]),
                FadeIn(st["model"]),
                Create(st["model_marker"]),
                run_time=1.2,
            )

    def _film_samples(self) -> np.ndarray:
        """The model's eight samples on the replay clock: column k stops at its snapshot's step."""
        now = replay_step(self.stage["film"].get_value(), STEPS)
        steps = [min(now, SNAPSHOTS[k % FILM]) for k in range(SHOWN)]
        return np.stack([it.sample_categorical(FIT.probs[s], u) for s, u in zip(steps, UNIFORMS)])

    # --- 3 ----------------------------------------------------------------------------
    def _gradient_arrows(self, step) -> VGroup:
        """On each of Q's bars, an arrow towards P's height.

        It shows the way gradient descent pushes that score.
        """
        chart, q_bars = self.stage["chart"], self.stage["q_bars"]

        def arrows():
            q, p = FIT.probs[step()][PIXEL], P[PIXEL]
            base = chart.baseline.get_y()
            group = VGroup()
            for bar, pv, qv in zip(q_bars.bars, p, q):
                if abs(pv - qv) < 0.05:  # too short to draw
                    continue
                group.add(
                    Arrow(
                        [bar.get_x(), base + chart.height_of(qv), 0],
                        [bar.get_x(), base + chart.height_of(pv), 0],
                        buff=0,
                        color=TEXT_COLOR,
                        stroke_width=5,
                        max_tip_length_to_length_ratio=0.45,
                        max_stroke_width_to_length_ratio=30,
                    )
                )
            return group

        return always_redraw(arrows)

    def gradient_and_backpropagation(self):
        st = self.stage
        st["arrows"] = self._gradient_arrows(lambda: replay_step(st["film"].get_value(), STEPS))
        nodes = VGroup(
            tex("z", size=HEADING_SIZE),
            zh("softmax", size=LABEL_SIZE),
            tex(r"Q_\theta", size=HEADING_SIZE),
            tex(r"H(P, Q_\theta)", size=HEADING_SIZE),
        )
        nodes.arrange(RIGHT, buff=0.9)
        forward = VGroup(
            *[
                Arrow(a.get_right(), b.get_left(), buff=0.15, color=MUTED, stroke_width=3)
                for a, b in zip(nodes, nodes[1:])
            ]
        )
        boxes = VGroup(
            *[
                RoundedRectangle(
                    corner_radius=0.1,
                    width=n.width + 0.3,
                    height=0.75,
                    stroke_color=MUTED,
                    stroke_width=2,
                ).move_to(n)
                for n in nodes
            ]
        )
        back = Arrow(
            boxes[-1].get_bottom(),
            boxes[0].get_bottom(),
            path_arc=-1.2,
            color=ACCENT,
            stroke_width=5,
            buff=0.1,
        )
        back_label = (
            VGroup(
                zh("反向传播", size=LABEL_SIZE, color=ACCENT),
                tex(
                    r"\frac{\partial H}{\partial z_k} \propto Q_\theta(k) - P(k)", size=FORMULA_SIZE
                ),
            )
            .arrange(DOWN, buff=0.15)
            .next_to(back, DOWN, buff=0.15)
        )
        chain = VGroup(boxes, nodes, forward, back, back_label)
        chain.scale_to_fit_width(min(chain.width, st["right"].width)).move_to(st["right"][1])
        with self.narrate(
            "梯度正比于 Q 减 P：多了压低，少了抬高；深层网络靠反向传播传回去。",
            en="The gradient of the cross-entropy is proportional to Q minus P: too much is pushed "
            "down, too little lifted. A deep network passes it back: backpropagation.",
            hold=0.5,
        ) as beat:
            self.play(
                FadeOut(st["softmax"]), FadeIn(boxes), FadeIn(nodes), Create(forward), run_time=1.2
            )
            self.play(Create(back), FadeIn(back_label[1]), run_time=1.0)
            beat.wait_until("多了压低")
            self.play(FadeIn(st["arrows"]), run_time=0.8)
            beat.wait_until("深层网络")
            self.play(FadeIn(back_label[0]), Indicate(back, color=ACCENT), run_time=1.2)
        self.play(FadeOut(chain), run_time=FADE_OUT_TIME)

    # --- 4 ----------------------------------------------------------------------------
    def train_by_cross_entropy(self):
        st = self.stage
        film, axes = st["film"], st["axes"]
        step = lambda: replay_step(film.get_value(), STEPS)  # noqa: E731
        curve = GrowingCurve(axes, FIT.steps, LOSS, LOSS_HIGH, color=Q_COLOR, stroke_width=4)
        curve.add_updater(lambda c: c.show_until(step()))
        dot = Dot(color=Q_COLOR).move_to(axes.c2p(0, L_START))
        dot.add_updater(lambda m: m.move_to(axes.c2p(step(), float(LOSS[step()]))))
        st["readout"].follow(lambda: float(LOSS[step()]))
        st["q_bars"].follow(lambda: FIT.probs[step()][PIXEL])
        labels = st["step_labels"]
        for label, clock in zip(labels, SNAPSHOT_CLOCK):
            label.add_updater(
                lambda m, c=clock: m.set_opacity(1.0 if film.get_value() >= c - 1e-9 else 0.0)
            )
        self.add(labels)
        # the y axis runs in powers of ten: said left of its top, above its labels (the curve
        # starts at the top on the right)
        log_tag = zh("对数刻度", size=LABEL_SIZE, color=MUTED).next_to(
            axes.y_axis.get_top(), LEFT, buff=0.15
        )
        # the run takes this beat and the next one up to "卡在": about ten seconds in all
        with self.narrate(
            "开始训练：噪声里，慢慢长出了笑脸。",
            en="Training starts: out of the noise, faces slowly appear.",
            hold=2.6,
        ) as beat:
            self.play(FadeIn(st["plot"]), FadeIn(st["readout"]), FadeIn(log_tag), run_time=0.8)
            self.add(curve, dot)
            self.play(
                film.animate.set_value(0.8),
                run_time=beat.until_end() + 0.4 + beat.hold - 0.05,
                rate_func=linear,
            )
        kl = self._kl_split()
        kl.move_to(st["pixel_panel"])
        truth, floor = st["truth"], st["plot"][2:]
        # the gap on the plot, from the loss where training ends down to the true floor
        x = axes.x_axis.get_right()[0] + 0.1  # just right of the curve's end, inside the safe area
        top, bottom = axes.c2p(0, L_END)[1], axes.c2p(0, H_DATA)[1]
        gap = gap_marker([x, top, 0], [x, bottom, 0], stroke_width=5, tick=0.14, tick_side=LEFT)
        with self.narrate(
            f"损失降到 {bits(L_END)}，逼近像素独立的下限 {bits(PIXEL_FLOOR)}；"
            f"真正的下限 H(P) 只有 {bits(H_DATA)}。这一大截，是第四节的 KL 散度。",
            en=f"The loss per picture falls to {en_bits(L_END)} and comes close to the floor for "
            f"independent pixels, {en_bits(PIXEL_FLOOR)}; the true floor H(P) is only "
            f"{en_bits(H_DATA)}. That big gap is the KL divergence of section 4.",
            hold=1.2,
        ) as beat:
            self.play(
                film.animate.set_value(1.0),
                run_time=beat.until("逼近", minimum=1.5),
                rate_func=linear,
            )
            self.play(Indicate(floor, color=ACCENT), run_time=1.0)
            beat.wait_until("真正的下限")
            self.play(Create(truth[0]), FadeIn(truth[1], shift=DOWN * 0.1), run_time=1.0)
            beat.wait_until("这一大截")
            self.play(
                FadeOut(st["pixel_panel"]),
                FadeOut(st["arrows"]),
                FadeOut(st["data_marker"]),
                FadeOut(st["model_marker"]),
                FadeIn(kl[0]),
                run_time=1.0,
            )
            self.play(FadeIn(kl[1], shift=DOWN * 0.1), Create(gap), run_time=0.8)
        for m in (film, dot, curve, st["readout"], st["q_bars"], *labels):
            m.clear_updaters()
        kl.add(log_tag, gap)  # they leave with the split
        st.update(curve=curve, dot=dot, kl=kl)

    @staticmethod
    def _kl_split() -> VGroup:
        """H(P, Q) = H(P) + D_KL(P || Q), and under each term its value when training ends."""
        colors = {r"D_{KL}": KL_COLOR, r"H(P)": ENTROPY_COLOR}
        formula = VGroup(
            *[
                tex(part, size=HEADING_SIZE, color_map=colors)
                for part in (r"H(P, Q_\theta)", "=", r"H(P)", "+", r"D_{KL}(P \,\|\, Q_\theta)")
            ]
        ).arrange(RIGHT, buff=0.2)
        (h, kl), relation, total = shown_equation([H_DATA, KL_END], sum, L_END)
        size = STRONG_LABEL_SIZE + 4
        values = VGroup(
            figure_text(total, size=size, color=Q_COLOR),
            tex("=" if relation == "=" else r"\approx"),
            figure_text(h, size=size, color=ENTROPY_COLOR),
            tex("+"),
            figure_text(kl, size=size, color=KL_COLOR),
        )
        for value, term in zip(values, formula):
            value.move_to([term.get_x(), formula.get_bottom()[1] - 0.4, 0])
        values.add(
            zh("比特", size=LABEL_SIZE, color=MUTED)
            .next_to(values[-1], RIGHT, buff=0.12)
            .align_to(values[-1], DOWN)
        )
        return VGroup(formula, values)

    # --- 5 ----------------------------------------------------------------------------
    def pixels_on_their_own(self):
        st = self.stage
        st["model"].clear_updaters()
        data, model = st["data"], st["model"]
        data_view = data.copy().scale(1.05 / IMAGE_SIDE)
        model_view = model.copy().scale(1.55 / IMAGE_SIDE)
        panels = Group(
            Group(st["data_label"].copy(), data_view).arrange(DOWN, buff=0.25),
            Group(st["model_label"].copy(), model_view).arrange(DOWN, buff=0.25),
        )
        panels.arrange(RIGHT, buff=WIDE_GAP, aligned_edge=DOWN).to_edge(UP, buff=EDGE + 0.2)
        note = VGroup(
            zh("像素独立", size=LEAD_SIZE, color=ACCENT),
            tex(r"Q_\theta(x) = \prod_i Q_\theta(x_i)", size=HEADING_SIZE),
        ).arrange(RIGHT, buff=GAP)
        note.next_to(panels, DOWN, buff=SECTION_GAP)
        data_images = IMAGES[SHOWN_DATA]
        with self.narrate(
            "数数眼睛：不少脸长了三四只！每个像素各抛各的硬币，互不商量。",
            en="Count the eyes: many faces have three or four! Each pixel tosses its own coin; "
            "they never agree on anything.",
            hold=1.0,
        ) as beat:
            self.play(
                FadeOut(Group(st["right"][1], st["curve"], st["dot"], st["kl"], st["step_labels"])),
                model.animate.set_levels(TRAINED),
                run_time=FADE_OUT_TIME,
            )
            self.play(
                data.animate.scale(1.05 / IMAGE_SIDE).move_to(data_view),
                model.animate.scale(1.55 / IMAGE_SIDE).move_to(model_view),
                st["data_label"].animate.move_to(panels[0][0]),
                st["model_label"].animate.move_to(panels[1][0]),
                run_time=1.2,
            )
            beat.wait_until("数数眼睛")
            self.play(
                data.animate.set_levels(
                    data_images, marked=eye_pixels(data_images), mark_color=P_COLOR
                ),
                model.animate.set_levels(TRAINED, marked=eye_pixels(TRAINED), mark_color=Q_COLOR),
                run_time=1.2,
            )
            beat.wait_until("每个像素")
            self.play(FadeIn(note, shift=UP * 0.2), run_time=0.8)
        st.update(note=note)

    # --- 6 ----------------------------------------------------------------------------
    def pixel_by_pixel(self):
        st = self.stage
        data = st["data"]
        scan = RasterScan(IMAGES[SCANNED], LEVELS, 4.4)
        start = scan.copy()
        start.set_levels(IMAGES[SCANNED][None]).scale_to_fit_height(data.image_side).move_to(
            data.image_center(0)
        )
        heading = VGroup(
            zh("自回归", size=LEAD_SIZE, color=ACCENT),
            tex(r"Q(x) = \prod_i Q(x_i \mid x_{<i})", size=HEADING_SIZE),
        ).arrange(RIGHT, buff=GAP)
        chart = ProbabilityChart(
            [swatch(k) for k in range(LEVELS)], max_value=1.0, height=1.6, slot_width=1.4
        )
        index = ValueTracker(0)
        now = lambda: min(int(index.get_value()), scan.pixels - 1)  # noqa: E731
        truth = chart.add_series(
            np.eye(LEVELS)[IMAGES[SCANNED].ravel()[0]], P_COLOR, show_values=False
        )
        guess = chart.add_series(SCAN_Q[0], Q_COLOR, decimals=2, label_size=LABEL_SIZE)
        cost = Readout(r"-\log_2 Q", value=float(SCAN_COST[0]), unit="比特", color=Q_COLOR)
        total = VGroup(
            zh("累计", size=LEAD_SIZE, color=ACCENT),
            Figure(0.0, size=LEAD_SIZE, color=ACCENT),
            zh("比特", size=LEAD_SIZE * 0.8, color=ACCENT),
        ).arrange(RIGHT, buff=0.15)
        legend = VGroup(
            zh("蓝：真实像素", size=LABEL_SIZE, color=P_COLOR),
            zh("橙：模型的预测", size=LABEL_SIZE, color=Q_COLOR),
        ).arrange(RIGHT, buff=GAP)
        panel = VGroup(chart, legend, cost, total).arrange(DOWN, buff=GAP)
        Group(scan, panel).arrange(RIGHT, buff=WIDE_GAP).to_edge(DOWN, buff=1.25).to_edge(
            LEFT, buff=EDGE + 0.5
        )
        heading.to_edge(UP, buff=EDGE + 0.2)
        scan.cursor.move_to(scan.pixel_center(0, 0, 0))

        def follow_scan(_):
            i = now()
            scan.show(int(index.get_value()))
            truth.set_values(np.eye(LEVELS)[IMAGES[SCANNED].ravel()[i]])
            guess.set_values(SCAN_Q[i])
            cost.set_value(float(SCAN_COST[i]))
            total[1].set_value(float(SCAN_COST[: int(index.get_value()) + 1].sum()))

        with self.narrate(
            "自回归模型逐个像素地画：看着前面的预测下一个，每一步都用交叉熵打分。",
            en="An autoregressive model paints one pixel after another: it predicts each from the "
            "ones before, and every prediction is scored by cross-entropy.",
            hold=0.8,
        ) as beat:
            self.play(
                FadeOut(Group(st["model"], st["model_label"], st["data_label"])),
                FadeIn(start),
                FadeOut(data),
                st["note"].animate.move_to(heading),
                run_time=FADE_OUT_TIME,
            )
            self.play(FadeTransform(start, scan), FadeTransform(st["note"], heading), run_time=1.2)
            scan.add_updater(follow_scan)
            self.add(scan.cursor)
            self.play(FadeIn(panel), run_time=0.6)
            beat.wait_until("看着前面的")
            self.play(
                index.animate.set_value(DECISIVE),
                run_time=beat.until("每一步", minimum=1.5),
                rate_func=linear,
            )
            self.play(Indicate(cost, color=ACCENT), run_time=0.8)
            self.play(
                index.animate.set_value(scan.pixels),
                run_time=max(beat.until_end() + 0.2, 1.5),
                rate_func=linear,
            )
        scan.clear_updaters()
        st.update(scan=scan, panel=panel, heading=heading)
        self.autoregressive_samples()

    def autoregressive_samples(self):
        st = self.stage
        samples = PixelMosaic(AR_SAMPLES, LEVELS, 1.15, rows=SHOWN // FILM)
        label = zh("它画的脸", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        unit = 0.22  # bar length of one bit
        bars = VGroup()
        for name, value, figure, color in (
            ("像素独立模型", PIXEL_FLOOR, f"≥ {bits(PIXEL_FLOOR)}/张", MUTED),
            ("自回归模型", AR_COST, f"{bits(AR_COST)}/张", Q_COLOR),
        ):
            bar = Rectangle(
                width=max(value, 0.05) * unit,
                height=0.32,
                stroke_width=0,
                fill_color=color,
                fill_opacity=0.85,
            )
            row = VGroup(
                zh(name, size=LABEL_SIZE, color=color),
                bar,
                zh(figure, size=LABEL_SIZE, color=color),
            )
            row.arrange(RIGHT, buff=0.2)
            bars.add(row)
        bars.arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        for row in bars:
            row[1].align_to(bars[0][1], LEFT)
            row[2].next_to(row[1], RIGHT, buff=0.2)
        # the true floor across both bars: the autoregressive model comes down to it
        floor_x = bars[0][1].get_left()[0] + H_DATA * unit
        truth = DashedLine(
            [floor_x, bars.get_top()[1] + 0.12, 0],
            [floor_x, bars.get_bottom()[1] - 0.12, 0],
            color=ENTROPY_COLOR,
        )
        truth_label = Readout(r"H(P)", value=H_DATA, color=ENTROPY_COLOR, size=STRONG_LABEL_SIZE)
        truth_label.label[0].set_color(ENTROPY_COLOR)
        truth_label.next_to(truth, DOWN, buff=0.1).align_to(truth, LEFT)
        costs = VGroup(bars, truth, truth_label)
        right = Group(label, samples, costs).arrange(DOWN, buff=GAP)
        right.next_to(st["scan"], RIGHT, buff=WIDE_GAP).align_to(st["scan"], DOWN)
        eyes = self._eye_costs(st["scan"])
        with self.narrate(
            f"第一只眼抛硬币，第二只跟着走：每张图只要 {bits(AR_COST)}，几乎碰到真正的下限 H(P)。",
            en="The first eye is a coin toss, the second follows it: a picture costs only "
            f"{en_bits(AR_COST)}, almost the true floor H(P).",
            hold=1.2,
        ) as beat:
            self.play(
                FadeOut(st["panel"]),
                FadeOut(st["scan"].cursor),
                FadeIn(label),
                FadeIn(samples),
                FadeIn(bars[0], shift=RIGHT * 0.2),
                run_time=1.0,
            )
            # on the painted face: the first eye cost a coin toss, the second nothing
            self.play(FadeIn(eyes[0]), run_time=0.5)
            beat.wait_until("第二只")
            self.play(FadeIn(eyes[1]), run_time=0.5)
            self.play(
                samples.animate.set_levels(
                    AR_SAMPLES, marked=eye_pixels(AR_SAMPLES), mark_color=Q_COLOR
                ),
                run_time=1.0,
            )
            beat.wait_until("每张图只要")
            self.play(FadeIn(bars[1], shift=RIGHT * 0.2), run_time=0.8)
            beat.wait_until("几乎碰到")
            self.play(Create(truth), FadeIn(truth_label), run_time=0.8)
        self.play(FadeOut(Group(st["scan"], st["heading"], right, eyes)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _eye_costs(scan) -> VGroup:
        """The two eyes of the painted face, each boxed, with what the model paid for it.

        Above the canvas, each cost joined to its eye: the first eye, where the two looks part
        (a coin toss, about 1 bit), and the second, which follows from it (about 0 bits).
        """
        width = IMAGES[SCANNED].shape[1]
        first = DECISIVE
        later = [
            i for i in np.flatnonzero(eye_pixels(IMAGES[SCANNED][None])[0].ravel()) if i > first
        ]
        second = int(next(i for i in later if i // width == first // width))  # same row
        marks = VGroup()
        for i, note in ((first, "抛硬币"), (second, "跟着走")):
            centre = scan.pixel_center(0, *divmod(int(i), width))
            box = Square(scan.pixel_size * 1.3, color=ACCENT, stroke_width=4).move_to(centre)
            text = VGroup(
                zh(note, size=LABEL_SIZE, color=Q_COLOR),
                zh(bits(float(SCAN_COST[i])), size=LABEL_SIZE, color=Q_COLOR),
            ).arrange(DOWN, buff=0.08)
            text.next_to(scan, UP, buff=0.15).set_x(centre[0])
            line = Line(text.get_bottom(), box.get_top(), color=Q_COLOR, stroke_width=2, buff=0.06)
            marks.add(VGroup(box, line, text))
        return marks

    # --- 7 ----------------------------------------------------------------------------
    def why_not_squared_error(self):
        plots = self._loss_plots()
        loss_plot, push_plot = plots
        mistake = self._confident_mistake()
        row = VGroup(mistake, plots).arrange(RIGHT, buff=WIDE_GAP, aligned_edge=UP)
        row.scale_to_fit_width(min(row.width, FULL_WIDTH))
        keys = self._loss_keys()
        VGroup(keys, row).arrange(DOWN, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        with self.narrate(
            f"为什么不用平方误差？模型自信地错了，真相只给 {WRONG:.0%}：交叉熵罚 {bits(CE_WRONG)}，"
            "没有上限；平方误差最多罚 2。而且它多乘了 softmax 的斜率：错得越离谱，推力越接近零。",
            en="Why not squared error? Suppose the model is confidently wrong, giving the truth "
            f"only {WRONG:.0%}: cross-entropy charges {en_bits(CE_WRONG)}, without limit; "
            "squared error never charges more than 2. And its push is multiplied by the "
            "softmax's slope: the more wrong the model, the closer the push is to zero.",
            hold=1.0,
        ) as beat:
            self.play(FadeIn(keys), FadeIn(loss_plot[:3]), run_time=0.8)
            beat.wait_until("模型自信地错了")
            self.play(FadeIn(mistake), run_time=1.0)
            beat.wait_until("交叉熵罚")
            self.play(*self._curve(loss_plot, 0), run_time=1.5)
            beat.wait_until("平方误差最多")
            self.play(*self._curve(loss_plot, 1), run_time=1.5)
            beat.wait_until("而且它")
            self.play(FadeIn(push_plot[:3]), *self._curve(push_plot, 0), run_time=1.2)
            beat.wait_until("多乘了")
            self.play(*self._curve(push_plot, 1), run_time=1.2)
            beat.wait_until("错得越离谱")
            self.play(Indicate(push_plot[5][1], color=ACCENT), run_time=1.0)
        self.play(FadeOut(VGroup(keys, row)), run_time=FADE_OUT_TIME)

    @classmethod
    def _loss_plots(cls) -> VGroup:
        """The loss and the push on the true score, plotted side by side.

        Each plot has cross-entropy and squared error.
        """
        qs = np.linspace(WRONG / 2, 1 - WRONG / 2, 400)
        # cross-entropy (Q's cost, orange as in the film), squared error
        colors = (
            Q_COLOR,
            TEXT_COLOR,
        )
        plots = VGroup()
        # each plot: its title, y axis, the two curves, their values at
        # the mistake, formulas, where the values go
        for title, y_range, fn, marks, formulas, sides in (
            (
                zh("损失 L", size=STRONG_LABEL_SIZE),
                [0, 2 * math.ceil(CE_WRONG / 2 + 0.25), 2],
                loss_curves,
                (CE_WRONG, SE_WRONG),
                (r"-\log_2 Q", r"\textstyle\sum_k (Q_k - P_k)^2"),
                ((UP + RIGHT, 0.12, 0.0), (DOWN + RIGHT, 0.3, 0.0)),
            ),
            (
                cls._push_title(),
                [0, 2, 0.5],
                pushes,
                (PUSH_CE, PUSH_SE),
                (r"(1-Q)\,/\ln 2", r"4\,Q\,(1-Q)^2"),
                # 0.04 right of its point, in the wedge under the curve: on the left it read as
                # the axis's first label
                ((UP + RIGHT, 0.12, 0.0), (RIGHT, 0.2, 0.08)),
            ),
        ):
            axes = figure_axes([0, 1, 0.5], y_range, x_length=3.5, y_length=3.0)
            x_label = (
                zh("Q：给真相的概率", size=LABEL_SIZE, color=MUTED)
                .next_to(axes.x_axis, DOWN, buff=0.45)
                .align_to(axes.x_axis, RIGHT)
            )
            values = np.array([fn(q) for q in qs])
            curves = VGroup(
                *[
                    axes.plot_line_graph(
                        qs,
                        np.minimum(values[:, k], y_range[1]),
                        add_vertex_dots=False,
                        line_color=colors[k],
                        stroke_width=4,
                    )
                    for k in range(2)
                ]
            )
            dots = VGroup(*[Dot(axes.c2p(WRONG, v), color=c) for v, c in zip(marks, colors)])
            # the figures beside their points, clear of the curves
            figures = VGroup(
                *[
                    figure_text(v, 2, size=LABEL_SIZE, color=c)
                    .next_to(d, side, buff=buff)
                    .shift(UP * lift)
                    for v, d, c, (side, buff, lift) in zip(marks, dots, colors, sides)
                ]
            )
            title.next_to(axes, UP, buff=0.3)
            # each curve's formula, in its colour, in the empty upper right of the plot
            keys = (
                VGroup(
                    *[tex(f, size=FORMULA_SIZE + 2).set_color(c) for f, c in zip(formulas, colors)]
                )
                .arrange(DOWN, buff=0.2, aligned_edge=RIGHT)
                .move_to(axes.c2p(1, y_range[1]), aligned_edge=UP + RIGHT)
            )
            plots.add(VGroup(title, axes, x_label, curves, dots, figures, keys))
        # the axes side by side, whatever the titles
        plots.arrange(RIGHT, buff=WIDE_GAP, aligned_edge=DOWN)
        return plots

    @staticmethod
    def _confident_mistake() -> VGroup:
        """The confident mistake as a chart: the truth is white, the model says black at 99 %."""
        chart = ProbabilityChart(
            [swatch(LEVELS - 1), swatch(0)], max_value=1.0, height=1.6, slot_width=1.3
        )
        chart.add_series(ONE_HOT, P_COLOR, show_values=False)
        guess = chart.add_series([WRONG, 1 - WRONG], Q_COLOR, label_size=LABEL_SIZE)
        # the tiny bar's figure sits over its own bar, clear of the truth's tall bar beside it
        guess.labels[0].next_to(guess.bars[0], UP, buff=0.08).align_to(guess.bars[0], LEFT)
        chart_label = VGroup(
            zh("真相是白", size=LABEL_SIZE, color=P_COLOR),
            zh("模型押黑", size=LABEL_SIZE, color=Q_COLOR),
        ).arrange(DOWN, buff=0.1)
        return VGroup(chart, chart_label).arrange(DOWN, buff=0.25)

    @staticmethod
    def _loss_keys() -> VGroup:
        """The heading keying the curves: 交叉熵 vs. 平方误差, each with a stroke of its colour."""

        def key(color, name):
            return VGroup(
                Line(LEFT * 0.3, RIGHT * 0.3, color=color, stroke_width=6),
                zh(name, size=HEADING_SIZE, color=color),
            ).arrange(RIGHT, buff=0.2)

        return VGroup(
            key(Q_COLOR, "交叉熵"),
            zh("vs.", size=HEADING_SIZE, color=MUTED),
            key(TEXT_COLOR, "平方误差"),
        ).arrange(RIGHT, buff=GAP)

    @staticmethod
    def _push_title() -> VGroup:
        """推力 |∂L/∂z_真|: the push, the gradient on the true outcome's score.

        The subscript is in Chinese, set beside the TeX; the two bars are drawn as lines of one
        height, so that they match round a subscript TeX does not see.
        """
        body = tex(r"\partial L \,/\, \partial z", size=HEADING_SIZE)
        z = body[0][-1]
        sub = (
            zh("真", size=LABEL_SIZE)
            .next_to(z, RIGHT, buff=0.03)
            .align_to(z, DOWN)
            .shift(DOWN * 0.12)
        )
        inner = VGroup(body, sub)
        bars = VGroup(
            *[
                Line(UP, DOWN, color=TEXT_COLOR, stroke_width=3)
                .scale_to_fit_height(inner.height * 1.15)
                .next_to(inner, side, buff=0.1)
                for side in (LEFT, RIGHT)
            ]
        )
        name = zh("推力", size=STRONG_LABEL_SIZE)
        return VGroup(name, VGroup(bars[0], inner, bars[1])).arrange(RIGHT, buff=0.2)

    @staticmethod
    def _curve(plot: VGroup, k: int) -> list:
        """Draw curve ``k`` of a loss plot with its marked point, figure and formula."""
        return [Create(plot[3][k]), FadeIn(plot[4][k]), FadeIn(plot[5][k]), FadeIn(plot[6][k])]

    # --- 8 ----------------------------------------------------------------------------
    def hand_over(self):
        """What training does, said as a question section 6 answers."""
        goal = VGroup(
            zh("训练", size=HEADING_SIZE, color=MUTED),
            tex(r"\min_\theta\ H(P, Q_\theta)", size=BIG_FORMULA_SIZE),
        )
        goal.arrange(RIGHT, buff=GAP)
        answer = VGroup(
            tex("=", size=BIG_FORMULA_SIZE), zh("极大似然？", size=HEADING_SIZE, color=ACCENT)
        ).arrange(RIGHT, buff=GAP)
        VGroup(goal, answer).arrange(RIGHT, buff=GAP).move_to(UP * 0.5)
        with self.narrate(
            "交叉熵为什么这么合适？下一节揭晓：它就是极大似然。",
            en="Why does cross-entropy fit so well? The next section shows it: it is maximum "
            "likelihood.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(goal, shift=UP * 0.2), run_time=0.8)
            beat.wait_until("下一节")
            self.play(FadeIn(answer, shift=LEFT * 0.2), run_time=0.8)
        self.play(FadeOut(VGroup(goal, answer)), run_time=FADE_OUT_TIME)
