"""Tests of the numeric core: known values, identities, scipy agreement, batching, bad input."""

import math

import numpy as np
import pytest
from scipy import stats

import infotheory as it

LOADED = [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]
FAIR = [1 / 6] * 6


# --- known values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "base", "expected"),
    [
        ([0.5, 0.5], 2, 1.0),  # fair coin: 1 bit
        ([1 / 16] * 16, 2, 4.0),  # 16 equal outcomes: 4 bits
        (FAIR, 2, math.log2(6)),  # fair die
        ([1.0, 0.0, 0.0], 2, 0.0),  # certain outcome
        ([0.5, 0.5], math.e, math.log(2)),  # nats
        ([0.1] * 10, 10, 1.0),  # hartleys
        ([0.25, 0.25, 0.5], 2, 1.5),
    ],
)
def test_entropy_known_values(p, base, expected):
    assert it.entropy(p, base=base) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ([0.5, 0.5], [0.5, 0.5], 1.0),
        ([1.0, 0.0], [0.25, 0.75], 2.0),
        ([0.5, 0.5], [1.0, 0.0], math.inf),  # p > 0 where q = 0
        ([0.0, 1.0], [1.0, 0.0], math.inf),
        ([1.0, 0.0], [1.0, 0.0], 0.0),
        ([0.0, 1.0], [0.5, 0.5], 1.0),  # 0 log 0 terms vanish
    ],
)
def test_cross_entropy_known_values(p, q, expected):
    assert it.cross_entropy(p, q) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        ([0.5, 0.5], [0.5, 0.5], 0.0),
        ([1.0, 0.0], [0.5, 0.5], 1.0),
        ([0.5, 0.5], [1.0, 0.0], math.inf),
        ([0.0, 1.0], [0.5, 0.5], 1.0),
    ],
)
def test_kl_known_values(p, q, expected):
    assert it.kl_divergence(p, q) == pytest.approx(expected, abs=1e-12)


def test_loaded_die_against_closed_form():
    # H(P) = -(0.5 log2 0.5 + 5 * 0.1 log2 0.1); H(P, Q) with Q uniform = log2 6.
    h = -(0.5 * math.log2(0.5) + 5 * 0.1 * math.log2(0.1))
    assert it.entropy(LOADED) == pytest.approx(h)
    assert it.cross_entropy(LOADED, FAIR) == pytest.approx(math.log2(6))
    assert it.kl_divergence(LOADED, FAIR) == pytest.approx(math.log2(6) - h)


@pytest.mark.parametrize(
    ("p", "expected"),
    [(0.5, 1.0), (0.25, 2.0), (1.0, 0.0), (0.0, math.inf), (1 / 6, math.log2(6))],
)
def test_self_information(p, expected):
    assert it.self_information(p) == pytest.approx(expected)


def test_self_information_base_and_arrays():
    assert it.self_information(math.exp(-3), base=math.e) == pytest.approx(3.0)
    np.testing.assert_allclose(it.self_information(np.array([[0.5], [0.125]])), [[1.0], [3.0]])
    assert isinstance(it.self_information(0.5), float)


# --- identities -------------------------------------------------------------------


def _random_dists(rng, n_dists, k, zeros=False):
    x = rng.random((n_dists, k))
    if zeros:
        x[rng.random((n_dists, k)) < 0.2] = 0.0
        x[:, 0] += 0.1  # keep every row non-empty
    return x / x.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("base", [2, math.e, 10])
def test_identities_on_random_distributions(base):
    rng = np.random.default_rng(0)
    p = _random_dists(rng, 300, 7, zeros=True)
    q = _random_dists(rng, 300, 7)
    ce = it.cross_entropy(p, q, base=base)
    h = it.entropy(p, base=base)
    kl = it.kl_divergence(p, q, base=base)
    np.testing.assert_allclose(ce, h + kl, rtol=1e-12, atol=1e-12)
    assert np.all(kl >= 0)
    np.testing.assert_allclose(it.kl_divergence(p, p, base=base), 0.0, atol=1e-12)
    np.testing.assert_allclose(it.cross_entropy(p, p, base=base), h, rtol=1e-12)
    assert np.all(ce >= h - 1e-12)


