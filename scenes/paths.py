"""Where things are: the repository, its assets, the outputs and the caches, each named once.

Standard library only: the builder reads it with a bare ``python3`` before setup. Every module
that needs one of these folders imports it from here; an environment variable that moves a
folder (``EXPLAINER_VOICE_DIR``, ``EXPLAINER_MODELS`` …) is read where it is used, with these
as the defaults.
"""

from __future__ import annotations

from pathlib import Path

#: the repository: outputs, caches and assets are found from here
REPO_ROOT = Path(__file__).resolve().parent.parent
#: what the film is made from besides code: examples, questions, pronunciations, recordings, voices
ASSETS = REPO_ROOT / "assets"
#: everything a build writes (the film, sections, stills, reports); safe to delete
OUT = REPO_ROOT / "out"
#: what is slow to make and safe to delete: voice clips, downloaded models
CACHE = REPO_ROOT / ".cache"
VOICE_CACHE = CACHE / "voice"
MODEL_CACHE = CACHE / "models"
#: the film's title: the lesson page, the recording page and the film's metadata
FILM_TITLE = "交叉熵：从天气预报到机器学习"
