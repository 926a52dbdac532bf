"""The dice the film keeps coming back to (the script's definitions, shared by sections 2-4)."""
from __future__ import annotations

import numpy as np

import infotheory as it

#: The loaded die of the script: face 1 comes up half the time, faces 2-6 share the rest.
LOADED_DIE = np.array([0.5, 0.1, 0.1, 0.1, 0.1, 0.1])
#: A fair die.
FAIR_DIE = it.uniform(len(LOADED_DIE))
SIDES = len(FAIR_DIE)
FACES = tuple(range(1, SIDES + 1))