@pytest.mark.parametrize("base", [2, math.e, 10])
def test_agrees_with_scipy(base):
    rng = np.random.default_rng(1)
    for _ in range(50):
        k = int(rng.integers(2, 12))
        p = _random_dists(rng, 1, k, zeros=True)[0]
        q = _random_dists(rng, 1, k)[0]
        assert it.entropy(p, base=base) == pytest.approx(stats.entropy(p, base=base), rel=1e-10)
        assert it.kl_divergence(p, q, base=base) == pytest.approx(
            stats.entropy(p, q, base=base), rel=1e-10, abs=1e-12
        )
        assert it.cross_entropy(p, q, base=base) == pytest.approx(
            stats.entropy(p, base=base) + stats.entropy(p, q, base=base), rel=1e-10
        )


def test_kl_is_asymmetric():
    assert it.kl_divergence(LOADED, FAIR) != pytest.approx(it.kl_divergence(FAIR, LOADED))


# --- batching and axes --------------------------------------------------------------


def test_coin_pair_grid_is_one_call():
    grid = np.linspace(0.005, 0.995, 200)
    p = np.stack([grid, 1 - grid], axis=-1)[:, None, :]  # (200, 1, 2)
    q = np.stack([grid, 1 - grid], axis=-1)[None, :, :]  # (1, 200, 2)
    kl = it.kl_divergence(p, q)
    assert kl.shape == (200, 200)
    np.testing.assert_allclose(np.diag(kl), 0.0, atol=1e-12)
    i, j = 20, 150
    assert kl[i, j] == pytest.approx(stats.entropy(p[i, 0], q[0, j], base=2))
    assert not np.allclose(kl, kl.T)


def test_axis_argument():
    p = np.array([[0.5, 1.0], [0.5, 0.0]])  # distributions down the columns
    np.testing.assert_allclose(it.entropy(p, axis=0), [1.0, 0.0])
    q = np.array([[0.5, 0.5], [0.5, 0.5]])
    np.testing.assert_allclose(it.cross_entropy(p, q, axis=0), [1.0, 1.0])
    np.testing.assert_allclose(it.kl_divergence(p, q, axis=0), [0.0, 1.0])


def test_broadcast_one_q_against_many_p():
    rng = np.random.default_rng(2)
    p = _random_dists(rng, 5, 6)
    out = it.cross_entropy(p, FAIR)
    assert out.shape == (5,)
    np.testing.assert_allclose(out, math.log2(6))


def test_mixture_and_uniform():
    np.testing.assert_allclose(it.uniform(6), FAIR)
    path = it.mixture(LOADED, FAIR, np.linspace(0, 1, 5))
    assert path.shape == (5, 6)
    np.testing.assert_allclose(path.sum(axis=-1), 1.0)
    np.testing.assert_allclose(path[0], LOADED)
    np.testing.assert_allclose(path[-1], FAIR)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn", [it.entropy, lambda p: it.cross_entropy(p, p), lambda p: it.kl_divergence(p, p)]
)
@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([0.5, -0.1, 0.6], "negative"),
        ([0.5, float("nan"), 0.5], "NaN or infinite"),
        ([0.5, float("inf")], "NaN or infinite"),
        ([0.5, 0.4], r"does not sum to 1 .*tolerance"),
        ([], "empty"),
        (["a", "b"], "numbers"),
        ([[0.5, 0.5], [0.5]], "numeric"),
        (0.5, "scalar"),
    ],
)
def test_bad_distributions(fn, bad, message):
    with pytest.raises(ValueError, match=message):
        fn(bad)


def test_sum_tolerance_is_stated_and_applied():
    slightly_off = [0.5, 0.5 + it.SUM_TOLERANCE / 2]
    assert it.entropy(slightly_off) == pytest.approx(1.0, abs=1e-5)
    with pytest.raises(ValueError, match=f"{it.SUM_TOLERANCE:g}"):
        it.entropy([0.5, 0.5 + it.SUM_TOLERANCE * 10])


def test_mismatched_shapes():
    with pytest.raises(ValueError, match="different numbers of outcomes"):
        it.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="do not broadcast"):
        it.kl_divergence(np.full((3, 2), 0.5), np.full((4, 2), 0.5))
    with pytest.raises(ValueError, match="axis"):
        it.entropy([0.5, 0.5], axis=3)


@pytest.mark.parametrize("base", [0, -2, 1, 1.0, float("nan"), "2", None, True])
def test_bad_base(base):
    with pytest.raises(ValueError, match="base"):
        it.entropy([0.5, 0.5], base=base)
    with pytest.raises(ValueError, match="base"):
        it.self_information(0.5, base=base)


