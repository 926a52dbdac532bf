"""Section 5 — 教模型画图：交叉熵当损失

A real, tiny generative model really trained: a set of 12x12 smiley images with four
intensity levels is the data distribution P (per pixel); the model Q_theta is a softmax per
pixel, fitted by gradient descent on the cross-entropy H(P, Q_theta). The recorded training
is replayed: Q moves onto P, the loss falls to the floor H(P) (not to 0) and the model's
samples turn from noise into faces. Then why cross-entropy rather than KL, and what real
image generators optimise.

Narration: every ``self.narrate("……")`` block below holds the words spoken in that beat.
Edit the Chinese text freely; figures inside ``{…}`` are computed, leave those as they are.
"""
from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
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
    Square,
    TracedPath,
    ValueTracker,
    VGroup,
    Write,
    linear,
)

import infotheory as it
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
    WIDE_GAP,
    tex,
    zh,
)
from scenes.kit.text import bits, en_bits

# --- data, model and training (all seeded: every render is identical) --------------------
N_IMAGES, SIZE, LEVELS = 64, 12, 4
IMAGES = it.smiley_images(N_IMAGES, size=SIZE, levels=LEVELS, seed=0)
P = it.pixel_distributions(IMAGES, LEVELS)                      # (12, 12, 4): data distribution
INIT = np.random.default_rng(1).normal(0.0, 1.5, P.shape)       # random logits: noise
STEPS, LEARNING_RATE = 240, 0.3
FIT = it.fit_categorical(P, INIT, steps=STEPS, learning_rate=LEARNING_RATE)
SHOWN = 8                                                        # images per grid
MOSAIC_ROWS, IMAGE_SIDE = 4, 1.35                                # each grid a tall column; image side in frame units
UNIFORMS = np.random.default_rng(2).random((SHOWN, SIZE, SIZE))  # fixed: samples morph smoothly
#: the pixel whose distribution is shown: the most uncertain one in the data
PIXEL = np.unravel_index(int(np.argmax(it.entropy(P))), (SIZE, SIZE))
L_START, L_END, FLOOR = float(FIT.losses[0]), float(FIT.losses[-1]), FIT.floor


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
        self.train_by_cross_entropy()
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

        swatches = [Square(0.4, stroke_color=MUTED, stroke_width=1.5, fill_opacity=1, fill_color=level_color(k, LEVELS))
                    for k in range(LEVELS)]
        chart = ProbabilityChart(swatches, max_value=1.0, height=1.1, slot_width=1.2)
        p_bars = chart.add_series(P[PIXEL], P_COLOR, show_values=False)
        q_bars = chart.add_series(FIT.probs[0][PIXEL], Q_COLOR, show_values=False)
        chart_label = zh("被框出的像素：各档亮度的概率", size=LABEL_SIZE, color=MUTED)
        pixel_panel = VGroup(chart, chart_label).arrange(DOWN, buff=0.2)

        axes = figure_axes([0, STEPS, 60], [0, 3, 1], x_length=4.6, y_length=2.2)
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
            "一张图片，可以看成从数据分布 P 里抽出的一个样本。"
            f"这是我们画的一组小图：{SIZE}乘{SIZE}个像素，每个像素{LEVELS}档亮度。",
            en="An image can be seen as one sample drawn from the data distribution P. Here is a set of small pictures "
               f"we drew: {SIZE} by {SIZE} pixels, each with {LEVELS} brightness levels.",
        ):
            self.play(FadeIn(st["data_label"]), FadeIn(st["data"], lag_ratio=0.1), run_time=2)
        with self.narrate(f"统计{N_IMAGES}张图里每个像素各档亮度出现的比例，就得到这个像素上的分布 P。",
                          en=f"Counting each brightness level's share at a pixel over {N_IMAGES} images gives that "
                             "pixel's distribution P."):
            self.play(Create(st["data_marker"]), run_time=0.8)
            to_home = st["data_home"] - st["data_panel"].get_center()
            self.play(Group(st["data_panel"], st["data_marker"]).animate.shift(to_home),
                      FadeIn(st["chart"].baseline), FadeIn(st["chart"].category_labels),
                      FadeIn(st["p_bars"]), FadeIn(st["pixel_panel"][1]), run_time=1.2)

    # --- 2 ----------------------------------------------------------------------------
    def untrained_model(self):
        st = self.stage
        with self.narrate(
            "模型 Q 给每个像素一个 softmax 分布。参数随机时，采样全是噪声："
            "AI 画出三只眼睛的狗，就是 Q 和 P 没对上。",
            en="The model Q gives every pixel a softmax distribution. With random parameters, its samples are pure "
               "noise: an AI drawing a three-eyed dog is Q and P failing to match.",
        ):
            self.play(FadeIn(st["model_label"]), FadeIn(st["model"], lag_ratio=0.1), run_time=1.5)
            self.play(Create(st["model_marker"]), FadeIn(st["q_bars"]), run_time=1)

    # --- 3 ----------------------------------------------------------------------------
    def train_by_cross_entropy(self):
        st = self.stage
        clock = ValueTracker(0.0)
        step = lambda: step_at(clock.get_value())  # noqa: E731
        axes = st["axes"]
        dot = Dot(color=Q_COLOR).move_to(axes.c2p(0, L_START))
        dot.add_updater(lambda m: m.move_to(axes.c2p(step(), float(FIT.losses[step()]))))
        trace = TracedPath(dot.get_center, stroke_color=Q_COLOR, stroke_width=4)
        st["readout"].follow(lambda: float(FIT.losses[step()]))
        st["q_bars"].follow(lambda: FIT.probs[step()][PIXEL])
        st["model"].add_updater(lambda mosaic: mosaic.set_levels(samples_at(step())))

        with self.narrate(
            f"训练，就是用梯度下降去最小化 P 与 Q 的交叉熵。起点是每个像素 {bits(L_START)}。",
            en="Training means using gradient descent to minimise the cross-entropy between P and Q. It starts at "
               f"{en_bits(L_START)} per pixel.",
        ):
            self.play(st["pixel_panel"].animate.move_to(st["panel_home"]), FadeIn(st["plot"]), FadeIn(st["readout"]),
                      run_time=1.5)
            self.add(dot, trace)
        with self.narrate(
            "橙色的 Q 渐渐贴上蓝色的 P，采样出来的图也越来越像笑脸；"
            f"损失降到 {bits(L_END)}，逼近下限 H(P)，{bits(FLOOR)}，却不会降到零："
            "数据本身的随机性，谁也消除不了。",
            en="The orange Q gradually settles onto the blue P, and the samples look more and more like smiley faces. "
               f"The loss drops to {en_bits(L_END)}, close to the floor H(P), {en_bits(FLOOR)}, but never to zero: "
               "nobody can remove the randomness in the data itself.",
        ) as beat:
            self.play(clock.animate.set_value(1), run_time=beat.until("损失降到", minimum=3), rate_func=linear)
            self.play(Indicate(st["readout"], color=ENTROPY_COLOR), run_time=1)
        for m in (dot, st["readout"], st["q_bars"], st["model"]):
            m.clear_updaters()
        self.play(FadeOut(Group(st["left"], st["right"], dot, trace, st["data_marker"], st["model_marker"])),
                  run_time=0.8)

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
            "为什么不直接优化 KL 散度？交叉熵等于 H(P) 加 KL，而 H(P) 只由数据决定，是个常数，"
            "两者的最优解一样；交叉熵却只要数据样本就能算。",
            en="Why not optimise the KL divergence directly? Cross-entropy is H(P) plus KL, and H(P) depends only "
               "on the data, a constant, so both have the same optimum; but cross-entropy can be computed from data "
               "samples alone.",
        ):
            self.play(Write(identity), run_time=1.5)
            self.play(GrowFromCenter(brace), FadeIn(constant), run_time=1)
            self.play(Write(same), run_time=1.5)
        self.play(FadeOut(group), run_time=FADE_OUT_TIME)

    # --- 5 ----------------------------------------------------------------------------
    def real_generators(self):
        rows = VGroup(
            self._fact("自回归图像模型", "逐个像素预测下一个值的分布，直接最小化交叉熵"),
            self._fact("扩散模型", "最小化负对数似然的变分上界（常经重新加权）"),
            self._fact("负对数似然取数据平均", "= 与数据分布 P 的交叉熵"),
        ).arrange(DOWN, buff=SECTION_GAP, aligned_edge=LEFT).move_to(0)
        with self.narrate(
            "真实模型也是如此：自回归模型逐个像素预测，直接用交叉熵训练；"
            "扩散模型优化负对数似然的变分上界，常经重新加权。"
            "而负对数似然对数据取平均，正是与数据分布的交叉熵。",
            en="Real models too: autoregressive models predict pixel by pixel, trained directly on cross-entropy; "
               "diffusion models optimise an often reweighted variational upper bound on negative log-likelihood, "
               "which, averaged over data, is the cross-entropy with the data distribution.",
        ) as beat:
            for row, words in zip(rows, ("自回归模型", "扩散模型", "而负对数似然")):
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
