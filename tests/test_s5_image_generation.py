"""Section 5 renders; its spoken figures are the core's training results; the model really learns."""
import re

import numpy as np
import pytest

import infotheory as it
from scenes import s5_image_generation as s5
from scenes.kit.text import fmt_num

from .conftest import render_section_tiny


def training():
    """The section's set-up, recomputed here by the core from the scene's own settings."""
    p = it.pixel_distributions(it.smiley_images(s5.N_IMAGES, size=s5.SIZE, levels=s5.LEVELS, seed=0), s5.LEVELS)
    init = np.random.default_rng(1).normal(0.0, 1.5, p.shape)
    return p, it.fit_categorical(p, init, steps=s5.STEPS, learning_rate=s5.LEARNING_RATE)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_section_tiny("s5", tmp_path_factory.mktemp("s5"))


@pytest.mark.render
def test_subtitle_figures_match_the_core(rendered):
    cues, log, _ = rendered
    text = "".join(c.content for c in cues)
    _, fit = training()
    expected = {fmt_num(fit.losses[0]), fmt_num(fit.losses[-1]), fmt_num(fit.floor)}
    spoken = set(re.findall(r"(\d+\.\d+) 比特", text))
    assert spoken == expected, spoken ^ expected
    assert f"{s5.SIZE}乘{s5.SIZE}" in text and f"{s5.LEVELS}档" in text and f"{s5.N_IMAGES}张" in text
    # stated accurately: diffusion pushes down a bound, not "cross-entropy directly"
    assert "扩散模型大体上压低它的一个上界" in text
    # softmax is defined where it is first said; the gradient and backpropagation are explained
    assert text.index("softmax") == text.index("softmax 把分数变成加起来为一的概率")
    assert "梯度正比于 Q 减 P" in text and "反向传播" in text
    # what the demo leaves out: pixels modelled one by one; real generators must learn relations
    assert "逐个建模就够了" in text and "像素彼此牵连" in text and "三只眼睛的狗" in text


def test_the_gradient_said_is_the_one_the_model_follows():
    """'each score's gradient is proportional to Q − P': one training step moves the logits by −lr·(Q − P)."""
    p, fit = training()
    init = np.random.default_rng(1).normal(0.0, 1.5, p.shape)
    stepped = init - s5.LEARNING_RATE * (it.softmax(init) - p)
    np.testing.assert_allclose(fit.probs[1], it.softmax(stepped), atol=1e-12)
    # and that is the gradient of the cross-entropy (in nats) with respect to the scores
    z, h = init[0, 0], 1e-6
    ce = lambda logits: float(it.cross_entropy(p[0, 0], it.softmax(logits), base=np.e))  # noqa: E731
    numeric = [(ce(z + h * np.eye(s5.LEVELS)[k]) - ce(z - h * np.eye(s5.LEVELS)[k])) / (2 * h) for k in range(s5.LEVELS)]
    np.testing.assert_allclose(numeric, it.softmax(z) - p[0, 0], atol=1e-6)


def test_the_small_pictures_really_vary_pixel_by_pixel():
    """'这组小图的像素各自随机': the data's deviations from the mean face are uncorrelated between pixels."""
    images = it.smiley_images(2000, size=s5.SIZE, levels=s5.LEVELS, seed=0).reshape(2000, -1).astype(float)
    dev = images - images.mean(axis=0)
    varying = dev.std(axis=0) > 0
    corr = np.corrcoef(dev[:, varying].T)
    off = corr[~np.eye(len(corr), dtype=bool)]
    assert np.max(np.abs(off)) < 0.15


@pytest.mark.render
def test_section_length_is_about_a_minute_and_a_half(rendered):
    cues, log, _ = rendered
    assert log["section"] == "s5"
    assert 0.75 * 90 <= log["scene_time"] <= 1.25 * 90, log["scene_time"]


def test_the_model_learns_faces_from_noise():
    p, fit = training()
    assert fit.losses[-1] < fit.floor + 0.03 < fit.losses[0] - 1.5
    # samples: far from the data at the start, close to it at the end (same uniforms)
    u = s5.UNIFORMS
    start = it.sample_categorical(fit.probs[0][None], u)
    end = it.sample_categorical(fit.probs[-1][None], u)
    mode = np.argmax(p, axis=-1)
    assert np.mean(end == mode) > 0.6 > np.mean(start == mode) + 0.2
