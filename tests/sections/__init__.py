"""Tests of the six sections: each figure in its sentence."""
