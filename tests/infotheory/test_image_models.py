"""The image models of section 5 in infotheory.

The faces, squared error beside cross-entropy, the autoregressive model.
"""

import math

import numpy as np
import pytest

from infotheory.autoregressive import fit_autoregressive
from infotheory.faces import eye_slots, eyes_drawn, glancing_faces
from infotheory.losses import logit_gradient, squared_error

# --- faces --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [12, 16, 20])
def test_faces_are_seeded_balanced_and_two_eyed(size):
    a, b = glancing_faces(10, size=size, seed=3), glancing_faces(10, size=size, seed=3)
    np.testing.assert_array_equal(a.images, b.images)
    assert a.images.shape == (10, size, size)
    assert set(np.unique(a.images)) == {0, 1}
    assert a.looks.sum() == 5  # half look right
    slots = eye_slots(size)
    for image, look in zip(a.images, a.looks):
        drawn = [bool(np.all(image[s] == 0)) for s in slots]
        assert drawn == [k % 2 == look for k in range(4)]  # slots 0, 2 (left) or 1, 3 (right)
    assert np.all(eyes_drawn(a.images) == 2)
    # the slots do not touch: a one-pixel gap at least between neighbours
    cols = [int(np.flatnonzero(s.any(axis=0))[0]) for s in slots]
    assert min(np.diff(cols)) >= 2


def test_faces_use_the_top_level_for_the_face():
    faces = glancing_faces(4, levels=4, seed=0).images
    assert set(np.unique(faces)) == {0, 3}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": 1}, "both looks"),
        ({"n": 4, "size": 10}, "from 12 to 20"),
        ({"n": 4, "levels": 1}, "levels"),
    ],
)
def test_bad_face_settings_are_refused(kwargs, match):
    with pytest.raises(ValueError, match=match):
        glancing_faces(**kwargs)


def test_eyes_drawn_refuses_what_is_not_a_stack_of_images():
    with pytest.raises(ValueError, match="shape"):
        eyes_drawn(np.zeros((16, 16), dtype=int))


# --- squared error and the gradients through softmax ------------------------------------


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ([1, 0], [1, 0], 0.0),
        ([1, 0], [0, 1], 2.0),
        ([1, 0], [0.5, 0.5], 0.5),
        ([0, 1, 0], [0.2, 0.5, 0.3], 0.38),
    ],
)
def test_squared_error_known_values(p, q, expected):
    assert float(squared_error(p, q)) == pytest.approx(expected)


def test_the_gradients_of_both_losses_match_finite_differences_for_three_classes():
    rng = np.random.default_rng(2)
    p, z, h = np.array([0.0, 1.0, 0.0]), rng.normal(size=3), 1e-6

    def softmax(v):
        e = np.exp(v - v.max())
        return e / e.sum()

    for loss, f in (
        ("cross_entropy", lambda v: -math.log(softmax(v)[1], 3)),
        ("squared_error", lambda v: float(np.sum((softmax(v) - p) ** 2))),
    ):
        numeric = [(f(z + h * e) - f(z - h * e)) / (2 * h) for e in np.eye(3)]
        np.testing.assert_allclose(logit_gradient(p, z, loss, base=3), numeric, atol=1e-6)


def test_a_saturated_prediction_barely_moves_under_squared_error():
    z = np.log([1e-4, 1 - 1e-4])
    ce, se = logit_gradient([1, 0], z)[0], logit_gradient([1, 0], z, "squared_error")[0]
    assert abs(ce) > 1.4
    assert abs(se) < 1e-3


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (([1, 0], [0, 0], "hinge"), "one of"),
        (([1, 0, 0], [0, 0]), "must match"),
        (([0.5, 0.4], [0, 0]), "sum to 1"),
    ],
)
def test_bad_gradient_requests_are_refused(args, match):
    with pytest.raises(ValueError, match=match):
        logit_gradient(*args)


# --- the autoregressive model ---------------------------------------------------------------


def test_its_cost_is_the_chain_rule_product_and_never_below_the_data_entropy():
    data = glancing_faces(8, size=12, seed=1).images
    model = fit_autoregressive(data, 2, steps=300, learning_rate=0.3)
    surprises = model.surprises(data)
    q = model.conditionals(data)
    by_hand = -np.log2(np.take_along_axis(q, data[..., None], axis=-1)[..., 0]).sum(axis=(1, 2))
    np.testing.assert_allclose(surprises.sum(axis=(1, 2)), by_hand)
    assert np.all(np.diff(model.losses) <= 1e-12)  # gradient descent, small steps: never up
    assert 1.0 <= model.losses[-1] < 1.2  # one bit a picture: left or right
    # the first pixel's prediction does not depend on the image (nothing before it)
    np.testing.assert_allclose(q[:, 0, 0], np.broadcast_to(q[0, 0, 0], q[:, 0, 0].shape))


def test_its_samples_are_whole_faces():
    """Nearly every sample is one of the data's faces, eyes and all.

    A stray pixel now and then: Q is never 1.
    """
    data = glancing_faces(8, size=12, seed=1).images
    model = fit_autoregressive(data, 2, steps=1000, learning_rate=0.3)
    samples = model.sample(np.random.default_rng(0).random((100, 12, 12)))
    assert samples.shape == (100, 12, 12)
    assert sum(any(np.array_equal(s, d) for d in data) for s in samples) >= 95
    assert np.all(eyes_drawn(samples) == 2)


@pytest.mark.parametrize(
    ("images", "kwargs", "match"),
    [
        (np.zeros((2, 3)), {}, "shape"),
        (np.full((2, 2, 2), 2), {}, r"0\.\.1"),
        (np.zeros((2, 2, 2), dtype=int), {"steps": -1}, "steps"),
        (np.zeros((2, 2, 2), dtype=int), {"learning_rate": 0}, "learning_rate"),
    ],
)
def test_bad_training_requests_are_refused(images, kwargs, match):
    with pytest.raises(ValueError, match=match):
        fit_autoregressive(images, 2, **{"steps": 1, "learning_rate": 0.1, **kwargs})
