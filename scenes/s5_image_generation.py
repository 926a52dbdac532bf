"""Section 5 — 教模型画图：交叉熵当损失

A real, tiny generative model really trained: a set of 12x12 smiley images with four
intensity levels is the data distribution P (per pixel); the model Q_theta is a softmax per
pixel, fitted by gradient descent on the cross-entropy H(P, Q_theta). The recorded training
is replayed: Q moves onto P, the loss falls to the floor H(P) (not to 0) and the model's
samples turn from noise into faces. On the way: what softmax does, where the gradient comes
from (Q - P per score; backpropagation in a deep network), and what this demo leaves out (it
treats pixels as independent). Then why cross-entropy rather than KL, and what real image
generators optimise.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""
from __future__ import annotations

import math

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Brace,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Group,
    GrowFromCenter,
    Indicate,
    Line,
    Rectangle,
    RoundedRectangle,
    Square,
    TracedPath,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
    linear,
)

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.figures import figure_axes
from scenes.kit.mobjects import ProbabilityChart, Readout
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
from scenes.kit.text import bits, en_bits

# --- data, model and training (all seeded: every render is identical) --------------------
EXAMPLES = current().images                                      # assets/examples.toml: [images]
N_IMAGES, SIZE, LEVELS = EXAMPLES.count, EXAMPLES.size, EXAMPLES.levels
IMAGES = it.smiley_images(N_IMAGES, size=SIZE, levels=LEVELS, seed=EXAMPLES.data_seed)
P = it.pixel_distributions(IMAGES, LEVELS)                      # (size, size, levels): data distribution
INIT = np.random.default_rng(EXAMPLES.init_seed).normal(0.0, 1.5, P.shape)   # random logits: noise
STEPS, LEARNING_RATE = EXAMPLES.steps, EXAMPLES.learning_rate
FIT = it.fit_categorical(P, INIT, steps=STEPS, learning_rate=LEARNING_RATE)
SHOWN = 8                                                        # images per grid
CHART_WIDTH = 4.8                                                # the pixel's chart, frame units
MOSAIC_ROWS, IMAGE_SIDE = 4, 1.35                                # each grid a tall column; image side in frame units
UNIFORMS = np.random.default_rng(EXAMPLES.sample_seed).random((SHOWN, SIZE, SIZE))  # fixed: samples morph smoothly
#: the pixel whose distribution is shown: the most uncertain one in the data
PIXEL = np.unravel_index(int(np.argmax(it.entropy(P))), (SIZE, SIZE))
L_START, L_END, FLOOR = float(FIT.losses[0]), float(FIT.losses[-1]), FIT.floor
LOSS_AXIS_TOP = max(3, math.ceil(L_START))                       # bits: the start of the loss curve fits
STEP_TICK = max(10, round(STEPS / 4, -1))                        # four ticks along the training steps


def step_at(s: float) -> int:
    """Replay clock s in [0, 1] -> training step; early steps get more time (they change most)."""
    return int(round(STEPS * (np.exp(4 * s) - 1) / (np.exp(4) - 1)))


def samples_at(step: int) -> np.ndarray:
    return it.sample_categorical(FIT.probs[step][None], UNIFORMS)


class LearningImagesByCrossEntropy(SectionScene):
    section = "s5"

    def construct(self):
        self.show_title_card()
        self.images_as_samples_of_p()
        self.untrained_model()
        self.gradient_and_backpropagation()
        self.train_by_cross_entropy()
        self.pixels_on_their_own()
        self.why_not_kl()
        self.real_generators()

    # --- layout shared by the first three beats -------------------------------------------
    def _build_stage(self):
        # two tall columns of images (data | model) on the left, the pixel's chart and the loss on the right
        data = PixelMosaic(IMAGES[:SHOWN], LEVELS, IMAGE_SIDE, rows=MOSAIC_ROWS)
        model = PixelMosaic(samples_at(0), LEVELS, IMAGE_SIDE, rows=MOSAIC_ROWS)
        data_label = zh("数据：P 的样本", size=STRONG_LABEL_SIZE, color=P_COLOR)
        model_label = zh("模型 Q 的采样", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        left = Group(Group(data_label, data).arrange(DOWN, buff=0.2),
                     Group(model_label, model).arrange(DOWN, buff=0.2)).arrange(RIGHT, buff=GAP)

        slot = CHART_WIDTH / LEVELS                                  # the chart keeps its width for any level count
        swatches = [Square(min(0.4, 0.6 * slot), stroke_color=MUTED, stroke_width=1.5, fill_opacity=1,
                           fill_color=level_color(k, LEVELS)) for k in range(LEVELS)]
        chart = ProbabilityChart(swatches, max_value=1.0, height=1.1, slot_width=slot)
        p_bars = chart.add_series(P[PIXEL], P_COLOR, show_values=False)
        q_bars = chart.add_series(FIT.probs[0][PIXEL], Q_COLOR, show_values=False)
        chart_label = zh("被框出的像素：各档亮度的概率", size=LABEL_SIZE, color=MUTED)
        pixel_panel = VGroup(chart, chart_label).arrange(DOWN, buff=0.2)

        axes = figure_axes([0, STEPS, STEP_TICK], [0, LOSS_AXIS_TOP, 1], x_length=4.6, y_length=2.2)
        x_label = zh("训练步数", size=LABEL_SIZE, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.15) \
            .align_to(axes.x_axis, RIGHT)
        floor = DashedLine(axes.c2p(0, FLOOR), axes.c2p(STEPS, FLOOR), color=ENTROPY_COLOR)
        floor_label = VGroup(tex(r"H(P)", size=STRONG_LABEL_SIZE), zh(f"= {bits(FLOOR)}", size=LABEL_SIZE,
                                                                      color=ENTROPY_COLOR)) \
            .arrange(RIGHT, buff=0.1).next_to(floor, DOWN, buff=0.1).align_to(floor, RIGHT)
        curve = axes.plot(lambda x: float(np.interp(x, FIT.steps, FIT.losses)), x_range=[0, STEPS, 1],
                          color=Q_COLOR, stroke_opacity=0.3)
        plot = VGroup(axes, x_label, floor, floor_label, curve)
        readout = Readout(r"H(P, Q_\theta)", value=L_START, unit="比特/像素", color=Q_COLOR)

        # the readout heads the plot: its unit is the y axis's unit
        readout.next_to(plot, UP, buff=0.25).align_to(axes, LEFT)
        right = VGroup(pixel_panel, VGroup(readout, plot)).arrange(DOWN, buff=GAP)
        Group(left, right).arrange(RIGHT, buff=WIDE_GAP).to_edge(UP, buff=EDGE)
        # until the loss plot comes in, the pixel's chart sits level with the images
        panel_home = pixel_panel.get_center()
        pixel_panel.match_y(left)
        # and the data come in alone, in the middle of the frame
        data_panel = left[0]
        data_home = data_panel.get_center()
        data_panel.set_x(0)

        # mark the shown pixel on the first data image and the first model sample
        def marker(mosaic):
            cell = mosaic.pixel_size
            center = mosaic.pixel_center(0, *PIXEL)
            return VGroup(Rectangle(width=cell, height=cell, stroke_color=ACCENT, stroke_width=3).move_to(center),
                          Circle(radius=cell * 2.2, stroke_color=ACCENT, stroke_width=3).move_to(center))

        self.stage = dict(data=data, model=model, left=left, data_label=data_label, model_label=model_label,
                          chart=chart, p_bars=p_bars, q_bars=q_bars, pixel_panel=pixel_panel, plot=plot,
                          axes=axes, readout=readout, right=right, panel_home=panel_home, data_panel=data_panel,
                          data_home=data_home, data_marker=marker(data),
                          model_marker=marker(model))

    # --- 1 ----------------------------------------------------------------------------
    def images_as_samples_of_p(self):
        self._build_stage()
        st = self.stage
        with self.narrate(
            f"一张图片，可以看成数据分布 P 的一个样本。这是一组{SIZE}乘{SIZE}的小图，每个像素{LEVELS}档亮度。",
            en=f"An image can be seen as one sample of the data distribution P. Here are small {SIZE} by {SIZE} "
               f"pictures, each pixel with {LEVELS} brightness levels.",
        ):
            self.play(FadeIn(st["data_label"]), FadeIn(st["data"], lag_ratio=0.1), run_time=2)
        with self.narrate(f"数一数{N_IMAGES}张图里各档亮度的比例，就得到每个像素上的分布 P。",
                          en=f"Counting the share of each brightness level over {N_IMAGES} images gives each "
                             "pixel's distribution P."):
            self.play(Create(st["data_marker"]), run_time=0.8)
            to_home = st["data_home"] - st["data_panel"].get_center()
            self.play(Group(st["data_panel"], st["data_marker"]).animate.shift(to_home),
                      FadeIn(st["chart"].baseline), FadeIn(st["chart"].category_labels),
                      FadeIn(st["p_bars"]), FadeIn(st["pixel_panel"][1]), run_time=1.2)

    # --- 2 ----------------------------------------------------------------------------
    def untrained_model(self):
        st = self.stage
        softmax = VGroup(
            tex(r"Q_\theta(k) = \frac{e^{z_k}}{\sum_j e^{z_j}}", size=HEADING_SIZE),
            zh("softmax：把分数 z 变成概率", size=LABEL_SIZE, color=MUTED),
        ).arrange(DOWN, buff=0.2).move_to(st["right"][1])   # where the loss plot will be
        st["softmax"] = softmax
        with self.narrate(
            "模型 Q 给每档亮度打一个分，softmax 把分数变成加起来为一的概率。参数随机时，采样全是噪声。",
            en="The model Q gives every brightness level a score; softmax turns the scores into probabilities that "
               "add up to one. With random parameters, its samples are pure noise.",
        ) as beat:
            self.play(FadeIn(st["model_label"]), FadeIn(st["model"], lag_ratio=0.1), FadeIn(st["q_bars"]),
                      st["pixel_panel"].animate.move_to(st["panel_home"]), run_time=1.5)
            beat.wait_until("softmax")
            self.play(Write(softmax[0]), FadeIn(softmax[1]), run_time=1.5)
            beat.wait_until("参数随机时")
            self.play(Create(st["model_marker"]), run_time=1)

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
        clock = ValueTracker(0.0)
        st["clock"] = clock
        st["arrows"] = self._gradient_arrows(lambda: step_at(clock.get_value()))
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
            zh("反向传播：梯度从损失往回传", size=LABEL_SIZE, color=ACCENT),
            tex(r"\frac{\partial H}{\partial z_k} \propto Q_\theta(k) - P(k)", size=FORMULA_SIZE),
        ).arrange(DOWN, buff=0.15).next_to(back, DOWN, buff=0.15)
        chain = VGroup(boxes, nodes, forward, back, back_label)
        # the chain takes the loss plot's place, under the pixel's chart at its final place
        chain.scale_to_fit_width(min(chain.width, st["right"].width)).move_to(st["right"][1])
        st["chain"] = chain
        with self.narrate(
            "训练靠梯度：交叉熵对每个分数的梯度正比于 Q 减 P，多了就压低，少了就抬高。"
            "深层网络用反向传播，把梯度从输出一层层传回去。",
            en="Training follows the gradient: for each score, the cross-entropy's gradient is proportional to Q minus "
               "P, so too much is pushed down and too little lifted. Deep networks pass it back from the output layer "
               "by layer: backpropagation.",
        ) as beat:
            self.play(FadeOut(st["softmax"]), FadeIn(boxes), FadeIn(nodes), Create(forward), run_time=1.5)
            beat.wait_until("正比于")
            self.play(Create(back), FadeIn(back_label[1]), run_time=1.2)
            beat.wait_until("多了就压低")
            self.play(FadeIn(st["arrows"]), run_time=0.8)
            beat.wait_until("深层网络")
            self.play(FadeIn(back_label[0]), Indicate(back, color=ACCENT), run_time=1.2)
        self.play(FadeOut(chain), run_time=FADE_OUT_TIME)

    def train_by_cross_entropy(self):
        st = self.stage
        clock = st["clock"]
        step = lambda: step_at(clock.get_value())  # noqa: E731
        axes = st["axes"]
        dot = Dot(color=Q_COLOR).move_to(axes.c2p(0, L_START))
        dot.add_updater(lambda m: m.move_to(axes.c2p(step(), float(FIT.losses[step()]))))
        trace = TracedPath(dot.get_center, stroke_color=Q_COLOR, stroke_width=4)
        st["readout"].follow(lambda: float(FIT.losses[step()]))
        st["q_bars"].follow(lambda: FIT.probs[step()][PIXEL])
        st["model"].add_updater(lambda mosaic: mosaic.set_levels(samples_at(step())))

        with self.narrate(
            f"起点是每个像素 {bits(L_START)}。橙色的 Q 渐渐贴上蓝色的 P，采样越来越像笑脸；"
            f"损失降到 {bits(L_END)}，逼近下限 H(P)，{bits(FLOOR)}，降不到零：数据本身的随机性消除不了。",
            en=f"It starts at {en_bits(L_START)} per pixel. The orange Q settles onto the blue P, and the samples "
               f"turn into smiley faces. The loss drops to {en_bits(L_END)}, near the floor H(P), {en_bits(FLOOR)}, "
               "never to zero: the data's own randomness stays.",
        ) as beat:
            self.play(FadeIn(st["plot"]), FadeIn(st["readout"]), run_time=1.2)
            self.add(dot, trace)
            beat.wait_until("橙色的")
            self.play(clock.animate.set_value(1), run_time=beat.until("损失降到", minimum=3), rate_func=linear)
            self.play(Indicate(st["readout"], color=ENTROPY_COLOR), run_time=1)
        for m in (dot, st["readout"], st["q_bars"], st["model"], st["arrows"]):
            m.clear_updaters()
        self.play(FadeOut(Group(st["right"], dot, trace, st["arrows"])), run_time=FADE_OUT_TIME)

    def pixels_on_their_own(self):
        st = self.stage
        facts = VGroup(
            self._fact("这组小图", "每个像素各自随机，\n逐个像素独立建模就够了"),
            self._fact("真实的图片", "像素彼此牵连，\n模型得学会这种关系"),
        ).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT)
        facts.next_to(st["left"], RIGHT, buff=WIDE_GAP)
        with self.narrate(
            "这组小图的像素各自随机，逐个建模就够了；真实图片的像素彼此牵连，模型得学会这种关系："
            "画出三只眼睛的狗，就是没学对。",
            en="Here every pixel varies on its own, so modelling pixels one by one is enough; in real images pixels "
               "depend on each other, and a model must learn how. A three-eyed dog is what it draws when it hasn't.",
        ) as beat:
            self.play(FadeIn(facts[0], shift=UP * 0.2), run_time=1)
            beat.wait_until("真实图片")
            self.play(FadeIn(facts[1], shift=UP * 0.2), run_time=1)
        self.play(FadeOut(Group(st["left"], st["data_marker"], st["model_marker"], facts)), run_time=0.8)

    # --- 4 ----------------------------------------------------------------------------
    def why_not_kl(self):
        identity = tex(r"H(P, Q_\theta)", "=", r"H(P)", "+", r"D_{KL}(P \,\|\, Q_\theta)", size=BIG_FORMULA_SIZE,
                       color_map={r"D_{KL}": KL_COLOR})
        brace = Brace(identity[2], DOWN, color=ENTROPY_COLOR)
        constant = zh("H(P) 只由数据决定，与参数 θ 无关", size=LEAD_SIZE, color=ENTROPY_COLOR) \
            .next_to(brace, DOWN, buff=0.2)
        same = tex(r"\arg\min_\theta H(P, Q_\theta) = \arg\min_\theta D_{KL}(P \,\|\, Q_\theta)",
                   size=BIG_FORMULA_SIZE, color_map={r"D_{KL}": KL_COLOR})
        group = VGroup(VGroup(identity, brace, constant), same).arrange(DOWN, buff=SECTION_GAP).move_to(0)
        with self.narrate(
            "为什么不直接优化 KL 散度？交叉熵等于 H(P) 加 KL，H(P) 只由数据决定，最优解相同；"
            "交叉熵却只要数据样本就能算。",
            en="Why not optimise the KL divergence directly? Cross-entropy is H(P) plus KL, and H(P) is fixed by the "
               "data: same optimum. But cross-entropy needs only data samples.",
        ):
            self.play(Write(identity), run_time=1.5)
            self.play(GrowFromCenter(brace), FadeIn(constant), run_time=1)
            self.play(Write(same), run_time=1.5)
        self.play(FadeOut(group), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def real_generators(self):
        rows = VGroup(
            self._fact("自回归图像模型", "根据已画的像素预测下一个，直接最小化交叉熵"),
            self._fact("扩散模型", "大体上压低交叉熵的一个上界"),
        ).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT).move_to(0)
        with self.narrate(
            "真实的模型也离不开交叉熵：自回归模型照着已画的像素预测下一个，直接最小化它；"
            "扩散模型大体上压低它的一个上界。",
            en="Real models rely on it too: autoregressive models predict the next pixel from those already drawn, "
               "minimising it directly; diffusion models broadly push down an upper bound on it.",
        ) as beat:
            for row, words in zip(rows, ("自回归模型", "扩散模型")):
                beat.wait_until(words)
                self.play(FadeIn(row, shift=UP * 0.2), run_time=1)
        self.play(FadeOut(rows), run_time=FADE_OUT_TIME)

    @staticmethod
    def _fact(name: str, text: str) -> VGroup:
        """A model's name over what it minimises, marked by a bar on the left."""
        words = VGroup(zh(name, size=HEADING_SIZE, color=ACCENT), zh(text, size=LEAD_SIZE, t2c={"P": P_COLOR})) \
            .arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        bar = Line(words.get_corner(UL), words.get_corner(DL), color=ACCENT, stroke_width=6) \
            .next_to(words, LEFT, buff=GAP)
        return VGroup(bar, words)
