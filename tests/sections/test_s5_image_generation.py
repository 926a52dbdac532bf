"""Section 5's figures: trained faces, independent pixels, pixel by pixel, squared error.

Every figure is checked in its sentence (a regex on the beat's text) against a recomputation
done here by hand: gradient descent written out, entropies from counts, gradients by finite
differences, the autoregressive model's probabilities multiplied out pixel by pixel.
"""

import math
import re
from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
from manim import ValueTracker

from infotheory.faces import eye_slots, glancing_faces
from scenes import s5_image_generation as s5
from scenes.kit.narration_checks import figures

from ..helpers import render_section_tiny


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def hand_training():
    """The data's per-pixel distributions and every step of gradient descent, written out here."""
    images = glancing_faces(s5.N_IMAGES, size=s5.SIZE, levels=s5.LEVELS, seed=0).images
    p = np.stack([(images == k).mean(axis=0) for k in range(s5.LEVELS)], axis=-1)
    z = np.random.default_rng(1).normal(0.0, 1.5, p.shape)
    probs = [softmax(z)]
    for _ in range(s5.STEPS):
        z = z - s5.LEARNING_RATE * (probs[-1] - p)
        probs.append(softmax(z))
    return images, p, np.array(probs)


def bits_per_image(p, q):
    return float(-np.sum(p * np.log2(q)))


def entropy_per_image(p):
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.nansum(np.where(p > 0, p * np.log2(p), 0.0)))


def image_entropy_by_counting(images):
    """H(P) of the pictures: -sum p log2 p over the share of each distinct picture."""
    counts = Counter(img.tobytes() for img in images)
    n = sum(counts.values())
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def eyes(images):
    slots = eye_slots(images.shape[1])
    return np.array([[bool(np.any(img[s] == 0)) for s in slots] for img in images])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s5", tmp_path_factory.mktemp("s5"))


def beat(log, beat_id):
    return next(b for b in log["beats"] if b["id"] == beat_id)


@pytest.mark.render
def test_the_training_result_is_said_in_its_sentence(rendered):
    _, log, _ = rendered
    images, p, probs = hand_training()
    b = beat(log, "train_by_cross_entropy.2")
    end, pixel_floor, truth = re.search(
        r"损失降到 (\d+\.\d\d) 比特，逼近像素独立的下限 (\d+\.\d\d) 比特；"
        r"真正的下限 H\(P\) 只有 (\d+\.\d\d) 比特",
        b["text"],
    ).groups()
    assert float(end) == pytest.approx(bits_per_image(p, probs[-1]), abs=0.005)
    assert float(pixel_floor) == pytest.approx(entropy_per_image(p), abs=0.005)
    # eight eye pixels, each black in exactly half the faces: a coin each, 8 bits a picture
    assert float(pixel_floor) == pytest.approx(8.0)
    # the true floor: the entropy of the pictures themselves,
    # counted; two looks, equally common: 1 bit
    assert float(truth) == pytest.approx(image_entropy_by_counting(images), abs=0.005)
    assert float(truth) == pytest.approx(1.0)
    assert float(truth) < float(pixel_floor) <= float(end)
    assert "第四节的 KL 散度" in b["text"]
    assert [end, pixel_floor, truth] == [f for f in figures(b["en"]) if "." in f]


@pytest.mark.render
def test_the_training_run_has_time_to_be_watched(rendered):
    _, log, _ = rendered
    start, result = beat(log, "train_by_cross_entropy.1"), beat(log, "train_by_cross_entropy.2")
    run = start["duration"] - 0.8 + result["anchors"]["逼近"]  # the plot fades in for 0.8 s first
    assert run >= 8.0, run
    assert result["duration"] - result["speech"] >= 1.2  # then the result stays in silence


