"""Section 1 — 引入：为什么需要交叉熵？

A forecast says 80 % rain, the next day is sunny: was the forecast wrong, and by how much?
A first taste of surprise in bits, then the title, then three places where cross-entropy is
the loss being minimised.

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
    Arrow,
    Circle,
    Create,
    DrawBorderThenFill,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    Line,
    Polygon,
    Rectangle,
    RoundedRectangle,
    Square,
    SurroundingRectangle,
    Union,
    VGroup,
    Wiggle,
    Write,
)

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.figures import figure_text
from scenes.kit.mobjects import ProbabilityChart, legend_entry
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BODY_SIZE,
    DISPLAY_SIZE,
    EDGE,
    FAINT,
    GAP,
    HERO_SIZE,
    LABEL_SIZE,
    LEAD_SIZE,
    MUTED,
    P_COLOR,
    Q_COLOR,
    ROW_GAP,
    SECTION_GAP,
    STRONG_LABEL_SIZE,
    TEXT_COLOR,
    TITLE_SIZE,
    WIDE_GAP,
    zh,
)
from scenes.kit.text import bits, en_bits

# --- the examples -------------------------------------------------------------------------
EXAMPLES = current()                     # assets/examples.toml: [forecast], [applications]
RAIN = EXAMPLES.forecast.rain
FORECAST = np.array([RAIN, round(1 - RAIN, 2)])   # Q: the forecast for (rain, dry), in whole percent
DRY = FORECAST[1]
SURPRISE_DRY = float(it.self_information(DRY))
SURPRISE_RAIN = float(it.self_information(RAIN))

CLASSIFIER = (("猫", "狗", "鸟"), np.array(EXAMPLES.applications.classifier), 0)   # labels, Q, true index
LANGUAGE_MODEL = (("好", "热", "冷"), np.array(EXAMPLES.applications.next_character), 0)
DISCRIMINATOR = (("真", "假"), np.array(EXAMPLES.applications.discriminator), 0)   # the generator wants "真"
NOISE_SEED = EXAMPLES.applications.noise_seed


def one_hot(index: int, n: int) -> np.ndarray:
    p = np.zeros(n)
    p[index] = 1.0
    return p


def loss_of(example) -> float:
    """Cross-entropy between the true answer (one-hot P) and the model's prediction Q."""
    labels, q, true = example
    return float(it.cross_entropy(one_hot(true, len(labels)), q))


# --- drawings -----------------------------------------------------------------------------

def get_cloud(width: float = 1.8):
    puffs = [Circle(0.5).shift(LEFT * 0.55), Circle(0.68).shift(UP * 0.2), Circle(0.45).shift(RIGHT * 0.65),
             Rectangle(width=1.7, height=0.6).shift(DOWN * 0.2)]
    cloud = Union(*puffs, fill_color=MUTED, fill_opacity=1, stroke_width=0)
    return cloud.set(width=width)


def get_rain(cloud, n: int = 5):
    drops = VGroup(*[Line(UP * 0.14, DOWN * 0.14, stroke_width=5, color=TEXT_COLOR).rotate(0.35) for _ in range(n)])
    drops.arrange(RIGHT, buff=0.22).next_to(cloud, DOWN, buff=0.12)
    for i, d in enumerate(drops):
        d.shift(DOWN * 0.1 * (i % 2))
    return drops


def get_sun(radius: float = 0.55):
    disc = Circle(radius, fill_color=ACCENT, fill_opacity=1, stroke_width=0)
    rays = VGroup(*[
        Line(UP * (radius + 0.12), UP * (radius + 0.38), stroke_width=6, color=ACCENT).rotate(a, about_point=disc.get_center())
        for a in np.linspace(0, 2 * np.pi, 10, endpoint=False)
    ])
    return VGroup(rays, disc)


def get_card(header: str, icon, line, accent, width: float = 5.6):
    body = VGroup(zh(header, size=BODY_SIZE, color=MUTED), icon, line).arrange(DOWN, buff=GAP)
    frame = RoundedRectangle(corner_radius=0.3, width=width, height=body.height + 2 * GAP + 0.1,
                             stroke_color=accent, stroke_width=4)
    return VGroup(frame, body.move_to(frame))