@pytest.mark.parametrize("p", [-0.1, 1.5, [0.5, 2.0]])
def test_self_information_outside_unit_interval(p):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        it.self_information(p)


@pytest.mark.parametrize(("p", "message"), [(float("nan"), "NaN"), ("x", "numbers"), ([], "empty")])
def test_self_information_bad_input(p, message):
    with pytest.raises(ValueError, match=message):
        it.self_information(p)


def test_mixture_bad_t():
    with pytest.raises(ValueError, match="t must lie"):
        it.mixture(LOADED, FAIR, 1.5)
    with pytest.raises(ValueError, match="positive integer"):
        it.uniform(0)


# --- coins and binary labels ----------------------------------------------------------------


def test_coin_kl_grid_matches_elementwise_and_scipy():
    ps = np.linspace(0.01, 0.99, 200)
    grid = it.coin_kl_grid(ps, ps)
    assert grid.shape == (200, 200)
    np.testing.assert_allclose(np.diag(grid), 0.0, atol=1e-12)
    for i, j in [(3, 170), (120, 40), (199, 0)]:
        expected = stats.entropy([ps[i], 1 - ps[i]], [ps[j], 1 - ps[j]], base=2)
        assert grid[i, j] == pytest.approx(expected, rel=1e-10)
    # asymmetric: D(p||q) != D(q||p) off the diagonal and the line p + q = 1
    assert grid[3, 170] != pytest.approx(grid[170, 3])
    # natural log
    assert it.coin_kl_grid([0.5], [0.25], base=math.e)[0, 0] == pytest.approx(
        stats.entropy([0.5, 0.5], [0.25, 0.75])
    )


def test_coin_kl_grid_edges():
    grid = it.coin_kl_grid([0.0, 1.0], [0.0, 1.0])
    assert grid[0, 0] == 0.0
    assert grid[1, 1] == 0.0
    assert math.isinf(grid[0, 1])
    assert math.isinf(grid[1, 0])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        it.coin_kl_grid([1.5], [0.5])


@pytest.mark.parametrize(
    ("y", "y_hat", "expected"),
    [
        (1, 0.7, -math.log2(0.7)),
        (0, 0.7, -math.log2(0.3)),
        (1, 1.0, 0.0),
        (1, 0.0, math.inf),
        (0.5, 0.5, 1.0),
    ],
)
def test_binary_cross_entropy(y, y_hat, expected):
    assert it.binary_cross_entropy(y, y_hat) == pytest.approx(expected)


def test_binary_cross_entropy_is_elementwise_and_matches_formula():
    y = np.array([1, 0, 1, 1])
    y_hat = np.array([0.9, 0.2, 0.6, 0.3])
    formula = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    np.testing.assert_allclose(it.binary_cross_entropy(y, y_hat, base=math.e), formula)


# --- learning: softmax model fitted by gradient descent on cross-entropy ----------------------


def test_softmax_is_stable_and_normalised():
    z = np.array([[1000.0, 1001.0], [-5.0, 5.0]])
    s = it.softmax(z)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0)
    np.testing.assert_allclose(s[0], it.softmax([0.0, 1.0]))


def test_fit_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    p = _random_dists(rng, 1, 5)[0]
    theta = rng.normal(size=5)
    analytic = it.softmax(theta) - p  # d/dtheta of H(p, softmax(theta)) in nats
    eps = 1e-6
    numeric = np.array(
        [
            (
                it.cross_entropy(p, it.softmax(theta + eps * e), base=math.e)
                - it.cross_entropy(p, it.softmax(theta - eps * e), base=math.e)
            )
            / (2 * eps)
            for e in np.eye(5)
        ]
    )
    np.testing.assert_allclose(analytic, numeric, atol=1e-6)


def test_fit_falls_to_the_entropy_floor_and_never_below():
    images = it.smiley_images(64, seed=0)
    p = it.pixel_distributions(images, 4)
    assert p.shape == (12, 12, 4)
    init = np.random.default_rng(1).normal(0, 1.5, p.shape)
    fit = it.fit_categorical(p, init, steps=300, learning_rate=1.0)
    assert fit.losses.shape == (301,)
    assert fit.probs.shape == (301, 12, 12, 4)
    assert fit.floor == pytest.approx(float(np.mean(it.entropy(p))))
    assert np.all(np.diff(fit.losses) <= 1e-12)  # gradient descent never goes up here
    assert np.all(fit.losses >= fit.floor - 1e-12)  # CE >= H(P)
    assert fit.losses[0] > fit.floor + 1.0  # starts far away
    assert fit.losses[-1] - fit.floor < 0.02  # ends close to the floor
    assert fit.floor > 0.5  # ... which is not zero
    # the recorded loss is the core's cross-entropy of the recorded model
    k = 37
    assert fit.losses[k] == pytest.approx(float(np.mean(it.cross_entropy(p, fit.probs[k]))))


