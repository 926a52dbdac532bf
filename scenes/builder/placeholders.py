"""A section's figures and beat ids; text whose ``{NAME:.2f}`` placeholders are filled from them.

The questions for the class (:mod:`scenes.builder.questions`) never type a number: they name the
figures a section computes. A section's **figures** are the module-level ``UPPER_CASE`` names of
its scene file (``AVG_FORECAST``, ``CALIBRATED``, ``LOADED_DIE`` …), read by importing the file
with the build's example settings, as the render will; names imported from manim or the style
module (``UP``, ``BODY_SIZE``) are not figures. A placeholder is a Python format field:
``{SURPRISE_DRY:.2f}``, ``{RAIN_CHANCE:.0%}``, ``{CALIBRATED[0]:.0%}``, and ``{FACE:frac}`` for
a simple fraction (``1/6``); without a format, a whole number is written as it is and any other
number with two decimals.

A section's **beat ids** (``score_one_day.1``) are found in its source without running it: the
name of each method that holds ``self.narrate(…)`` blocks and their number there (any number
when a block sits in a loop), and the explicit ``id="…"`` of a block.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import importlib.util
import math
import numbers
import re
import string
from fractions import Fraction
from pathlib import Path

import numpy as np

from ..kit.tools import examples_in_use
from ..paths import REPO_ROOT
from ..sections import Section

__all__ = ["PlaceholderError", "SectionFacts", "read_section_facts", "display_path"]

_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")
#: typed digits: ASCII and full-width (a Chinese input method)
_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[%％]?")


class PlaceholderError(ValueError):
    """A placeholder (or typed number) that cannot be used; the message says what to write."""


def display_path(path: Path) -> str:
    """``scenes/s1_weather_hook.py`` for a file of the repository, the full path otherwise."""
    path = Path(path).resolve()
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool | np.bool_)


def _is_numeric(v) -> bool:
    """A number, or an array or sequence of numbers (shown in the list of figures)."""
    if _is_number(v):
        return True
    if isinstance(v, np.ndarray):
        return v.dtype.kind in "iuf"
    return isinstance(v, tuple | list) and bool(v) and all(_is_number(x) for x in v)


class SectionFacts:
    """What the questions of one section may use: its figures and its beat ids."""

    def __init__(
        self, section: Section, values: dict, beats: dict[str, int | None], explicit: list[str]
    ):
        self.section, self.values = section, values
        self.counts, self.explicit = beats, explicit
        self.file = display_path(section.path)

    # --- beats ---------------------------------------------------------------------------
    def beat_ids(self) -> list[str]:
        """The section's beat ids in source order (``method.*`` where the count is not known)."""
        ids = [
            f"{m}.{i}" for m, n in self.counts.items() for i in (range(1, n + 1) if n else ("*",))
        ]
        return ids + self.explicit

    def has_beat(self, beat: str) -> bool:
        if beat in self.explicit:
            return True
        method, _, n = beat.rpartition(".")
        if method not in self.counts or not n.isdigit() or int(n) < 1:
            return False
        count = self.counts[method]
        return count is None or int(n) <= count

    # --- figures -------------------------------------------------------------------------
    def figure_list(self) -> str:
        names = [
            n + ("[…]" if not _is_number(v) else "")
            for n, v in sorted(self.values.items())
            if _is_numeric(v)
        ]
        return ", ".join(names) or "(none)"

    def _no_figure(self, field: str, name: str) -> PlaceholderError:
        close = difflib.get_close_matches(
            name, [n for n, v in self.values.items() if _is_numeric(v)], n=2, cutoff=0.6
        )
        hint = f" -- did you mean {' or '.join(close)}?" if close else ""
        return PlaceholderError(
            f"{{{field}}} names no figure of {self.file}{hint} Figures there: {self.figure_list()}"
        )

    def value(self, field: str):
        """The number a placeholder's field (``NAME``, ``NAME[0]``, ``NAME.attr``) stands for."""
        name = re.match(r"[^.\[]*", field)[0]
        if not name:
            example = (sorted(self.values) or ["NAME"])[0]
            raise PlaceholderError(
                f"{{}} is empty: write a figure's name inside the braces, e.g. {{{example}}}"
            )
        if name not in self.values:
            raise self._no_figure(field, name)
        try:
            v, _ = string.Formatter().get_field(field, (), self.values)
        except (LookupError, AttributeError, TypeError, ValueError) as exc:
            raise PlaceholderError(
                f"{{{field}}}: {type(exc).__name__}: {exc}; {name} is "
                f"{_describe(self.values[name])}"
            ) from None
        if not _is_number(v):
            raise PlaceholderError(
                f"{{{field}}} is not a number but {_describe(v)}"
                + (f": pick one value, e.g. {{{field}[0]}}" if _is_numeric(v) else "")
            )
        return v

    def format(self, field: str, spec: str) -> str:
        v = self.value(field)
        if spec == "frac":
            f = Fraction(float(v)).limit_denominator(1000)
            if abs(float(f) - float(v)) > 1e-9:
                raise PlaceholderError(
                    f"{{{field}:frac}}: {float(v):g} is not a simple fraction; use e.g. "
                    f"{{{field}:.2f}}"
                )
            return str(f)
        if not spec:
            if not math.isfinite(v):
                return "∞" if v > 0 else "-∞"
            return f"{int(v)}" if float(v).is_integer() else f"{float(v):.2f}"
        try:
            return format(v, spec)
        except (ValueError, TypeError):
            raise PlaceholderError(
                f"{{{field}:{spec}}}: {spec!r} is not a format for a number; write e.g. "
                f"{{{field}:.2f}} (two decimals), {{{field}:.0%}} (a percentage) or "
                f"{{{field}:frac}}"
            ) from None

    def fill(self, text: str) -> str:
        """``text`` with its placeholders replaced by the figures; a typed number is an error."""
        out = []
        for literal, field, spec, conversion in _parse(text):
            self._no_typed_number(literal)
            out.append(literal)
            if field is None:
                continue
            if conversion or "{" in (spec or ""):
                raise PlaceholderError(
                    f"{{{field}{'!' + conversion if conversion else ''}:{spec}}}: write a plain "
                    f"placeholder such as {{{field}:.2f}}"
                )
            out.append(self.format(field, spec or ""))
        return "".join(out)

    def answer(self, text) -> float:
        """The number a numeric answer (a single placeholder, ``"{AVG_FORECAST}"``) stands for."""
        if _is_number(text):
            raise PlaceholderError(
                f"answer = {text!r} is a typed number: write the figure it is in braces, e.g. "
                f'answer = "{{{self._suggest(str(text)) or "NAME"}}}"; figures of {self.file}: '
                f"{self.figure_list()}"
            )
        parts = list(_parse(text.strip())) if isinstance(text, str) else []
        if (
            len(parts) != 1
            or parts[0][1] is None
            or parts[0][0].strip()
            or parts[0][2]
            or parts[0][3]
        ):
            raise PlaceholderError(
                f"answer = {text!r}: a number question's answer is one figure in braces and "
                'nothing else, e.g. answer = "{AVG_FORECAST}" (the decimals that count are set by '
                "tolerance)"
            )
        v = self.value(parts[0][1])
        if not math.isfinite(v):
            raise PlaceholderError(
                f"answer = {text!r} is infinite: a number question needs a finite answer (ask it "
                "as a true/false question instead)"
            )
        return float(v)

    def _no_typed_number(self, literal: str) -> None:
        m = _DIGITS.search(literal)
        if not m:
            return
        typed = m[0]
        guess = self._suggest(typed)
        hint = f"{{{guess}}}" if guess else "{NAME:.2f}"
        raise PlaceholderError(
            f"the number {typed} is typed in the text: numbers must be figures the film computes, "
            f"so that they follow the examples file; write {hint} instead (figures of {self.file}: "
            f'{self.figure_list()}). Counting words such as 第一节 or "one" are fine'
        )

    def _suggest(self, typed: str) -> str:
        """A placeholder whose figure shows as ``typed``, or "".

        E.g. ``"2.32"`` -> ``SURPRISE_DRY:.2f``.
        """
        typed = typed.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
        if re.fullmatch(r"[0-9]", typed):
            return ""  # "1" is too common a number to guess which figure it was
        decimals = len(typed.rstrip("%").partition(".")[2])
        spec = f".{decimals}%" if typed.endswith("%") else f".{decimals}f"
        for name, v in sorted(self.values.items()):
            items = (
                [(name, v)]
                if _is_number(v)
                else [(f"{name}[{i}]", x) for i, x in enumerate(np.ravel(v)[:12])]
                if _is_numeric(v)
                else []
            )
            for field, x in items:
                if _is_number(x) and math.isfinite(x) and format(x, spec) == typed:
                    return field if spec == ".0f" and float(x).is_integer() else f"{field}:{spec}"
        return ""


