"""The dice the film keeps coming back to (the script's definitions, shared by sections 2-4)."""

from __future__ import annotations

import numpy as np

import infotheory as it

from .examples import current

#: The loaded die (``[dice] loaded`` in the example settings; the script's: face 1 half the
#: time, faces 2-6 sharing the rest): face 1 favoured, the other five equally likely.
LOADED_DIE = np.array(current().dice.loaded)
#: A fair die.
FAIR_DIE = it.uniform(len(LOADED_DIE))
SIDES = len(FAIR_DIE)
FACES = tuple(range(1, SIDES + 1))
