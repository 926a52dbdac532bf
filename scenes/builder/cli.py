"""Arguments -> a frozen build plan (standard library only: see :mod:`scenes.builder`)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ..paths import OUT
from ..sections import SECTIONS, Section, load_registry, parse_section_list
from ..speech.options import DEFAULT_VOICE_MODE, VOICE_MODES

__all__ = [
    "QUALITIES",
    "MANIM_CACHE",
    "TINY_SIZE",
    "TINY_FPS",
    "TINY_FLAGS",
    "FILM_STEM",
    "BuildPlan",
    "UsageError",
    "parse_plan",
]

FILM_STEM = "cross_entropy"
#: manim's quality presets: flag letter -> (height, fps)
QUALITIES = {"l": (480, 15), "m": (720, 30), "h": (1080, 60), "k": (2160, 60)}
#: the tiny renders of the test suite: manim flags and the resolution name they give
TINY_SIZE, TINY_FPS = (192, 108), 5
TINY_FLAGS = ("-r", f"{TINY_SIZE[0]},{TINY_SIZE[1]}", "--fps", str(TINY_FPS))


#: manim's per-animation cache, by quality. It hashes every mobject at every play(): a cold
#: render costs +14 % at 480p15 and +12 % at 1080p60, but after a one-sentence narration
#: edit it re-renders only the changed animations (section 6 at 1080p60: 58 s instead of
#: 86 s). At high resolution that saving is what keeps an edit cheap; at low resolution
#: rendering is cheap and the hashing would cost the 480p film its 2-minute budget.
#: Unchanged sections are skipped whole by the builder in every case. (README: Performance.)
MANIM_CACHE = {"l": False, "m": False, "h": True, "k": True}


class UsageError(Exception):
    """Arguments that cannot be built; the message says which and why."""


@dataclass(frozen=True)
class BuildPlan:
    """Everything one build needs to know, decided once from the arguments."""

    quality: str
    voice: str
    jobs: int
    sections: tuple[Section, ...]
    missing: tuple[Section, ...]  # sections without a scene file yet (left out)
    out: Path
    listen: bool = False
    tiny: bool = False
    narration_only: bool = False  # make the voice clips, render nothing
    examples: Path | None = None  # another example-settings file: a variant film with its own names
    subset: bool = False  # --sections chose fewer sections than the film has: named as such
    # manim's per-animation cache; None: by quality (MANIM_CACHE)
    cache_animations: bool | None = None
    record: bool = False  # --record: serve the recording page instead of building
    # --record: open the page in the browser (--no-browser: print its address)
    open_browser: bool = True
    port: int = 0  # --record: the port of the page (0: any free one)
    registry: Path | None = None  # the sections' registry file, when not the film's own (tests)

    @property
    def manim_cache(self) -> bool:
        """Whether manim's per-animation cache is on (by quality; tiny test renders keep it off)."""
        if self.cache_animations is not None:
            return self.cache_animations
        return MANIM_CACHE[self.quality] and not self.tiny

    @property
    def resolution(self) -> str:
        """``1080p60``; ``108p5`` for the test suite's tiny renders."""
        h, fps = (TINY_SIZE[1], TINY_FPS) if self.tiny else QUALITIES[self.quality]
        return f"{h}p{fps}"

    @property
    def render_tag(self) -> str:
        """What the section renders are filed under: ``1080p60``.

        For a variant (another examples file), ``1080p60_<examples file>``.
        """
        return (
            self.resolution if self.examples is None else f"{self.resolution}_{self.examples.stem}"
        )

    @property
    def tag(self) -> str:
        """What this build's film and reports are named by: :attr:`render_tag`.

        Plus ``only-s1-s3`` for a subset. A build of some sections never replaces the whole film:
        its film is named as a subset.
        """
        if not self.subset:
            return self.render_tag
        return f"{self.render_tag}_only-{'-'.join(s.id for s in self.sections)}"

    @property
    def film(self) -> Path:
        return self.out / f"{FILM_STEM}_{self.tag}.mp4"

    def output(self, kind: str) -> Path:
        """``out/cross_entropy_<tag>_<kind>`` (``timing.md``, ``contact.png``, ``listen.md``)."""
        return self.out / f"{FILM_STEM}_{self.tag}_{kind}"

    @property
    def section_dir(self) -> Path:
        """Every section's last good render at this resolution (and examples), shared by subsets."""
        return self.out / "sections" / self.render_tag


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="./render.sh",
        description="Render the sections and assemble the cross-entropy film in out/.",
    )
    p.add_argument(
        "--quality",
        choices=list(QUALITIES),
        default="h",
        help="manim preset: l=480p15, m=720p30, h=1080p60 (default), k=2160p60",
    )
    p.add_argument(
        "--sections",
        default=None,
        help="comma-separated subset, e.g. s1,s3 (kept in film order; default: all)",
    )
    p.add_argument(
        "--jobs", default=None, help="sections rendered at once (default: number of cores)"
    )
    p.add_argument(
        "--voice",
        choices=VOICE_MODES,
        default=DEFAULT_VOICE_MODE,
        help="recorded (default: recordings where present, the Kokoro voice otherwise), "
        "kokoro (synthetic only), espeak (robotic, light fallback) or none (silent, "
        "estimated timing)",
    )
    p.add_argument(
        "--listen",
        action="store_true",
        help="after the build, transcribe every beat offline and report how well the "
        "narration is understood (out/cross_entropy_<res>_listen.md)",
    )
    p.add_argument(
        "--examples",
        default=None,
        metavar="FILE",
        help="build a variant film from another example-settings file (a copy of "
        "assets/examples.toml); its outputs are named after the file, the default film is "
        "left untouched",
    )
    p.add_argument(
        "--narration-only",
        action="store_true",
        help="only make the voice clips of the chosen sections (into the voice cache) and stop",
    )
    p.add_argument(
        "--record",
        action="store_true",
        help="record the narration in your own voice: open the recording page (a local web page, "
        "this computer only) for the chosen sections instead of building",
    )
    p.add_argument(
        "--no-browser",
        action="store_true",
        help="with --record: do not open a browser, only print the page's address",
    )
    p.add_argument(
        "--port", default="0", help="with --record: the page's port (default: any free one)"
    )
    # for the test suite: another output folder, a registry of small test sections, tiny frames
    p.add_argument("--out", default=str(OUT), help=argparse.SUPPRESS)
    p.add_argument("--registry", default=None, help=argparse.SUPPRESS)
    p.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--manim-cache", choices=("on", "off"), default=None, help=argparse.SUPPRESS)
    return p