def _describe(v) -> str:
    if isinstance(v, np.ndarray):
        return f"an array of {v.size} values" if v.ndim == 1 else f"an array of shape {v.shape}"
    if isinstance(v, tuple | list):
        return f"a list of {len(v)} items"
    if isinstance(v, str):
        return f"text ({v!r})"
    return f"a {type(v).__name__}"


def _parse(text: str):
    try:
        return list(string.Formatter().parse(text))
    except ValueError as exc:
        raise PlaceholderError(
            f"{exc}: braces hold a figure's name, {{NAME}}; write {{{{ or }}}} for a brace itself"
        ) from None


# --- reading a section ---------------------------------------------------------------------
def _beats_in_source(tree: ast.Module) -> tuple[dict[str, int | None], list[str]]:
    counts: dict[str, int | None] = {}
    explicit: list[str] = []

    def visit(node, method: str, in_loop: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
            ):
                continue  # its own method (found by the outer walk)
            loop = in_loop or isinstance(
                child, ast.For | ast.While | ast.comprehension | ast.AsyncFor
            )
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr == "narrate"
            ):
                given = [k.value for k in child.keywords if k.arg == "id"]
                if given and isinstance(given[0], ast.Constant) and isinstance(given[0].value, str):
                    explicit.append(given[0].value)
                elif not given:
                    n = counts.get(method, 0)
                    counts[method] = None if loop or n is None else n + 1
            visit(child, method, loop)

    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            visit(fn, fn.name, False)
    return counts, explicit


def _not_figures(tree: ast.Module) -> set[str]:
    """Names imported from manim or the style module: constants of drawing, not figures."""
    return {
        a.asname or a.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module
        and (node.module.split(".")[0] == "manim" or node.module.split(".")[-1] == "style")
        for a in node.names
    }


def read_section_facts(section: Section, examples: Path) -> SectionFacts:
    """Import ``section``'s scene file with ``examples`` and read its figures and beats.

    The file is imported as its render will import it.
    """
    source = section.path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(section.path))
    counts, explicit = _beats_in_source(tree)
    spec = importlib.util.spec_from_file_location(f"_questions_{section.id}", section.path)
    module = importlib.util.module_from_spec(spec)
    with examples_in_use(Path(examples).resolve()):
        spec.loader.exec_module(module)
    skip = _not_figures(tree)
    values = {n: v for n, v in vars(module).items() if _NAME.match(n) and n not in skip}
    return SectionFacts(section, values, counts, explicit)