def get_cat():
    head = Circle(0.5, color=TEXT_COLOR, stroke_width=3)
    ears = VGroup(*[Polygon([-0.42, 0.2, 0], [-0.15, 0.45, 0], [-0.45, 0.62, 0], color=TEXT_COLOR, stroke_width=3)
                    .shift(head.get_center()) for _ in range(2)])
    ears[1].flip(UP, about_point=head.get_center())
    eyes = VGroup(*[Circle(0.06, fill_opacity=1, color=TEXT_COLOR).move_to(head.get_center() + [x, 0.1, 0])
                    for x in (-0.18, 0.18)])
    whiskers = VGroup(*[Line([0.12 * s, -0.1, 0], [0.55 * s, -0.05 + dy, 0], stroke_width=2, color=MUTED)
                        for s in (-1, 1) for dy in (-0.08, 0.06)])
    picture = VGroup(ears, head, eyes, whiskers)
    frame = Square(1.5, color=FAINT, stroke_width=2).move_to(picture)
    return VGroup(frame, picture)


def get_noise_image(size: float = 1.0, n: int = 6):
    rng = np.random.default_rng(NOISE_SEED)
    cells = VGroup(*[Square(size / n, stroke_width=0, fill_color=TEXT_COLOR, fill_opacity=float(v))
                     for v in rng.uniform(0.1, 0.9, n * n)])
    return cells.arrange_in_grid(n, n, buff=0)


def get_prediction_chart(example, height: float = 1.3):
    labels, q, true = example
    chart = ProbabilityChart(labels, max_value=1.0, height=height, slot_width=0.95, category_size=BODY_SIZE)
    chart.add_series(q, Q_COLOR, label_size=LABEL_SIZE)
    marker = SurroundingRectangle(chart.category_labels[true], color=P_COLOR, buff=0.08)
    return VGroup(chart, marker)


def get_truth_swatch(label: str, size: float = LABEL_SIZE) -> VGroup:
    """The legend entry of the blue box that marks the true answer."""
    box = Rectangle(width=0.35, height=0.3, stroke_color=P_COLOR, stroke_width=3)
    return VGroup(box, zh(label, size=size)).arrange(RIGHT, buff=0.15)


