"""infotheory.coding: code lengths, prefix codes, areas and the KL divergence's terms.

Checked by hand and with scipy.
"""

import math

import numpy as np
import pytest
from scipy.special import rel_entr
from scipy.stats import entropy as scipy_entropy

from infotheory.coding import (
    average_length,
    canonical_code,
    code_lengths,
    ideal_code_lengths,
    is_prefix_free,
    jensen_points,
    kl_contributions,
    kraft_sum,
    prefix_code,
)

DYADIC = [0.5, 0.25, 0.125, 0.125]


@pytest.mark.parametrize(
    ("p", "lengths"),
    [
        ([1.0], [0]),
        ([0.5, 0.5], [1, 1]),
        (DYADIC, [1, 2, 3, 3]),
        ([0.25] * 4, [2, 2, 2, 2]),
        ([1 / 16] * 16, [4] * 16),
        ([0.125, 0.5, 0.125, 0.25], [3, 1, 3, 2]),
    ],
)
def test_dyadic_lengths_are_minus_log2_p(p, lengths):
    assert code_lengths(p).tolist() == lengths
    assert [2.0**-n for n in lengths] == pytest.approx(p)


def test_ideal_lengths_of_the_fair_die_and_in_other_bases():
    assert ideal_code_lengths([1 / 6] * 6) == pytest.approx([math.log2(6)] * 6)
    assert ideal_code_lengths([0.5, 0.5], base=math.e) == pytest.approx([math.log(2)] * 2)
    assert ideal_code_lengths([1.0, 0.0]).tolist() == [0.0, math.inf]


def test_the_prefix_code_of_the_film():
    words = prefix_code(DYADIC)
    assert words == ["0", "10", "110", "111"]
    assert [len(w) for w in words] == code_lengths(DYADIC).tolist()
    assert is_prefix_free(words)
    assert canonical_code([2, 2, 2, 2]) == ["00", "01", "10", "11"]
    assert canonical_code([1, 2, 2], base=3) == ["0", "10", "11"]


@pytest.mark.parametrize("seed", range(20))
def test_random_dyadic_codes_are_prefix_free_with_their_lengths(seed):
    rng = np.random.default_rng(seed)
    lengths = [1, 1]  # split a random leaf of the code tree, again and again
    for _ in range(rng.integers(1, 9)):
        i = rng.integers(len(lengths))
        lengths[i : i + 1] = [lengths[i] + 1, lengths[i] + 1]
    p = [2.0**-n for n in lengths]
    words = prefix_code(p)
    assert [len(w) for w in words] == lengths
    assert is_prefix_free(words)
    assert len(set(words)) == len(words)
    assert kraft_sum(lengths) == pytest.approx(1.0)
    # the area of the blocks (widths p, heights the lengths) is the entropy, by scipy
    assert average_length(p, lengths) == pytest.approx(scipy_entropy(p, base=2))


def test_areas_are_entropy_cross_entropy_and_the_difference_is_kl():
    p, q = np.array(DYADIC), np.full(4, 0.25)
    own, wrong = code_lengths(p), code_lengths(q)
    h_p = average_length(p, own)
    h_pq = average_length(p, wrong)
    assert h_p == pytest.approx(0.5 * 1 + 0.25 * 2 + 0.125 * 3 * 2) == pytest.approx(1.75)
    assert h_pq == pytest.approx(2.0)
    assert h_pq - h_p == pytest.approx(scipy_entropy(p, q, base=2))  # scipy's KL: 0.25 bits
    # outcome by outcome, the area added is P(x) times the change of length: the KL's terms
    assert kl_contributions(p, q) == pytest.approx(p * (wrong - own))
    assert kl_contributions(p, q) == pytest.approx(rel_entr(p, q) / math.log(2))


def test_contributions_sum_to_each_direction_for_the_dice():
    loaded, fair = np.array([0.5] + [0.1] * 5), np.full(6, 1 / 6)
    forward, backward = kl_contributions(loaded, fair), kl_contributions(fair, loaded)
    assert forward.sum() == pytest.approx(scipy_entropy(loaded, fair, base=2))
    assert backward.sum() == pytest.approx(scipy_entropy(fair, loaded, base=2))
    assert forward[0] == pytest.approx(0.5 * math.log2(3))
    assert forward[1] < 0 < backward[1]
    assert kl_contributions([0.0, 1.0], [0.5, 0.5]).tolist() == [0.0, 1.0]
    assert kl_contributions([0.5, 0.5], [1.0, 0.0])[1] == math.inf


def test_jensen_points_of_the_loaded_die():
    loaded, fair = np.array([0.5] + [0.1] * 5), np.full(6, 1 / 6)
    ratios, logs, weights, (mean_r, mean_log) = jensen_points(loaded, fair)
    assert ratios[0] == pytest.approx(1 / 3)
    assert ratios[1] == pytest.approx(5 / 3)
    assert logs == pytest.approx(np.log2(ratios))
    assert weights.sum() == pytest.approx(1)
    assert mean_r == pytest.approx(1.0)  # the sum of Q
    assert mean_log == pytest.approx(-scipy_entropy(loaded, fair, base=2))
    assert mean_log <= math.log2(mean_r)  # the chord is under the curve
    # an outcome P never shows adds no point; Q's mass there is left out of the abscissa
    ratios, _, _, (mean_r, _) = jensen_points([0.5, 0.5, 0.0], [0.25, 0.25, 0.5])
    assert ratios.tolist() == [0.5, 0.5]
    assert mean_r == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: code_lengths([0.5, 0.3, 0.2]), "powers of 1/2"),
        (lambda: code_lengths([0.5, 0.5, 0.0]), "probability 0"),
        (lambda: code_lengths([0.5, 0.6]), "sum to 1"),
        (lambda: canonical_code([1, 1, 2]), "no prefix code"),
        (lambda: canonical_code([0, 1]), "whole numbers >= 1"),
        (lambda: canonical_code([1.5, 2]), "whole numbers >= 1"),
        (lambda: canonical_code([1, 1], base=16), "2 to 10"),
        (lambda: is_prefix_free(["0", ""]), "empty"),
        (lambda: average_length(DYADIC, [1, 2, 3]), "one length per outcome"),
        (lambda: average_length(DYADIC, [1, 2, -3, 3]), ">= 0"),
        (lambda: kl_contributions([0.5, 0.5], [1 / 3] * 3), "different numbers of outcomes"),
        (lambda: jensen_points([0.5, 0.5], [1.0, 0.0]), "log 0"),
        (lambda: ideal_code_lengths([[0.5, 0.5]]), "one distribution"),
        (lambda: ideal_code_lengths(DYADIC, base=1), "base"),
    ],
)
def test_bad_input_says_why(call, message):
    with pytest.raises(ValueError, match=message):
        call()