def _plan(args: argparse.Namespace) -> BuildPlan:
    if args.jobs is None:
        jobs = os.cpu_count() or 1
    else:
        try:
            jobs = int(args.jobs)
        except ValueError:
            raise UsageError(f"--jobs needs a whole number, got {args.jobs!r}") from None
        if jobs < 1:
            raise UsageError(f"--jobs must be at least 1, got {jobs}")
    registry = load_registry(Path(args.registry)) if args.registry else SECTIONS
    subset = False
    if args.sections is None:
        chosen = tuple(s for s in registry if s.path.is_file())
        missing = tuple(s for s in registry if not s.path.is_file())
        if not chosen:
            raise UsageError("no section has a scene file yet")
    else:
        try:
            ids = parse_section_list(args.sections, registry)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        chosen, missing = tuple(s for s in registry if s.id in ids), ()
    subset = len(chosen) < len(registry)
    examples = None
    if args.examples is not None:
        examples = Path(args.examples).expanduser().resolve()
        if not examples.is_file():
            raise UsageError(
                f"--examples: no such file {args.examples!r}; copy assets/examples.toml and change "
                "the copy"
            )
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", examples.stem):
            raise UsageError(
                f"--examples: name the file with letters, digits, '-' or '_' only (it names the "
                f"outputs), not {examples.name!r}"
            )
    if args.record:
        clash = [
            name
            for name, on in (
                ("--listen", args.listen),
                ("--narration-only", args.narration_only),
                ("--examples", args.examples is not None),
            )
            if on
        ]
        if clash:
            raise UsageError(
                "--record opens the recording page and builds nothing: leave out "
                f"{', '.join(clash)}"
            )
    elif args.no_browser or args.port != "0":
        raise UsageError("--no-browser and --port go with --record")
    if not args.port.isdigit() or int(args.port) > 65535:
        raise UsageError(
            f"--port needs a port number (1 to 65535, or 0 for any free one), got {args.port!r}"
        )
    return BuildPlan(
        quality=args.quality,
        voice=args.voice,
        jobs=jobs,
        sections=chosen,
        missing=missing,
        out=Path(args.out),
        listen=args.listen,
        tiny=args.tiny,
        narration_only=args.narration_only,
        examples=examples,
        subset=subset,
        cache_animations=None if args.manim_cache is None else args.manim_cache == "on",
        record=args.record,
        open_browser=not args.no_browser,
        port=int(args.port),
        registry=Path(args.registry) if args.registry else None,
    )


def parse_plan(argv: list[str]) -> tuple[BuildPlan, bool]:
    """The plan for ``argv`` and whether only the arguments were to be checked.

    Bad arguments exit with status 2 and a usage message, as argparse does.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _plan(args), args.parse_only
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
