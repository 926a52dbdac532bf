"""The film's scenes (one module per section) and the shared scene toolkit in :mod:`scenes.kit`."""