def test_the_snapshots_come_from_the_training_run():
    """The filmstrip's columns: the run's samples at its untrained, early, middle and last step."""
    _, _, probs = hand_training()
    assert s5.SNAPSHOTS[0] == 0
    assert s5.SNAPSHOTS[-1] == s5.STEPS
    assert list(s5.SNAPSHOTS) == sorted(s5.SNAPSHOTS)
    scene = SimpleNamespace(stage={"film": ValueTracker(1.0)})
    shown = s5.LearningImagesByCrossEntropy._film_samples(scene)
    for k in range(s5.SHOWN):
        step = s5.SNAPSHOTS[k % s5.FILM]
        cdf = np.cumsum(probs[step], axis=-1)
        expected = np.sum(
            s5.UNIFORMS[k][..., None] >= cdf[..., :-1], axis=-1
        )  # inverse-CDF sampling by hand
        np.testing.assert_array_equal(shown[k], expected)
    # untrained noise, trained faces: the samples' pixels agree with
    # the data's majority far more at the end
    images, p, _ = hand_training()
    mode = np.argmax(p, axis=-1)
    agree = [np.mean(shown[k] == mode) for k in range(s5.FILM)]
    assert agree[0] < 0.7 < 0.95 < agree[-1]


def test_the_trained_faces_have_too_many_eyes_and_the_data_never():
    images, _, probs = hand_training()
    assert np.all(eyes(images).sum(axis=1) == 2)
    cdf = np.cumsum(probs[-1], axis=-1)
    trained = np.sum(s5.UNIFORMS[..., None] >= cdf[None, ..., :-1], axis=-1)
    np.testing.assert_array_equal(trained, s5.TRAINED)
    assert np.sum(eyes(trained).sum(axis=1) > 2) >= s5.SHOWN / 2  # "不少脸长了三四只"


@pytest.mark.render
def test_the_eyes_beat_says_what_the_picture_shows(rendered):
    _, log, _ = rendered
    text = beat(log, "pixels_on_their_own.1")["text"]
    assert "不少脸长了三四只" in text
    assert "各抛各的硬币" in text


def hand_autoregressive_cost(model, image):
    """-log2 Q(image) as the product of each pixel's probability given the pixels before it.

    One pixel at a time.
    """
    levels, flat = model.levels, image.ravel()
    seen = np.zeros(flat.size * levels)
    total = 0.0
    for i, x in enumerate(flat):
        q = softmax(model.weights[i * levels : (i + 1) * levels] @ seen + model.bias[i])
        total -= math.log2(q[x])
        seen[i * levels + x] = 1.0
    return total


@pytest.mark.render
def test_the_autoregressive_figures_are_said_in_their_sentence(rendered):
    _, log, _ = rendered
    images, p, _ = hand_training()
    b = beat(log, "autoregressive_samples.1")
    ar = re.search(r"每张图只要 (\d+\.\d\d) 比特，几乎碰到真正的下限 H\(P\)", b["text"]).group(1)
    costs = [hand_autoregressive_cost(s5.AR, img) for img in images]
    assert float(ar) == pytest.approx(np.mean(costs), abs=0.005)
    # the data hold one bit a picture (left or right), and the model comes close to it, never below
    assert image_entropy_by_counting(images) <= float(ar) < 1.1 < entropy_per_image(p)
    assert [ar] == [f for f in figures(b["en"]) if "." in f]
    # the scan's running total ends at the same figure, and its
    # costly pixel is the first eye: a coin toss
    assert f"{s5.SCAN_COST.sum():.2f}" == ar
    assert s5.SCAN_COST[s5.DECISIVE] == pytest.approx(1.0, abs=0.01)
    assert np.unravel_index(s5.DECISIVE, (s5.SIZE, s5.SIZE)) == tuple(
        np.argwhere(eye_slots(s5.SIZE)[0])[0]
    )


def test_the_autoregressive_faces_look_one_way():
    """Its samples (the same random numbers as the pixel model's) have two eyes looking one way."""
    drawn = eyes(s5.AR_SAMPLES)
    assert all(tuple(np.flatnonzero(row)) in {(0, 2), (1, 3)} for row in drawn)


