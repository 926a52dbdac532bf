"""Section 1 — 引入：为什么需要交叉熵？

A forecast says 80 % rain, the next day is sunny: was the forecast wrong, and by how much? One
day gets a score (its surprise, in bits), then a record of many days answers the question: a
forecaster who always says 80 % is surprised 1.72 bits a day on average, one who says the
record's own share of rain only 0.88. That average, taken over what really happened, is the
cross-entropy; its floor is the entropy. Then three places where it is the loss being trained.

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
    DashedLine,
    Dot,
    DrawBorderThenFill,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    GrowFromEdge,
    Indicate,
    Line,
    Polygon,
    Rectangle,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    SurroundingRectangle,
    Transform,
    VGroup,
    Wiggle,
    Write,
    config,
)

import infotheory as it
from scenes.kit.examples import current
from scenes.kit.figures import figure_axes, figure_text
from scenes.kit.mobjects import ProbabilityChart, legend_entry
from scenes.kit.record import Forecaster, SurpriseRecord
from scenes.kit.section import SectionScene
from scenes.kit.style import (
    ACCENT,
    BODY_SIZE,
    DISPLAY_SIZE,
    EDGE,
    ENTROPY_COLOR,
    FAINT,
    GAP,
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
from scenes.kit.text import bits, en_bits, fmt_num, shown_equation, zh_count
from scenes.kit.weather import DRY, RAIN, day_icon, get_cloud, get_rain, get_sun

# --- the examples -------------------------------------------------------------------------
EXAMPLES = current()  # assets/examples.toml: [forecast], [record], [applications]
RAIN_CHANCE = EXAMPLES.forecast.rain
FORECAST = np.array([RAIN_CHANCE, round(1 - RAIN_CHANCE, 2)])  # Q: the forecast for (rain, dry)
DRY_CHANCE = FORECAST[DRY]
SURPRISE_DRY = float(it.self_information(DRY_CHANCE))
SURPRISE_RAIN = float(it.self_information(RAIN_CHANCE))

DAYS = np.array(EXAMPLES.record.days)  # the weather of many days
SHARE = it.empirical_distribution(DAYS, 2)  # how often it rained, was dry
RAINY_DAYS = int(np.sum(DAYS == RAIN))
CALIBRATED = np.round(SHARE, 2)  # the forecaster who says the record's share
AVG_FORECAST = it.average_surprise(DAYS, FORECAST)  # its cross-entropy against the record
AVG_CALIBRATED = it.average_surprise(DAYS, CALIBRATED)  # the record's entropy: the floor
# the average as a weighted sum, true as displayed: share of rain x
# its surprise + share of dry x its surprise
(_, S_RAIN, _, S_DRY), AVG_RELATION, AVG_SHOWN = shown_equation(
    [SHARE[RAIN], SURPRISE_RAIN, SHARE[DRY], SURPRISE_DRY],
    lambda xs: xs[0] * xs[1] + xs[2] * xs[3],
    AVG_FORECAST,
)

# labels, Q, true index
CLASSIFIER = (
    ("猫", "狗", "鸟"),
    np.array(EXAMPLES.applications.classifier),
    0,
)
LANGUAGE_MODEL = (("好", "热", "冷"), np.array(EXAMPLES.applications.next_character), 0)
# a generated picture: 假
DISCRIMINATOR = (
    ("真", "假"),
    np.array(EXAMPLES.applications.discriminator),
    1,
)
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


def get_card(header: str, icon, line, accent, width: float = 5.6):
    body = VGroup(zh(header, size=BODY_SIZE, color=MUTED), icon, line).arrange(DOWN, buff=GAP)
    frame = RoundedRectangle(
        corner_radius=0.3,
        width=width,
        height=body.height + 2 * GAP + 0.1,
        stroke_color=accent,
        stroke_width=4,
    )
    return VGroup(frame, body.move_to(frame))


def get_cat():
    head = Circle(0.5, color=TEXT_COLOR, stroke_width=3)
    ears = VGroup(
        *[
            Polygon(
                [-0.42, 0.2, 0],
                [-0.15, 0.45, 0],
                [-0.45, 0.62, 0],
                color=TEXT_COLOR,
                stroke_width=3,
            ).shift(head.get_center())
            for _ in range(2)
        ]
    )
    ears[1].flip(UP, about_point=head.get_center())
    eyes = VGroup(
        *[
            Circle(0.06, fill_opacity=1, color=TEXT_COLOR).move_to(head.get_center() + [x, 0.1, 0])
            for x in (-0.18, 0.18)
        ]
    )
    whiskers = VGroup(
        *[
            Line([0.12 * s, -0.1, 0], [0.55 * s, -0.05 + dy, 0], stroke_width=2, color=MUTED)
            for s in (-1, 1)
            for dy in (-0.08, 0.06)
        ]
    )
    picture = VGroup(ears, head, eyes, whiskers)
    frame = Square(1.5, color=FAINT, stroke_width=2).move_to(picture)
    return VGroup(frame, picture)


def get_noise_image(size: float = 1.0, n: int = 6):
    rng = np.random.default_rng(NOISE_SEED)
    cells = VGroup(
        *[
            Square(size / n, stroke_width=0, fill_color=TEXT_COLOR, fill_opacity=float(v))
            for v in rng.uniform(0.1, 0.9, n * n)
        ]
    )
    return cells.arrange_in_grid(n, n, buff=0)


def get_prediction_chart(example, height: float = 1.1):
    labels, q, true = example
    chart = ProbabilityChart(
        labels, max_value=1.0, height=height, slot_width=0.95, category_size=BODY_SIZE
    )
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
        self.score_one_day()
        self.keep_a_record()
        self.a_forecast_that_matches()
        self.name_the_average()
        self.show_where_it_is_used()
        self.hand_over_to_surprise()

    # --- 1 ----------------------------------------------------------------------------
    def forecast_then_sunshine(self):
        cloud = get_cloud(width=2.6)
        forecast_icon = VGroup(cloud, get_rain(cloud))
        chance = VGroup(
            zh("降雨概率", size=LEAD_SIZE),
            figure_text(f"{RAIN_CHANCE:.0%}", size=TITLE_SIZE, color=Q_COLOR),
        ).arrange(RIGHT, buff=0.25)
        sun = get_sun(radius=0.65)
        forecast_icon.set(height=sun.height)  # the two pictures the same size
        forecast = get_card("明天的天气预报", forecast_icon, chance, Q_COLOR)
        actual = get_card(
            "第二天，实际天气", sun, zh("晴，一滴雨也没下", size=LEAD_SIZE, color=P_COLOR), P_COLOR
        )
        height = max(forecast[0].height, actual[0].height)  # the two cards the same size
        for card in (forecast, actual):
            card[0].stretch_to_fit_height(height)
        cards = VGroup(forecast, actual).arrange(RIGHT, buff=WIDE_GAP)
        question = zh("准吗？", size=DISPLAY_SIZE, color=ACCENT).next_to(cards, UP, buff=GAP)
        VGroup(question, cards).move_to(0)
        self.cards, self.question = cards, question

        with self.narrate(
            f"天气预报说：明天降雨概率{RAIN_CHANCE:.0%}。",
            en=f"The forecast says tomorrow's chance of rain is {RAIN_CHANCE:.0%}.",
            hold=0.6,
        ):
            self.play(
                DrawBorderThenFill(forecast[0]), FadeIn(forecast[1], shift=UP * 0.2), run_time=1.5
            )
        with self.narrate(
            "第二天却阳光灿烂，一滴雨也没下。这个预报，准不准？",
            en="The next day is bright and sunny, not a drop of rain. So was the forecast right?",
            hold=1.2,
        ) as beat:
            self.play(FadeIn(actual, shift=LEFT * 0.3), run_time=1.2)
            beat.wait_until("这个预报")
            self.sound_effect("question")
            self.play(GrowFromCenter(question), run_time=0.6)
            self.play(Wiggle(question), run_time=1.0)

    # --- 2 ----------------------------------------------------------------------------
    def score_one_day(self):
        """The surprise of each outcome under the forecast, as bars: the sunny day scores high."""
        scale = 1.6  # frame units per bit
        rows = VGroup()
        for name, p, surprise, color in (
            ("晴天", DRY_CHANCE, SURPRISE_DRY, TEXT_COLOR),
            ("下雨", RAIN_CHANCE, SURPRISE_RAIN, MUTED),
        ):
            label = zh(f"{name}：预报给 {p:.0%}", size=BODY_SIZE, color=color)
            bar = Rectangle(
                width=max(surprise * scale, 0.02),
                height=0.55,
                stroke_width=0,
                fill_color=Q_COLOR,
                fill_opacity=0.85,
            )
            value = zh(f"意外 {bits(surprise)}", size=LEAD_SIZE, color=Q_COLOR)
            rows.add(VGroup(label, bar, value))
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=GAP)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=ROW_GAP)
        for row in rows:  # the bars start at one x, the values follow them
            row[1].align_to(rows[0][1], LEFT)
            row[2].next_to(row[1], RIGHT, buff=0.2)
        rule = zh(
            "越不被看好的结果出现，越意外（单位：比特，下一节讲）", size=BODY_SIZE, color=MUTED
        )
        self.play(
            FadeOut(self.question),
            self.cards.animate.scale(0.62).to_edge(UP, buff=EDGE),
            run_time=1,
        )
        VGroup(rows, rule).arrange(DOWN, buff=SECTION_GAP).next_to(
            self.cards, DOWN, buff=SECTION_GAP
        )

        with self.narrate(
            f"先给意外打个分：预报说晴天只有{DRY_CHANCE:.0%}，结果真是晴天，意外 "
            f"{bits(SURPRISE_DRY)}；要是下雨，只有 {bits(SURPRISE_RAIN)}。",
            en=f"First, score the surprise: the forecast gave a sunny day just {DRY_CHANCE:.0%}, "
            f"and it came: a surprise of {en_bits(SURPRISE_DRY)}. Rain would have been only "
            f"{en_bits(SURPRISE_RAIN)}.",
            hold=1.5,
        ) as beat:
            beat.wait_until("预报说晴天")
            self.play(
                FadeIn(rows[0][0]), GrowFromEdge(rows[0][1], LEFT), FadeIn(rows[0][2]), run_time=1.5
            )
            beat.wait_until("要是下雨")
            self.play(
                FadeIn(rows[1][0]), GrowFromEdge(rows[1][1], LEFT), FadeIn(rows[1][2]), run_time=1.2
            )
            self.play(FadeIn(rule, shift=UP * 0.1), run_time=0.8)
        self.one_day = VGroup(rows, rule)

    # --- 3 ----------------------------------------------------------------------------
    def keep_a_record(self):
        """Many days under the same forecast: the surprises, and their running average."""
        record = SurpriseRecord(
            DAYS,
            [
                Forecaster(f"预报甲\n天天报雨 {RAIN_CHANCE:.0%}", FORECAST, Q_COLOR),
                Forecaster(f"预报乙\n天天报雨 {CALIBRATED[RAIN]:.0%}", CALIBRATED, P_COLOR),
            ],
            icon=day_icon,
            heading="实际天气",
            column=0.7,
            unit=0.56,
        )
        record.move_to(0).to_edge(UP, buff=EDGE)
        record.hide_all()
        second = record.rows[1]
        for part in (second.label, second.baseline, second.mean_line, second.readout):
            part.set_opacity(0)
        self.record = record
        sunny_bar, first_bar = self.one_day[0][0][1], record.rows[0].bars[0]

        with self.narrate(
            f"一天说明不了什么。把预报记上{zh_count(len(DAYS))}天，每天的意外一根柱子，虚线是平均。"
            f"它天天报{RAIN_CHANCE:.0%}下雨，实际只下了{zh_count(RAINY_DAYS)}天。",
            en=f"One day proves little. Keep score for {len(DAYS)} days, each day's surprise a "
            f"bar, the dashed line the average: it says {RAIN_CHANCE:.0%} rain every day; it "
            f"rains on {RAINY_DAYS}.",
            hold=1.4,
        ) as beat:
            # the sunny day's bar becomes the record's first day
            self.play(
                FadeOut(self.cards),
                FadeOut(self.one_day[1]),
                FadeOut(VGroup(self.one_day[0][1], self.one_day[0][0][0], self.one_day[0][0][2])),
                FadeIn(
                    VGroup(
                        record.heading,
                        record.rows[0].label,
                        record.rows[0].baseline,
                        record.rows[0].mean_line,
                        record.rows[0].readout,
                    )
                ),
                ReplacementTransform(sunny_bar, first_bar.copy().set_opacity(0.85)),
                run_time=1.2,
            )
            self.remove(*self.mobjects)  # the moved bar's copy gives way to the record's own
            first_bar.set_opacity(0.85)
            self.add(record)
            self.play(record.show_days([0], rows=[0]), run_time=0.8)
            for day in range(1, len(DAYS)):
                self.play(
                    record.show_days([day], rows=[0]),
                    run_time=beat.until_end(minimum=0.3) / (len(DAYS) - day),
                )

    def a_forecast_that_matches(self):
        record, second = self.record, self.record.rows[1]
        with self.narrate(
            f"另一位天天报{CALIBRATED[RAIN]:.0%}下雨：正是这些天下雨的比例。",
            en=f"Another forecaster says {CALIBRATED[RAIN]:.0%} rain every day: just how often it "
            "really rained.",
            hold=0.8,
        ) as beat:
            self.play(
                *[
                    part.animate.set_opacity(1)
                    for part in (second.label, second.baseline, second.mean_line, second.readout)
                ],
                run_time=0.8,
            )
            for day in range(len(DAYS)):  # day by day, the average following the bars shown
                self.play(
                    record.show_days([day], rows=[1]),
                    run_time=beat.until_end(minimum=0.25) / (len(DAYS) - day),
                )
        with self.narrate(
            f"平均下来，第一位每天意外 {bits(AVG_FORECAST)}，第二位只有 {bits(AVG_CALIBRATED)}。",
            en=f"On average the first is surprised {en_bits(AVG_FORECAST)} a day, the second only "
            f"{en_bits(AVG_CALIBRATED)}.",
            hold=1.5,
        ) as beat:
            self.play(Indicate(record.rows[0].readout, color=Q_COLOR), run_time=1)
            beat.wait_until("第二位")
            self.play(Indicate(second.readout, color=P_COLOR), run_time=1)

    # --- 4 ----------------------------------------------------------------------------
    def name_the_average(self):
        record = self.record
        first = record.rows[0]
        rain_days = VGroup(*[first.bars[k] for k in np.flatnonzero(DAYS == RAIN)])
        dry_days = VGroup(*[first.bars[k] for k in np.flatnonzero(DAYS == DRY)])
        terms = [
            figure_text(f"{SHARE[RAIN]:.0%}", size=LEAD_SIZE, color=P_COLOR),
            zh("×", size=LEAD_SIZE),
            figure_text(S_RAIN, size=LEAD_SIZE, color=Q_COLOR),
            zh("+", size=LEAD_SIZE),
            figure_text(f"{SHARE[DRY]:.0%}", size=LEAD_SIZE, color=P_COLOR),
            zh("×", size=LEAD_SIZE),
            figure_text(S_DRY, size=LEAD_SIZE, color=Q_COLOR),
            zh(AVG_RELATION, size=LEAD_SIZE),
            figure_text(AVG_SHOWN, size=LEAD_SIZE, color=Q_COLOR),
        ]
        weighted = VGroup(*terms).arrange(RIGHT, buff=0.15)
        keys = (
            VGroup(
                zh("蓝：真实的频率 P", size=LABEL_SIZE, color=P_COLOR),
                zh("橙：预报带来的意外（按 Q）", size=LABEL_SIZE, color=Q_COLOR),
            )
            .arrange(RIGHT, buff=SECTION_GAP)
            .next_to(weighted, DOWN, buff=0.2)
        )
        average = VGroup(weighted, keys)
        name = zh("交叉熵", size=TITLE_SIZE, color=Q_COLOR)
        VGroup(average, name).arrange(RIGHT, buff=WIDE_GAP).next_to(record, DOWN, buff=GAP)

        with self.narrate(
            f"频率来自真实天气，意外来自预报：下雨的日子占{SHARE[RAIN]:.0%}，各 {S_RAIN}；"
            f"晴天占{SHARE[DRY]:.0%}，各 {S_DRY}；这样的平均，就是交叉熵。",
            en="The frequencies come from the real weather, the surprises from the forecast: "
            f"{SHARE[RAIN]:.0%} of the days at {S_RAIN} bits, {SHARE[DRY]:.0%} at {S_DRY}; the "
            "average is the cross-entropy.",
            hold=1.2,
        ) as beat:
            beat.wait_until("下雨的日子")
            self.play(
                Indicate(rain_days, color=ACCENT), FadeIn(VGroup(*terms[:3]), keys), run_time=1.2
            )
            beat.wait_until("晴天占")
            self.play(Indicate(dry_days, color=ACCENT), FadeIn(VGroup(*terms[3:7])), run_time=1.2)
            self.play(FadeIn(VGroup(*terms[7:])), run_time=0.6)
            beat.wait_until("这样的平均")
            self.sound_effect("reveal")
            self.play(Write(name), run_time=1.2)
        self.all_forecasts(average, name)

    def all_forecasts(self, average, name):
        """Every forecast's average surprise on this record.

        The curve is a bowl whose bottom is the record's own share.
        """
        record = self.record
        axes = figure_axes([0, 1, 0.1], [0, 3, 1], x_length=8.4, y_length=3.5)
        x_label = zh("预报的降雨概率", size=LABEL_SIZE, color=MUTED).next_to(
            axes.x_axis, RIGHT, buff=0.2
        )
        y_label = zh("平均意外（比特）", size=LABEL_SIZE, color=MUTED).next_to(
            axes.y_axis, UP, buff=0.2
        )
        curve = axes.plot(
            lambda q: it.average_surprise(DAYS, [q, 1 - q]),
            x_range=[0.04, 0.96, 0.01],
            color=Q_COLOR,
        )
        first = Dot(axes.c2p(RAIN_CHANCE, AVG_FORECAST), color=Q_COLOR, radius=0.1)
        lowest = Dot(axes.c2p(CALIBRATED[RAIN], AVG_CALIBRATED), color=ENTROPY_COLOR, radius=0.12)
        plot = VGroup(axes, x_label, y_label, curve, first, lowest)
        VGroup(name.copy(), plot).arrange(DOWN, buff=GAP).to_edge(UP, buff=EDGE)
        # above left of its point, where the curve (rising to the right) is not
        a_label = record.rows[0].readout.copy().clear_updaters().next_to(first, UP + LEFT, buff=0.1)
        # below right of its point: the dashed line to the true frequency runs straight down
        b_label = (
            record.rows[1].readout.copy().clear_updaters().next_to(lowest, DOWN + RIGHT, buff=0.15)
        )
        # where the lowest point is: the record's own frequency of rain, P's colour
        truth = VGroup(
            DashedLine(axes.c2p(CALIBRATED[RAIN], 0), lowest.get_center(), color=P_COLOR),
            zh("真实频率", size=LABEL_SIZE, color=P_COLOR).next_to(
                axes.c2p(CALIBRATED[RAIN], 0), DOWN, buff=0.55
            ),
        )
        with self.narrate(
            "换别的预报，平均意外都更大；最低点就在真实频率上：交叉熵等于天气自己的熵。",
            en="Any other forecast scores a larger average surprise; the lowest point sits at the "
            "real frequency, where the cross-entropy equals the weather's own entropy.",
            hold=1.5,
        ) as beat:
            record.static()
            self.play(
                FadeOut(
                    VGroup(
                        average,
                        record.icons,
                        record.heading,
                        *[
                            VGroup(r.bars, r.values, r.baseline, r.label, r.mean_line)
                            for r in record.rows
                        ],
                    )
                ),
                name.animate.move_to(
                    VGroup(name.copy(), plot).arrange(DOWN, buff=GAP).to_edge(UP, buff=EDGE)[0]
                ),
                Create(axes),
                FadeIn(x_label),
                FadeIn(y_label),
                ReplacementTransform(record.rows[0].readout, a_label),
                run_time=1.2,
            )
            self.play(Create(curve), FadeIn(first), run_time=1.5)
            beat.wait_until("最低点")
            self.play(
                FadeIn(lowest, scale=2),
                ReplacementTransform(record.rows[1].readout, b_label),
                Create(truth[0]),
                FadeIn(truth[1]),
                run_time=1.2,
            )
            beat.wait_until("交叉熵等于")
            self.play(
                Transform(
                    b_label[0], zh("熵", size=LABEL_SIZE, color=ENTROPY_COLOR).move_to(b_label[0])
                ),
                b_label[1].animate.set_color(ENTROPY_COLOR),
                b_label[2].animate.set_color(ENTROPY_COLOR),
                run_time=1,
            )
        self.title = VGroup(name, plot, a_label, b_label, truth)

    # --- 5 ----------------------------------------------------------------------------
    def show_where_it_is_used(self):
        panels = VGroup(
            self._panel("图像分类", get_cat(), CLASSIFIER),
            self._panel("语言模型：下一个字", self._sentence(), LANGUAGE_MODEL),
            self._panel("GAN 的判别器", self._gan(), DISCRIMINATOR, note="这张是生成的"),
        )
        tallest = max(panel[0].height for panel in panels)
        for panel in panels:  # one height for the three frames, contents lined up at the top
            panel[0].stretch_to_fit_height(tallest, about_edge=UP)
        panels.arrange(RIGHT, buff=0.3, aligned_edge=UP)
        legend = VGroup(
            legend_entry(Q_COLOR, "模型的预测 Q"),
            get_truth_swatch("正确答案 P"),
            zh("损失 = 交叉熵", size=LABEL_SIZE, color=Q_COLOR),
        ).arrange(RIGHT, buff=SECTION_GAP)
        uses = VGroup(legend, panels).arrange(DOWN, buff=GAP)
        uses.scale_to_fit_width(config.frame_width - 2 * EDGE - 0.8).to_edge(UP, buff=EDGE)
        self.record.static()

        with self.narrate(
            "分类和语言模型最常用的损失就是它：认猫，猜下一个字，对抗网络的判别器辨真假。",
            en="It is the most common loss for classifiers and language models: spotting a cat, "
            "guessing the next word, a GAN's discriminator telling real from fake.",
            hold=1.0,
        ) as beat:
            # the three panels come in veiled, and each is unveiled when it is named
            veils = VGroup(
                *[
                    Rectangle(
                        width=panel.width + 0.1,
                        height=panel.height + 0.1,
                        stroke_width=0,
                        fill_color=config.background_color,
                        fill_opacity=0.75,
                    ).move_to(panel)
                    for panel in panels
                ]
            )
            self.play(
                FadeOut(self.title),
                FadeIn(legend),
                FadeIn(panels, shift=UP * 0.2),
                FadeIn(veils),
                run_time=1,
            )
            for veil, words in zip(veils, ("认猫", "猜下一个字", "对抗网络")):
                beat.wait_until(words)
                self.play(FadeOut(veil), run_time=0.7)
        self.panels = VGroup(panels, legend)

    def _panel(self, title: str, picture, example, width: float = 4.0, note: str | None = None):
        heading = zh(title, size=STRONG_LABEL_SIZE)
        chart = get_prediction_chart(example)
        if note:  # what the boxed answer means in this panel, when it needs saying
            picture = VGroup(picture, zh(note, size=LABEL_SIZE, color=P_COLOR)).arrange(
                DOWN, buff=0.15
            )
        loss = zh(f"交叉熵损失 {bits(loss_of(example))}", size=STRONG_LABEL_SIZE, color=Q_COLOR)
        body = VGroup(heading, picture, chart, loss).arrange(DOWN, buff=0.25)
        frame = RoundedRectangle(
            corner_radius=0.2, width=width, height=body.height + 0.5, stroke_color=FAINT
        )
        return VGroup(frame, body.move_to(frame))

    @staticmethod
    def _sentence():
        words = VGroup(
            zh("今天天气真", size=LEAD_SIZE), zh("＿", size=LEAD_SIZE, color=Q_COLOR)
        ).arrange(RIGHT, buff=0.05)
        frame = Rectangle(width=3.7, height=1.3, color=FAINT, stroke_width=2)
        return VGroup(frame, words.move_to(frame))

    @staticmethod
    def _gan():
        gen = zh("生成器", size=LABEL_SIZE)
        disc = zh("判别器", size=LABEL_SIZE)
        image = get_noise_image(0.7)
        row = VGroup(gen, image, disc).arrange(RIGHT, buff=0.45)
        arrows = VGroup(
            Arrow(gen.get_right(), image.get_left(), buff=0.05, stroke_width=3, color=MUTED),
            Arrow(image.get_right(), disc.get_left(), buff=0.05, stroke_width=3, color=MUTED),
        )
        frame = Rectangle(width=3.7, height=1.3, color=FAINT, stroke_width=2)
        return VGroup(frame, VGroup(row, arrows).move_to(frame))

    # --- 6 ----------------------------------------------------------------------------
    def hand_over_to_surprise(self):
        ask = VGroup(
            figure_text(fmt_num(SURPRISE_DRY), size=DISPLAY_SIZE, color=Q_COLOR),
            zh("比特 = ？", size=DISPLAY_SIZE),
        ).arrange(RIGHT, buff=0.3)
        with self.narrate(
            f"可 {bits(SURPRISE_DRY)}是怎么算的？先从“意外”说起。",
            en=f"But where does {en_bits(SURPRISE_DRY)} come from? Let's start with surprise.",
            hold=1.4,
        ):
            self.play(FadeOut(self.panels), FadeIn(ask, scale=0.8), run_time=1.2)
        self.play(FadeOut(ask), run_time=0.6)
