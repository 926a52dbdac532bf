"""``python -m scenes.build``: build the film (see :mod:`scenes.build.cli`)."""
import sys

from .cli import main

sys.exit(main())
