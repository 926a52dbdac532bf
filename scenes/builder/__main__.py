"""``python -m scenes.builder``: build the film, or serve the recording page (``--record``).

The command line is read by :mod:`scenes.builder.cli` (which imports nothing heavy: ``render.sh``
runs it with a bare ``python3`` before setup); what it starts is imported only here, so that
nothing imports back into the command line.
"""

from __future__ import annotations

import sys

from ..paths import FILM_TITLE
from .cli import parse_plan


def main(argv: list[str] | None = None) -> int:
    plan, parse_only = parse_plan(sys.argv[1:] if argv is None else argv)
    if parse_only:
        return 0
    if plan.record:
        from .record import serve

        return serve(
            plan.sections,
            plan.out / "record",
            plan.port,
            plan.open_browser,
            plan.registry,
            FILM_TITLE,
        )
    from .film import run

    return run(plan)


if __name__ == "__main__":
    sys.exit(main())