def test_the_autoregressive_fit_is_plain_gradient_descent():
    """The fit's shortcut takes the same steps as the full weight matrix.

    The shortcut: coefficients per distinct image.
    """
    from infotheory.autoregressive import fit_autoregressive

    rng = np.random.default_rng(4)
    images, levels, lr = rng.integers(0, 3, (6, 2, 3)), 3, 0.2
    x = np.eye(levels)[images.reshape(6, -1)]
    mask = np.kron(np.tril(np.ones((6, 6)), -1), np.ones((levels, levels)))
    w, b = np.zeros((18, 18)), np.zeros((6, levels))
    for _ in range(40):
        q = softmax((x.reshape(6, -1) @ w.T).reshape(6, 6, levels) + b)
        g = (q - x) / 6
        w -= lr * (g.reshape(6, -1).T @ x.reshape(6, -1)) * mask
        b -= lr * g.sum(axis=0)
    model = fit_autoregressive(images, levels, steps=40, learning_rate=lr)
    np.testing.assert_allclose(model.weights, w, atol=1e-12)
    np.testing.assert_allclose(model.bias, b, atol=1e-12)


def finite_difference(loss, z, h=1e-6):
    return np.array([(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(len(z))])


@pytest.mark.parametrize("q_true", [s5.WRONG, 0.3, 0.7, 0.99])
def test_the_gradients_shown_agree_with_finite_differences(q_true):
    from infotheory.losses import logit_gradient

    z = np.log([q_true, 1 - q_true])
    truth = np.array([1.0, 0.0])
    ce = lambda v: -math.log2(softmax(v)[0])  # noqa: E731
    se = lambda v: float(np.sum((softmax(v) - truth) ** 2))  # noqa: E731
    np.testing.assert_allclose(logit_gradient(truth, z), finite_difference(ce, z), atol=1e-6)
    np.testing.assert_allclose(
        logit_gradient(truth, z, "squared_error"), finite_difference(se, z), atol=1e-6
    )
    # the forms on screen: (Q - P) for cross-entropy, Q(1-Q)(Q -
    # P) for squared error, up to a constant
    assert finite_difference(ce, z)[0] == pytest.approx((q_true - 1) / math.log(2), abs=1e-6)
    assert finite_difference(se, z)[0] == pytest.approx(
        4 * q_true * (1 - q_true) * (q_true - 1), abs=1e-6
    )


@pytest.mark.render
def test_the_squared_error_comparison_is_said_and_shown_as_computed(rendered):
    _, log, _ = rendered
    b = beat(log, "why_not_squared_error.1")
    share, ce = re.search(
        r"真相只给 (\d+)%：交叉熵罚 (\d+\.\d\d) 比特，没有上限；平方误差最多罚 2", b["text"]
    ).groups()
    q = int(share) / 100
    assert float(ce) == pytest.approx(-math.log2(q), abs=0.005)
    assert {f"{share}%", ce} <= set(figures(b["en"]))
    assert " 2." in b["en"]
    # squared error of two distributions is at most 2 (the parabola
    # 2(1 - q)^2), cross-entropy has no bound
    qs = np.linspace(1e-6, 1, 1001)
    assert np.max(2 * (1 - qs) ** 2) <= 2
    assert -math.log2(1e-6) > 19
    # the pushes shown at the mistake: finite differences of the two losses
    z = np.log([q, 1 - q])
    truth = np.array([1.0, 0.0])
    push_ce = abs(finite_difference(lambda v: -math.log2(softmax(v)[0]), z)[0])
    push_se = abs(finite_difference(lambda v: float(np.sum((softmax(v) - truth) ** 2)), z)[0])
    assert (f"{s5.PUSH_CE:.2f}", f"{s5.PUSH_SE:.2f}") == (f"{push_ce:.2f}", f"{push_se:.2f}")
    assert push_se < push_ce / 20  # "推不动"


@pytest.mark.render
def test_kl_is_referred_back_to_not_argued_again(rendered):
    _, log, _ = rendered
    text = "".join(b["text"] for b in log["beats"])
    assert "第四节" in text
    assert "为什么不直接优化" not in text
    assert text.count("KL") == 1


@pytest.mark.render
def test_the_english_subtitles_give_the_same_figures(rendered):
    _, log, _ = rendered
    for b in log["beats"]:
        measured = lambda t: {f for f in figures(t) if "." in f or f.endswith("%")}  # noqa: E731
        assert measured(b["text"]) == measured(b["en"]), b["id"]


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    _, log, _ = rendered
    assert log["section"] == "s5"
    assert 0.85 * 90 <= log["scene_time"] <= 1.2 * 90, log["scene_time"]