def test_fit_is_deterministic_and_validates():
    p = [[0.5, 0.5]]
    a = it.fit_categorical(p, [[1.0, -1.0]], steps=5, learning_rate=0.5)
    b = it.fit_categorical(p, [[1.0, -1.0]], steps=5, learning_rate=0.5)
    np.testing.assert_array_equal(a.losses, b.losses)
    with pytest.raises(ValueError, match="must match"):
        it.fit_categorical(p, [[0.0, 0.0, 0.0]], steps=5, learning_rate=0.5)
    with pytest.raises(ValueError, match="learning_rate"):
        it.fit_categorical(p, [[0.0, 0.0]], steps=5, learning_rate=0)
    with pytest.raises(ValueError, match="steps"):
        it.fit_categorical(p, [[0.0, 0.0]], steps=-1, learning_rate=0.1)
    with pytest.raises(ValueError, match="sum to 1"):
        it.fit_categorical([[0.5, 0.4]], [[0.0, 0.0]], steps=1, learning_rate=0.1)


def test_sampling_follows_the_distribution():
    rng = np.random.default_rng(5)
    u = rng.random(20000)
    samples = it.sample_categorical(np.array([0.2, 0.5, 0.3]), u)
    np.testing.assert_allclose(
        np.bincount(samples, minlength=3) / u.size, [0.2, 0.5, 0.3], atol=0.01
    )
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        it.sample_categorical([0.5, 0.5], [1.0])


def test_smiley_images_are_seeded_and_valid():
    a = it.smiley_images(10, seed=4)
    b = it.smiley_images(10, seed=4)
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0
    assert a.max() <= 3
    assert not np.array_equal(a[0], a[1])  # the noise differs between images
    with pytest.raises(ValueError, match="0..3"):
        it.pixel_distributions(a + 1, 4)


# --- cross-entropy from data ---------------------------------------------------------------


def test_the_average_surprise_of_a_record_is_its_cross_entropy_with_the_forecast():
    record = [1, 1, 0, 1, 1, 1, 0, 1, 1, 0]  # 0 = rain, 1 = dry: three rainy days in ten
    forecast = [0.8, 0.2]
    by_hand = (3 * math.log2(1 / 0.8) + 7 * math.log2(1 / 0.2)) / 10
    assert it.average_surprise(record, forecast) == pytest.approx(by_hand)
    assert it.average_surprise(record, forecast) == pytest.approx(
        float(stats.entropy([0.3, 0.7]) + stats.entropy([0.3, 0.7], forecast)) / math.log(2)
    )
    # the forecaster who says the record's frequency scores its entropy, the lowest of all forecasts
    calibrated = it.average_surprise(record, [0.3, 0.7])
    assert calibrated == pytest.approx(-(0.3 * math.log2(0.3) + 0.7 * math.log2(0.7)))
    assert all(
        it.average_surprise(record, [r, 1 - r]) >= calibrated - 1e-12
        for r in np.linspace(0.01, 0.99, 99)
    )
    assert it.empirical_distribution(record, 2).tolist() == [0.3, 0.7]


def test_running_average_and_surprises_follow_the_record():
    record = [1, 0, 1]
    s = it.surprises(record, [0.8, 0.2])
    assert s.tolist() == pytest.approx([math.log2(5), math.log2(1.25), math.log2(5)])
    assert it.running_average(record, [0.8, 0.2]).tolist() == pytest.approx(
        [s[0], (s[0] + s[1]) / 2, s.sum() / 3]
    )
    assert (
        it.average_surprise([0, 1], [1.0, 0.0]) == math.inf
    )  # a day the forecast called impossible


@pytest.mark.parametrize(
    ("samples", "match"),
    [([], "non-empty"), ([0, 2], "from 0 to 1"), ([0.5], "whole"), ([[0, 1]], "1-D")],
)
def test_records_that_are_not_outcomes_are_refused(samples, match):
    with pytest.raises(ValueError, match=match):
        it.average_surprise(samples, [0.5, 0.5])