class WhyCrossEntropy(SectionScene):
    section = "s1"

    def construct(self):
        self.forecast_then_sunshine()
        self.put_a_number_on_surprise()
        self.reveal_title()
        self.show_where_it_is_used()
        self.hand_over_to_dice()

    # --- 1 ----------------------------------------------------------------------------
    def forecast_then_sunshine(self):
        cloud = get_cloud(width=2.6)
        forecast_icon = VGroup(cloud, get_rain(cloud))
        chance = VGroup(zh("降雨概率", size=LEAD_SIZE), figure_text(f"{RAIN:.0%}", size=TITLE_SIZE, color=Q_COLOR)) \
            .arrange(RIGHT, buff=0.25)
        sun = get_sun(radius=0.65)
        forecast_icon.set(height=sun.height)      # the two pictures the same size
        forecast = get_card("明天的天气预报", forecast_icon, chance, Q_COLOR)
        actual = get_card("第二天，实际天气", sun, zh("晴，一滴雨也没下", size=LEAD_SIZE, color=P_COLOR), P_COLOR)
        height = max(forecast[0].height, actual[0].height)   # the two cards the same size
        for card in (forecast, actual):
            card[0].stretch_to_fit_height(height)
        cards = VGroup(forecast, actual).arrange(RIGHT, buff=WIDE_GAP)
        question = zh("准吗？", size=DISPLAY_SIZE, color=ACCENT).next_to(cards, UP, buff=GAP)
        VGroup(question, cards).to_edge(UP, buff=EDGE)
        self.cards = cards

        with self.narrate(f"天气预报说：明天降雨概率{RAIN:.0%}。",
                          en=f"The forecast says tomorrow's chance of rain is {RAIN:.0%}."):
            self.play(DrawBorderThenFill(forecast[0]), FadeIn(forecast[1], shift=UP * 0.2), run_time=1.5)
        with self.narrate("结果第二天阳光灿烂，一滴雨也没下。这个预报，到底准不准？",
                          en="The next day is bright and sunny, not a drop of rain. So was the forecast right or "
                             "not?") as beat:
            self.play(FadeIn(actual, shift=LEFT * 0.3), run_time=1.2)
            beat.wait_until("这个预报")
            self.sound_effect("question")
            self.play(GrowFromCenter(question), run_time=0.6)
            self.play(Wiggle(question), run_time=1.0)
        self.question = question

    # --- 2 ----------------------------------------------------------------------------
    def put_a_number_on_surprise(self):
        self.play(FadeOut(self.question), self.cards.animate.scale(0.62).to_edge(UP, buff=EDGE), run_time=1)
        scale = 2.2  # frame units per bit
        rows = VGroup()
        for name, p, surprise, color in (("晴天", DRY, SURPRISE_DRY, P_COLOR), ("下雨", RAIN, SURPRISE_RAIN, MUTED)):
            label = zh(f"{name}（预报给 {p:.0%}）", size=BODY_SIZE, color=color)
            bar = Rectangle(width=max(surprise * scale, 0.02), height=0.6, stroke_width=0,
                            fill_color=color, fill_opacity=0.85)
            value = zh(f"意外 {bits(surprise)}", size=LEAD_SIZE, color=color)
            rows.add(VGroup(label, bar, value))
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=GAP)
            row[2].next_to(row[1], RIGHT, buff=0.2)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)
        for row in rows[1:]:  # bars start at the same x
            row[1].align_to(rows[0][1], LEFT)
            row[2].next_to(row[1], RIGHT, buff=0.2)
        rows.next_to(self.cards, DOWN, buff=SECTION_GAP)
        note = zh("意外程度 = −log₂(预报给它的概率)", size=BODY_SIZE, color=MUTED).next_to(rows, DOWN, buff=GAP)

        with self.narrate(
            "要给“不准”打分，可以看结果有多出乎预报的意料。"
            f"按这份预报，晴天只有{DRY:.0%}的可能，它真的出现，意外是 {bits(SURPRISE_DRY)}；"
            f"要是下了雨，意外只有 {bits(SURPRISE_RAIN)}。"
            "一比特，就是一次公平抛硬币带来的信息。",
            en="To score how wrong it was, we can ask how much the outcome surprised the forecast. By this forecast, "
               f"a sunny day was only {DRY:.0%} likely; when one actually comes, the surprise is {en_bits(SURPRISE_DRY)}. "
               f"Had it rained, the surprise would be only {en_bits(SURPRISE_RAIN)}. One bit is the information in "
               "one fair coin flip.",
        ) as beat:
            beat.wait_until("按这份预报")
            self.play(FadeIn(rows[0][0]), Create(rows[0][1]), FadeIn(rows[0][2]), run_time=1.5)
            self.play(FadeIn(note), run_time=0.8)
            beat.wait_until("要是下了雨")
            self.play(FadeIn(rows[1][0]), Create(rows[1][1]), FadeIn(rows[1][2]), run_time=1.5)
        self.play(FadeOut(VGroup(self.cards, rows, note)), run_time=0.8)

    # --- 3 ----------------------------------------------------------------------------
    def reveal_title(self):
        title = zh("交叉熵", size=HERO_SIZE)
        english = zh("Cross-Entropy", size=BODY_SIZE, color=MUTED).next_to(title, DOWN, buff=0.2)
        true_chart = ProbabilityChart(["", "", ""], max_value=0.7, height=1.5, slot_width=0.55)
        true_chart.add_series([0.6, 0.3, 0.1], P_COLOR, show_values=False)
        model_chart = ProbabilityChart(["", "", ""], max_value=0.7, height=1.5, slot_width=0.55)
        model_chart.add_series([0.2, 0.5, 0.3], Q_COLOR, show_values=False)
        ruler = self._ruler(5.0)
        true_label = zh("真实分布 P", size=BODY_SIZE, color=P_COLOR)
        model_label = zh("预测分布 Q", size=BODY_SIZE, color=Q_COLOR)
        left = VGroup(true_chart, true_label).arrange(DOWN, buff=0.2)
        right = VGroup(model_chart, model_label).arrange(DOWN, buff=0.2)
        measure = VGroup(left, ruler, right).arrange(RIGHT, buff=SECTION_GAP).next_to(english, DOWN, buff=GAP)
        ruler.align_to(true_chart.baseline, DOWN)     # the ruler lies on the charts' baseline
        use = zh("训练分类模型时最常用的损失", size=LEAD_SIZE, color=ACCENT).next_to(measure, DOWN, buff=ROW_GAP)
        VGroup(title, english, measure, use).to_edge(UP, buff=EDGE)

        with self.narrate(
            "按各种天气真实出现的频率，把这种意外取平均，就得到了今天的主角：交叉熵。"
            "预测越贴近真实，它就越小，最低降到真实分布自己的熵；训练分类模型时，最常用的损失就是它。",
            en="Average this surprise over how often each kind of weather really occurs, and you get today's star: "
               "cross-entropy. The closer the prediction to the truth, the smaller it is, down to the true distribution's "
               "own entropy. It's the go-to loss for training classifiers.",
        ) as beat:
            self.sound_effect("reveal")
            self.play(Write(title), run_time=1.5)
            self.play(FadeIn(english), run_time=0.6)
            beat.wait_until("预测越贴近真实")
            self.play(FadeIn(left), FadeIn(right), run_time=1)
            self.play(Create(ruler), run_time=1.2)
            beat.wait_until("训练分类模型时")
            self.play(FadeIn(use, shift=UP * 0.2), run_time=1)
        self.play(FadeOut(VGroup(title, english, measure, use)), run_time=0.8)

    @staticmethod
    def _ruler(length: float):
        body = Rectangle(width=length, height=0.45, fill_color=ACCENT, fill_opacity=0.25, stroke_color=ACCENT)
        ticks = VGroup(*[
            Line(UP * 0, DOWN * (0.22 if i % 5 == 0 else 0.12), color=ACCENT, stroke_width=2)
            .move_to(body.get_corner(UP + LEFT) + RIGHT * length * i / 20, aligned_edge=UP)
            for i in range(1, 20)
        ])
        return VGroup(body, ticks)

    # --- 4 ----------------------------------------------------------------------------
    def show_where_it_is_used(self):
        panels = VGroup(
            self._panel("图像分类", get_cat(), CLASSIFIER),
            self._panel("语言模型：下一个字", self._sentence(), LANGUAGE_MODEL),
            self._panel("生成对抗网络（GAN）", self._gan(), DISCRIMINATOR, note="目标：让判别器答“真”"),
        )
        tallest = max(panel[0].height for panel in panels)
        for panel in panels:   # one height for the three frames, contents lined up at the top
            panel[0].stretch_to_fit_height(tallest, about_edge=UP)
        panels.arrange(RIGHT, buff=0.3, aligned_edge=UP)
        legend = VGroup(legend_entry(Q_COLOR, "模型的预测 Q"), get_truth_swatch("目标答案 P"),
                        zh("损失 = 交叉熵", size=LABEL_SIZE, color=ACCENT)).arrange(RIGHT, buff=SECTION_GAP)
        # the key sits above the panels, clear of the subtitle band below them
        VGroup(legend, panels).arrange(DOWN, buff=GAP).to_edge(UP, buff=EDGE)

        with self.narrate(
            "认出照片里的猫，预测一句话的下一个字，"
            "让生成对抗网络画出以假乱真的图，训练时要压低的，都是交叉熵。",
            en="Spotting the cat in a photo, predicting a sentence's next word, getting a GAN to paint convincing fakes: "
               "what training pushes down is always cross-entropy.",
        ) as beat:
            for panel, words in zip(panels, ("认出照片里的猫", "预测一句话", "让生成对抗网络")):
                beat.wait_until(words)
                self.play(FadeIn(panel, shift=UP * 0.2), run_time=1)
            beat.wait_until("训练时要压低的")
            self.play(FadeIn(legend), run_time=0.8)
        self.panels = VGroup(panels, legend)

    def _panel(self, title: str, picture, example, width: float = 4.0, note: str | None = None):
        heading = zh(title, size=STRONG_LABEL_SIZE)
        chart = get_prediction_chart(example)
        if note:   # what the boxed answer means in this panel, when it is not simply "the truth"
            chart = VGroup(chart, zh(note, size=LABEL_SIZE, color=P_COLOR)).arrange(DOWN, buff=0.15)
        loss = zh(f"交叉熵损失 {bits(loss_of(example))}", size=STRONG_LABEL_SIZE, color=ACCENT)
        body = VGroup(heading, picture, chart, loss).arrange(DOWN, buff=0.3)
        frame = RoundedRectangle(corner_radius=0.2, width=width, height=body.height + 0.6, stroke_color=FAINT)
        return VGroup(frame, body.move_to(frame))

    @staticmethod
    def _sentence():
        words = VGroup(zh("今天天气真", size=LEAD_SIZE), zh("＿", size=LEAD_SIZE, color=Q_COLOR)).arrange(RIGHT, buff=0.05)
        frame = Rectangle(width=3.7, height=1.4, color=FAINT, stroke_width=2)
        return VGroup(frame, words.move_to(frame))

    @staticmethod
    def _gan():
        gen = zh("生成器", size=LABEL_SIZE)
        disc = zh("判别器", size=LABEL_SIZE)
        image = get_noise_image(0.7)
        row = VGroup(gen, image, disc).arrange(RIGHT, buff=0.45)
        arrows = VGroup(Arrow(gen.get_right(), image.get_left(), buff=0.05, stroke_width=3, color=MUTED),
                        Arrow(image.get_right(), disc.get_left(), buff=0.05, stroke_width=3, color=MUTED))
        frame = Rectangle(width=3.7, height=1.4, color=FAINT, stroke_width=2)
        return VGroup(frame, VGroup(row, arrows).move_to(frame))

    # --- 5 ----------------------------------------------------------------------------
    def hand_over_to_dice(self):
        with self.narrate("要弄懂它，我们先从掷骰子说起。",
                          en="To understand it, let's start with rolling dice."):
            self.play(FadeOut(self.panels), run_time=1)
