"""Section 5 — 教模型画图：交叉熵当损失

A real, small generative model really trained. The data: smiley faces, 16 x 16 black and
white pixels, looking left or right (``infotheory.faces``); the per-pixel distribution P.
The model Q_theta gives every pixel its own softmax and is fitted by gradient descent on the
cross-entropy H(P, Q_theta). The recorded run is replayed slowly: its samples turn from noise
into faces (frozen at four moments, a filmstrip), the loss falls to the floor H(P) (the gap
is the KL divergence of section 4). Then what independent pixels get wrong -- faces with three
or four eyes, drawn by this very model -- and what an autoregressive model does instead: it
paints pixel by pixel, each prediction scored by cross-entropy, and its eyes agree. Last, the
question every student asks: why not squared error? (a confident mistake: the charge and the
push of each loss, computed).

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
    Indicate,
    Line,
    Rectangle,
    RoundedRectangle,
    Square,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

import infotheory as it
from infotheory.autoregressive import fit_autoregressive
from infotheory.faces import eyes_drawn, glancing_faces
from infotheory.losses import logit_gradient, squared_error
from scenes.kit.examples import current
from scenes.kit.figures import Figure, figure_axes, figure_text
from scenes.kit.mobjects import ProbabilityChart, Readout
from scenes.kit.pixels import PixelMosaic, level_color
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
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
from scenes.kit.text import bits, en_bits
from scenes.kit.training import GrowingCurve, RasterScan, eye_pixels, replay_step

# --- data, model and training (all seeded: every render is identical) --------------------
EXAMPLES = current().images                                      # assets/examples.toml: [images]
N_IMAGES, SIZE, LEVELS = EXAMPLES.count, EXAMPLES.size, EXAMPLES.levels
FACES = glancing_faces(N_IMAGES, size=SIZE, levels=LEVELS, seed=EXAMPLES.data_seed)
IMAGES = FACES.images
P = it.pixel_distributions(IMAGES, LEVELS)                      # (size, size, levels): data distribution
INIT = np.random.default_rng(EXAMPLES.init_seed).normal(0.0, 1.5, P.shape)   # random logits: noise
STEPS, LEARNING_RATE = EXAMPLES.steps, EXAMPLES.learning_rate
FIT = it.fit_categorical(P, INIT, steps=STEPS, learning_rate=LEARNING_RATE)
PIXELS = SIZE * SIZE
LOSS = FIT.losses * PIXELS                                       # bits per image, at every step
L_START, L_END, FLOOR = float(LOSS[0]), float(LOSS[-1]), FIT.floor * PIXELS
LOSS_TOP = 10 * math.ceil(FLOOR - 1e-9)                          # the loss axis: the floor at a tenth of it
SHOWN, FILM = 8, 4                                               # samples shown; snapshots (columns) of the run
UNIFORMS = np.random.default_rng(EXAMPLES.sample_seed).random((SHOWN, SIZE, SIZE))  # fixed: samples morph smoothly
#: the replay's clock at the four snapshots (untrained, early, middle, trained) and their steps
SNAPSHOT_CLOCK = (0.0, 0.3, 0.55, 1.0)
SNAPSHOTS = tuple(replay_step(c, STEPS) for c in SNAPSHOT_CLOCK)
TRAINED = it.sample_categorical(FIT.probs[-1][None], UNIFORMS)
MANY_EYES = int(np.sum(eyes_drawn(TRAINED) > 2))                 # trained faces with three or four eyes
#: the data faces shown: left and right lookers in a checkerboard
_LEFT, _RIGHT = np.flatnonzero(FACES.looks == 0), np.flatnonzero(FACES.looks == 1)
SHOWN_DATA = np.array([[_LEFT, _RIGHT][(k + k // FILM) % 2][k // 2] for k in range(SHOWN)])
#: the pixel whose distribution is shown: the most uncertain one in the data (the first eye's)
PIXEL = np.unravel_index(int(np.argmax(it.entropy(P))), (SIZE, SIZE))
STEP_TICK = max(10, round(STEPS / 3, -1))
IMAGE_SIDE = 1.2                                                 # one face in a grid, frame units
FULL_WIDTH = 12.4                                                # the widest a row may be (inside the safe area)

# the autoregressive model: the same data, pixel by pixel
AR_STEPS, AR_RATE = 1000, 0.3
AR = fit_autoregressive(IMAGES, LEVELS, steps=AR_STEPS, learning_rate=AR_RATE)
AR_COST = float(np.mean(AR.surprises(IMAGES).sum(axis=(1, 2))))  # bits per image
SCANNED = int(SHOWN_DATA[0])                                     # the data face it is scored on
SCAN_Q = AR.conditionals(IMAGES[SCANNED][None])[0].reshape(-1, LEVELS)
SCAN_COST = AR.surprises(IMAGES[SCANNED][None])[0].ravel()
DECISIVE = int(np.argmax(SCAN_COST))                             # the first eye: a coin flip
AR_SAMPLES = AR.sample(UNIFORMS)                                 # the same random numbers as the samples above

# why not squared error: a confident mistake (two outcomes, the true one first)
WRONG = 0.01                                                     # the probability it gives the truth
ONE_HOT = np.array([1.0, 0.0])
CE_WRONG = float(it.self_information(WRONG))
SE_WRONG = float(squared_error(ONE_HOT, [WRONG, 1 - WRONG]))
PUSH_CE = abs(float(logit_gradient(ONE_HOT, np.log([WRONG, 1 - WRONG]))[0]))
PUSH_SE = abs(float(logit_gradient(ONE_HOT, np.log([WRONG, 1 - WRONG]), "squared_error")[0]))


def loss_curves(q):
    """Cross-entropy (bits) and squared error of the prediction ``[q, 1 - q]`` for the truth ``[1, 0]``."""
    return float(it.cross_entropy(ONE_HOT, [q, 1 - q])), float(squared_error(ONE_HOT, [q, 1 - q]))


def pushes(q):
    """How hard each loss pushes the true outcome's score: |d loss / d z| at ``[q, 1 - q]``."""
    z = np.log([q, 1 - q])
    return tuple(abs(float(logit_gradient(ONE_HOT, z, loss)[0])) for loss in ("cross_entropy", "squared_error"))


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

    # --- the stage: data and model faces on the left, a pixel's chart and the loss on the right ---
    def _build_stage(self):
        data = PixelMosaic(IMAGES[SHOWN_DATA], LEVELS, IMAGE_SIDE, rows=SHOWN // FILM)
        model = PixelMosaic(TRAINED, LEVELS, IMAGE_SIDE, rows=SHOWN // FILM)
        data_label = zh(f"数据：P 的样本（共 {N_IMAGES} 张）", size=STRONG_LABEL_SIZE, color=P_COLOR)
        model_label = zh("模型 Q 的采样", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        step_labels = VGroup(*[zh(f"第{s}步", size=LABEL_SIZE, color=MUTED) for s in SNAPSHOTS])
        left = Group(data_label, data, model_label, model).arrange(DOWN, buff=0.12)
        Group(model_label, model).shift(DOWN * 0.06)

        swatches = [Square(0.4, stroke_color=MUTED, stroke_width=1.5, fill_opacity=1,
                           fill_color=level_color(k, LEVELS)) for k in range(LEVELS)]
        chart = ProbabilityChart(swatches, max_value=1.0, height=1.0, slot_width=min(1.2, 4.2 / LEVELS))
        p_bars = chart.add_series(P[PIXEL], P_COLOR, show_values=False)
        q_bars = chart.add_series(FIT.probs[0][PIXEL], Q_COLOR, show_values=False)
        chart_label = zh("框出的像素：黑、白的概率", size=LABEL_SIZE, color=MUTED)
        pixel_panel = VGroup(chart, chart_label).arrange(DOWN, buff=0.2)

        axes = figure_axes([0, STEPS, STEP_TICK], [0, LOSS_TOP, LOSS_TOP // 4], x_length=5.4, y_length=2.1)
        x_label = zh("训练步数", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.15) \
            .align_to(axes.x_axis, RIGHT)
        floor = DashedLine(axes.c2p(0, FLOOR), axes.c2p(STEPS, FLOOR), color=ENTROPY_COLOR)
        floor_label = VGroup(tex(r"H(P)", size=STRONG_LABEL_SIZE), zh(f"= {bits(FLOOR)}", size=LABEL_SIZE,
                                                                      color=ENTROPY_COLOR)) \
            .arrange(RIGHT, buff=0.1).next_to(floor, UP, buff=0.1).align_to(floor, RIGHT)
        readout = Readout(r"H(P, Q_\theta)", value=L_START, unit="比特/张", color=Q_COLOR)
        plot = VGroup(axes, x_label, floor, floor_label)
        readout.next_to(plot, UP, buff=0.25).align_to(axes, LEFT)
        right = VGroup(pixel_panel, VGroup(readout, plot)).arrange(DOWN, buff=0.45)
        Group(left, right).arrange(RIGHT, buff=WIDE_GAP)
        left.to_edge(UP, buff=EDGE)
        right.to_edge(UP, buff=EDGE)
        for label, k in zip(step_labels, range(FILM)):
            label.next_to(model, DOWN, buff=0.08).set_x(model.image_center(k)[0])

        def marker(mosaic):
            cell = mosaic.pixel_size
            return Rectangle(width=cell * 1.6, height=cell * 1.6, stroke_color=ACCENT, stroke_width=4) \
                .move_to(mosaic.pixel_center(0, *PIXEL))

        self.stage = dict(data=data, model=model, left=left, data_label=data_label, model_label=model_label,
                          step_labels=step_labels, chart=chart, p_bars=p_bars, q_bars=q_bars,
                          pixel_panel=pixel_panel, plot=plot, axes=axes, readout=readout, right=right,
                          data_marker=marker(data), model_marker=marker(model))

    # --- 1 ----------------------------------------------------------------------------
    def images_as_samples_of_p(self):
        self._build_stage()
        st = self.stage
        pair_images = IMAGES[[_LEFT[0], _RIGHT[0]]]
        pair = PixelMosaic(pair_images, LEVELS, 3.4, rows=1)
        looks = VGroup(zh("往左看", size=LEAD_SIZE), zh("往右看", size=LEAD_SIZE))
        for label, k in zip(looks, range(2)):
            label.next_to(pair, DOWN, buff=0.3).set_x(pair.image_center(k)[0])
        Group(pair, looks).move_to(0)
        with self.narrate(
            "一张图，是数据分布 P 的一个样本：这些笑脸有的往左看，有的往右看。"
            "每个像素黑白各占多少，就是它的分布 P。",
            en="A picture is one sample of the data distribution P: these faces look either left or right. How "
               "often each pixel is black or white is its distribution P.",
            hold=0.5,
        ) as beat:
            self.play(FadeIn(pair), run_time=1.0)
            beat.wait_until("有的往左看")
            self.play(FadeIn(looks[0], shift=UP * 0.2), run_time=0.6)
            beat.wait_until("有的往右看")
            self.play(FadeIn(looks[1], shift=UP * 0.2), run_time=0.6)
            beat.wait_until("每个像素")
            self.play(FadeTransform(pair, st["data"]), FadeOut(looks), FadeIn(st["data_label"]), run_time=1.5)
            self.play(Create(st["data_marker"]), FadeIn(st["chart"].baseline), FadeIn(st["chart"].category_labels),
                      FadeIn(st["p_bars"]), FadeIn(st["pixel_panel"][1]), run_time=1.2)

    # --- 2 ----------------------------------------------------------------------------
    def untrained_model(self):
        st = self.stage
        softmax = VGroup(
            tex(r"Q_\theta(k) = \frac{e^{z_k}}{\sum_j e^{z_j}}", size=HEADING_SIZE),
            zh("softmax：分数 z 变成概率", size=LABEL_SIZE, color=MUTED),
        ).arrange(DOWN, buff=0.2).move_to(st["right"][1])   # where the loss plot will be
        st["softmax"] = softmax
        st["film"] = ValueTracker(0.0)                       # the replay clock: every column at step 0
        st["model"].add_updater(lambda m: m.set_levels(self._film_samples()))
        st["model"].set_levels(self._film_samples())
        with self.narrate(
            "模型 Q 给黑白各打一分，softmax 变成概率；参数随机时，画的全是噪声。",
            en="The model Q gives black and white a score each; softmax turns the scores into probabilities. "
               "With random parameters, it draws pure noise.",
        ) as beat:
            self.play(FadeIn(st["q_bars"]), run_time=0.8)
            beat.wait_until("softmax")
            self.play(Write(softmax[0]), FadeIn(softmax[1]), run_time=1.5)
            beat.wait_until("参数随机时")
            self.play(FadeIn(st["model_label"]), FadeIn(st["model"]), Create(st["model_marker"]), run_time=1.2)

    def _film_samples(self) -> np.ndarray:
        """The model's eight samples on the replay clock: column k stops at its snapshot's step."""
        now = replay_step(self.stage["film"].get_value(), STEPS)
        steps = [min(now, SNAPSHOTS[k % FILM]) for k in range(SHOWN)]
        return np.stack([it.sample_categorical(FIT.probs[s], u) for s, u in zip(steps, UNIFORMS)])

    # --- 3 ----------------------------------------------------------------------------
    def _gradient_arrows(self, step) -> VGroup:
        """On each of Q's bars, an arrow towards P's height: the way gradient descent pushes that score."""
        chart, q_bars = self.stage["chart"], self.stage["q_bars"]

        def arrows():
            q, p = FIT.probs[step()][PIXEL], P[PIXEL]
            base = chart.baseline.get_y()
            group = VGroup()
            for bar, pv, qv in zip(q_bars.bars, p, q):
                if abs(pv - qv) < 0.05:   # too short to draw
                    continue
                group.add(Arrow([bar.get_x(), base + chart.height_of(qv), 0],
                                [bar.get_x(), base + chart.height_of(pv), 0], buff=0, color=TEXT_COLOR,
                                stroke_width=5, max_tip_length_to_length_ratio=0.45,
                                max_stroke_width_to_length_ratio=30))
            return group

        return always_redraw(arrows)

    def gradient_and_backpropagation(self):
        st = self.stage
        st["arrows"] = self._gradient_arrows(lambda: replay_step(st["film"].get_value(), STEPS))
        nodes = VGroup(tex("z", size=HEADING_SIZE), zh("softmax", size=LABEL_SIZE),
                       tex(r"Q_\theta", size=HEADING_SIZE), tex(r"H(P, Q_\theta)", size=HEADING_SIZE))
        nodes.arrange(RIGHT, buff=0.9)
        forward = VGroup(*[Arrow(a.get_right(), b.get_left(), buff=0.15, color=MUTED, stroke_width=3)
                           for a, b in zip(nodes, nodes[1:])])
        boxes = VGroup(*[RoundedRectangle(corner_radius=0.1, width=n.width + 0.3, height=0.75, stroke_color=MUTED,
                                          stroke_width=2).move_to(n) for n in nodes])
        back = Arrow(boxes[-1].get_bottom(), boxes[0].get_bottom(), path_arc=-1.2, color=ACCENT, stroke_width=5,
                     buff=0.1)
        back_label = VGroup(
            zh("反向传播", size=LABEL_SIZE, color=ACCENT),
            tex(r"\frac{\partial H}{\partial z_k} \propto Q_\theta(k) - P(k)", size=FORMULA_SIZE),
        ).arrange(DOWN, buff=0.15).next_to(back, DOWN, buff=0.15)
        chain = VGroup(boxes, nodes, forward, back, back_label)
        chain.scale_to_fit_width(min(chain.width, st["right"].width)).move_to(st["right"][1])
        with self.narrate(
            "交叉熵的梯度正比于 Q 减 P：多了压低，少了抬高；深层网络靠反向传播传回去。",
            en="The cross-entropy's gradient is proportional to Q minus P: too much is pushed down, too little "
               "lifted. A deep network passes it back: backpropagation.",
            hold=0.5,
        ) as beat:
            self.play(FadeOut(st["softmax"]), FadeIn(boxes), FadeIn(nodes), Create(forward), run_time=1.2)
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
        curve = GrowingCurve(axes, FIT.steps, LOSS, LOSS_TOP, color=Q_COLOR, stroke_width=4)
        curve.add_updater(lambda c: c.show_until(step()))
        dot = Dot(color=Q_COLOR).move_to(axes.c2p(0, LOSS_TOP))
        dot.add_updater(lambda m: m.move_to(axes.c2p(step(), min(float(LOSS[step()]), LOSS_TOP)))
                        .set_opacity(1.0 if LOSS[step()] <= LOSS_TOP else 0.0))
        st["readout"].follow(lambda: float(LOSS[step()]))
        st["q_bars"].follow(lambda: FIT.probs[step()][PIXEL])
        labels = st["step_labels"]
        for label, clock in zip(labels, SNAPSHOT_CLOCK):
            label.add_updater(lambda m, c=clock: m.set_opacity(1.0 if film.get_value() >= c - 1e-9 else 0.0))
        self.add(labels)
        # the run takes this beat and the next one up to "降到": about ten seconds in all
        with self.narrate(
            "开始训练：噪声里，慢慢长出了笑脸。",
            en="Training starts: out of the noise, faces slowly appear.",
            hold=3.2,
        ) as beat:
            self.play(FadeIn(st["plot"]), FadeIn(st["readout"]), run_time=0.8)
            self.add(curve, dot)
            self.play(film.animate.set_value(0.8), run_time=beat.until_end() + 0.4 + beat.hold - 0.05,
                      rate_func=linear)
        kl = tex(r"H(P, Q_\theta)", "=", r"H(P)", "+", r"D_{KL}(P \,\|\, Q_\theta)", size=HEADING_SIZE,
                 color_map={r"D_{KL}": KL_COLOR, r"H(P)": ENTROPY_COLOR})
        kl.move_to(st["pixel_panel"])
        with self.narrate(
            f"每张图的损失降到 {bits(L_END)}，贴近下限 H(P)，{bits(FLOOR)}；差的那点，是第四节的 KL 散度。",
            en=f"The loss per picture falls to {en_bits(L_END)}, close to the floor H(P), {en_bits(FLOOR)}; what is "
               "left is the KL divergence of section 4.",
            hold=1.2,
        ) as beat:
            self.play(film.animate.set_value(1.0), run_time=beat.until("贴近下限", minimum=1.5), rate_func=linear)
            self.play(Indicate(st["plot"][3], color=ENTROPY_COLOR), run_time=1.0)
            beat.wait_until("差的那点")
            self.play(FadeOut(st["pixel_panel"]), FadeOut(st["arrows"]), FadeOut(st["data_marker"]),
                      FadeOut(st["model_marker"]), FadeIn(kl), run_time=1.0)
        for m in (film, dot, curve, st["readout"], st["q_bars"], *labels):
            m.clear_updaters()
        st.update(curve=curve, dot=dot, kl=kl)

    # --- 5 ----------------------------------------------------------------------------
    def pixels_on_their_own(self):
        st = self.stage
        st["model"].clear_updaters()
        data, model = st["data"], st["model"]
        data_view = data.copy().scale(1.05 / IMAGE_SIDE)
        model_view = model.copy().scale(1.55 / IMAGE_SIDE)
        panels = Group(Group(st["data_label"].copy(), data_view).arrange(DOWN, buff=0.25),
                       Group(st["model_label"].copy(), model_view).arrange(DOWN, buff=0.25))
        panels.arrange(RIGHT, buff=WIDE_GAP, aligned_edge=DOWN).to_edge(UP, buff=EDGE + 0.2)
        note = VGroup(zh("逐像素独立", size=LEAD_SIZE, color=ACCENT),
                      tex(r"Q_\theta(x) = \prod_i Q_\theta(x_i)", size=HEADING_SIZE)).arrange(RIGHT, buff=GAP)
        note.next_to(panels, DOWN, buff=SECTION_GAP)
        data_images = IMAGES[SHOWN_DATA]
        with self.narrate(
            "可是数数眼睛：不少脸长了三四只！每个像素各抛各的硬币，互不商量。",
            en="But count the eyes: many faces have three or four! Each pixel tosses its own coin; they never agree "
               "on anything.",
            hold=1.0,
        ) as beat:
            self.play(FadeOut(Group(st["right"][1], st["curve"], st["dot"], st["kl"], st["step_labels"])),
                      model.animate.set_levels(TRAINED), run_time=FADE_OUT_TIME)
            self.play(data.animate.scale(1.05 / IMAGE_SIDE).move_to(data_view),
                      model.animate.scale(1.55 / IMAGE_SIDE).move_to(model_view),
                      st["data_label"].animate.move_to(panels[0][0]), st["model_label"].animate.move_to(panels[1][0]),
                      run_time=1.2)
            beat.wait_until("数数眼睛")
            self.play(data.animate.set_levels(data_images, marked=eye_pixels(data_images), mark_color=P_COLOR),
                      model.animate.set_levels(TRAINED, marked=eye_pixels(TRAINED), mark_color=Q_COLOR), run_time=1.2)
            beat.wait_until("每个像素")
            self.play(FadeIn(note, shift=UP * 0.2), run_time=0.8)
        st.update(note=note)

    # --- 6 ----------------------------------------------------------------------------
    def pixel_by_pixel(self):
        st = self.stage
        data = st["data"]
        scan = RasterScan(IMAGES[SCANNED], LEVELS, 4.4)
        start = scan.copy()
        start.set_levels(IMAGES[SCANNED][None]).scale_to_fit_height(data.image_side).move_to(data.image_center(0))
        heading = VGroup(zh("自回归", size=LEAD_SIZE, color=ACCENT),
                         tex(r"Q(x) = \prod_i Q(x_i \mid x_{<i})", size=HEADING_SIZE)).arrange(RIGHT, buff=GAP)
        swatches = [Square(0.4, stroke_color=MUTED, stroke_width=1.5, fill_opacity=1,
                           fill_color=level_color(k, LEVELS)) for k in range(LEVELS)]
        chart = ProbabilityChart(swatches, max_value=1.0, height=1.6, slot_width=1.4)
        index = ValueTracker(0)
        now = lambda: min(int(index.get_value()), scan.pixels - 1)  # noqa: E731
        truth = chart.add_series(np.eye(LEVELS)[IMAGES[SCANNED].ravel()[0]], P_COLOR, show_values=False)
        guess = chart.add_series(SCAN_Q[0], Q_COLOR, decimals=2, label_size=LABEL_SIZE)
        cost = Readout(r"-\log_2 Q", value=float(SCAN_COST[0]), unit="比特", color=Q_COLOR)
        total = VGroup(zh("累计", size=LEAD_SIZE, color=ACCENT), Figure(0.0, size=LEAD_SIZE, color=ACCENT),
                       zh("比特", size=LEAD_SIZE * 0.8, color=ACCENT)).arrange(RIGHT, buff=0.15)
        legend = VGroup(zh("蓝：真实像素", size=LABEL_SIZE, color=P_COLOR),
                        zh("橙：模型的预测", size=LABEL_SIZE, color=Q_COLOR)).arrange(RIGHT, buff=GAP)
        panel = VGroup(chart, legend, cost, total).arrange(DOWN, buff=GAP)
        Group(scan, panel).arrange(RIGHT, buff=WIDE_GAP).to_edge(DOWN, buff=1.25).to_edge(LEFT, buff=EDGE + 0.5)
        heading.to_edge(UP, buff=EDGE + 0.2)
        scan.cursor.move_to(scan.pixel_center(0, 0, 0))

        def follow_scan(_):
            i = now()
            scan.show(int(index.get_value()))
            truth.set_values(np.eye(LEVELS)[IMAGES[SCANNED].ravel()[i]])
            guess.set_values(SCAN_Q[i])
            cost.set_value(float(SCAN_COST[i]))
            total[1].set_value(float(SCAN_COST[:int(index.get_value()) + 1].sum()))

        with self.narrate(
            "自回归模型逐个像素地画：看着前面的预测下一个，每一步都用交叉熵打分。",
            en="An autoregressive model paints one pixel after another: it predicts each from the ones before, "
               "and every prediction is scored by cross-entropy.",
            hold=0.8,
        ) as beat:
            self.play(FadeOut(Group(st["model"], st["model_label"], st["data_label"])), FadeIn(start),
                      FadeOut(data), st["note"].animate.move_to(heading), run_time=FADE_OUT_TIME)
            self.play(FadeTransform(start, scan), FadeTransform(st["note"], heading), run_time=1.2)
            scan.add_updater(follow_scan)
            self.add(scan.cursor)
            self.play(FadeIn(panel), run_time=0.6)
            beat.wait_until("看着前面的")
            self.play(index.animate.set_value(DECISIVE), run_time=beat.until("每一步", minimum=1.5), rate_func=linear)
            self.play(Indicate(cost, color=ACCENT), run_time=0.8)
            self.play(index.animate.set_value(scan.pixels), run_time=max(beat.until_end() + 0.2, 1.5), rate_func=linear)
        scan.clear_updaters()
        st.update(scan=scan, panel=panel, heading=heading)
        self.autoregressive_samples()

    def autoregressive_samples(self):
        st = self.stage
        samples = PixelMosaic(AR_SAMPLES, LEVELS, 1.3, rows=SHOWN // FILM)
        label = zh("它画的脸", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        bars = VGroup()
        for name, value, figure, color in (("逐像素模型", FLOOR, f"≥ {bits(FLOOR)}/张", MUTED),
                                           ("自回归模型", AR_COST, f"{bits(AR_COST)}/张", Q_COLOR)):
            bar = Rectangle(width=max(value, 0.05) * 0.3, height=0.32, stroke_width=0, fill_color=color,
                            fill_opacity=0.85)
            row = VGroup(zh(name, size=LABEL_SIZE, color=color), bar, zh(figure, size=LABEL_SIZE, color=color))
            row.arrange(RIGHT, buff=0.2)
            bars.add(row)
        bars.arrange(DOWN, buff=0.25, aligned_edge=LEFT)
        for row in bars:
            row[1].align_to(bars[0][1], LEFT)
            row[2].next_to(row[1], RIGHT, buff=0.2)
        right = Group(label, samples, bars).arrange(DOWN, buff=GAP)
        right.next_to(st["scan"], RIGHT, buff=WIDE_GAP).align_to(st["scan"], DOWN)
        with self.narrate(
            f"第一只眼抛硬币，第二只跟着走：每张图只要 {bits(AR_COST)}，逐像素的模型最少 {bits(FLOOR)}。",
            en=f"The first eye is a coin toss, the second follows it: a picture costs only {en_bits(AR_COST)}; "
               f"the pixel-by-pixel model needs at least {en_bits(FLOOR)}.",
            hold=1.2,
        ) as beat:
            self.play(FadeOut(st["panel"]), FadeOut(st["scan"].cursor), FadeIn(label), FadeIn(samples), run_time=1.0)
            self.play(samples.animate.set_levels(AR_SAMPLES, marked=eye_pixels(AR_SAMPLES), mark_color=Q_COLOR),
                      run_time=1.0)
            beat.wait_until("每张图只要")
            self.play(FadeIn(bars[1], shift=RIGHT * 0.2), run_time=0.8)
            beat.wait_until("逐像素的模型")
            self.play(FadeIn(bars[0], shift=RIGHT * 0.2), run_time=0.8)
        self.play(FadeOut(Group(st["scan"], st["heading"], right)), run_time=FADE_OUT_TIME)

    # --- 7 ----------------------------------------------------------------------------
    def why_not_squared_error(self):
        qs = np.linspace(WRONG / 2, 1 - WRONG / 2, 400)
        colors = (ACCENT, TEXT_COLOR)                     # cross-entropy, squared error
        plots = VGroup()
        # each plot: its title, y axis, the two curves, their values at the mistake, formulas, where the values go
        for title, y_range, fn, marks, formulas, sides in (
            ("损失", [0, 2 * math.ceil(CE_WRONG / 2 + 0.25), 2], loss_curves, (CE_WRONG, SE_WRONG),
             (r"-\log_2 Q", r"\textstyle\sum_k (Q_k - P_k)^2"), ((UP + RIGHT, 0.12), (DOWN + RIGHT, 0.3))),
            ("梯度：推分数的力", [0, 2, 0.5], pushes, (PUSH_CE, PUSH_SE),
             (r"\propto Q - P", r"\propto Q(1-Q)\,(Q - P)"), ((UP + RIGHT, 0.12), (LEFT, 0.2))),
        ):
            axes = figure_axes([0, 1, 0.5], y_range, x_length=3.8, y_length=3.0)
            x_label = zh("Q 给真相的概率", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.45) \
                .align_to(axes.x_axis, RIGHT)
            values = np.array([fn(q) for q in qs])
            curves = VGroup(*[axes.plot_line_graph(qs, np.minimum(values[:, k], y_range[1]), add_vertex_dots=False,
                                                   line_color=colors[k], stroke_width=4) for k in range(2)])
            dots = VGroup(*[Dot(axes.c2p(WRONG, v), color=c) for v, c in zip(marks, colors)])
            # the figures beside their points, clear of the curves
            figures = VGroup(*[figure_text(v, 2, size=LABEL_SIZE, color=c).next_to(d, side, buff=buff)
                               for v, d, c, (side, buff) in zip(marks, dots, colors, sides)])
            heading = zh(title, size=STRONG_LABEL_SIZE).next_to(axes, UP, buff=0.3)
            # each curve's formula, in its colour, in the empty upper right of the plot
            keys = VGroup(*[tex(f, size=STRONG_LABEL_SIZE + 2).set_color(c) for f, c in zip(formulas, colors)]) \
                .arrange(DOWN, buff=0.15, aligned_edge=RIGHT).move_to(axes.c2p(1, y_range[1]), aligned_edge=UP + RIGHT)
            plots.add(VGroup(heading, axes, x_label, curves, dots, figures, keys))
        plots.arrange(RIGHT, buff=WIDE_GAP, aligned_edge=UP)
        loss_plot, push_plot = plots

        # the confident mistake: the truth is white, the model says black at 99 %
        swatches = [Square(0.4, stroke_color=MUTED, stroke_width=1.5, fill_opacity=1,
                           fill_color=level_color(k, 2)) for k in (1, 0)]
        chart = ProbabilityChart(swatches, max_value=1.0, height=1.6, slot_width=1.2)
        chart.add_series(ONE_HOT, P_COLOR, show_values=False)
        chart.add_series([WRONG, 1 - WRONG], Q_COLOR, label_size=LABEL_SIZE)
        chart_label = VGroup(zh("真相是白", size=LABEL_SIZE, color=P_COLOR),
                             zh("模型押黑", size=LABEL_SIZE, color=Q_COLOR)).arrange(DOWN, buff=0.1)
        mistake = VGroup(chart, chart_label).arrange(DOWN, buff=0.25)
        row = VGroup(mistake, plots).arrange(RIGHT, buff=WIDE_GAP, aligned_edge=UP)
        row.scale_to_fit_width(min(row.width, FULL_WIDTH))

        def key(color, name):
            return VGroup(Line(LEFT * 0.3, RIGHT * 0.3, color=color, stroke_width=6),
                          zh(name, size=HEADING_SIZE, color=color)).arrange(RIGHT, buff=0.2)

        keys = VGroup(key(ACCENT, "交叉熵"), zh("vs.", size=HEADING_SIZE, color=MUTED), key(TEXT_COLOR, "平方误差")) \
            .arrange(RIGHT, buff=GAP)
        VGroup(keys, row).arrange(DOWN, buff=SECTION_GAP).to_edge(UP, buff=EDGE)
        with self.narrate(
            f"为什么不用平方误差？模型自信地错了，真相只给 {WRONG:.0%}：交叉熵罚 {bits(CE_WRONG)}，没有上限；"
            "平方误差最多罚 2。",
            en=f"Why not squared error? Suppose the model is confidently wrong, giving the truth only {WRONG:.0%}: "
               f"cross-entropy charges {en_bits(CE_WRONG)}, without limit; squared error never charges more than 2.",
            hold=0.8,
        ) as beat:
            self.play(FadeIn(keys), FadeIn(loss_plot[:3]), run_time=0.8)
            beat.wait_until("模型自信地错了")
            self.play(FadeIn(mistake), run_time=1.0)
            beat.wait_until("交叉熵罚")
            self.play(*self._curve(loss_plot, 0), run_time=1.5)
            beat.wait_until("平方误差最多")
            self.play(*self._curve(loss_plot, 1), run_time=1.5)
        with self.narrate(
            "梯度上，平方误差多乘了 softmax 的斜率，饱和时几乎为零：错得再离谱也推不动。",
            en="And the gradient: squared error is multiplied by the softmax's slope, which is nearly zero when the "
               "prediction saturates. However wrong the model is, it barely gets a push.",
            hold=1.2,
        ) as beat:
            self.play(FadeIn(push_plot[:3]), *self._curve(push_plot, 0), run_time=1.5)
            beat.wait_until("平方误差多乘了")
            self.play(*self._curve(push_plot, 1), run_time=1.5)
            beat.wait_until("错得再离谱")
            self.play(Indicate(push_plot[5][1], color=ACCENT), run_time=1.0)
        self.play(FadeOut(VGroup(keys, row)), run_time=FADE_OUT_TIME)

    @staticmethod
    def _curve(plot: VGroup, k: int) -> list:
        """Draw curve ``k`` of a loss plot with its marked point, figure and formula."""
        return [Create(plot[3][k]), FadeIn(plot[4][k]), FadeIn(plot[5][k]), FadeIn(plot[6][k])]
