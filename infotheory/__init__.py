"""Information theory in pure numpy: every number the video shows or says comes from here.

>>> import infotheory as it
>>> float(it.entropy([0.5, 0.5]))      # a fair coin: 1 bit
1.0
"""

from .binary import bernoulli, binary_cross_entropy, coin_kl_grid
from .core import (
    SUM_TOLERANCE,
    cross_entropy,
    entropy,
    kl_divergence,
    self_information,
)
from .distributions import mixture, uniform
from .learning import (
    FitHistory,
    fit_categorical,
    pixel_distributions,
    sample_categorical,
    smiley_images,
    softmax,
)
from .samples import average_surprise, empirical_distribution, running_average, surprises

__all__ = [
    "SUM_TOLERANCE",
    "self_information",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "uniform",
    "mixture",
    "bernoulli",
    "coin_kl_grid",
    "binary_cross_entropy",
    "softmax",
    "FitHistory",
    "fit_categorical",
    "sample_categorical",
    "smiley_images",
    "pixel_distributions",
    "empirical_distribution",
    "surprises",
    "average_surprise",
    "running_average",
]
