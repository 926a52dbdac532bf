"""Questions for the class: ``assets/questions.toml``, checked, filled in with the film's figures.

The file holds an array of tables per section (``[[s1]]``, one per question). A question has a
stable ``id``, a ``kind`` (``number``, ``choice`` or ``truefalse``), its text in Chinese
(``zh``) and English (``en``), an ``answer``, an explanation (``explain_zh``, ``explain_en``) and
the ``beat`` whose replay explains it. A number question also has a ``tolerance`` (said in the
question) and may have a ``unit`` (``"%"`` asks for a percentage); a choice question has
``choices_zh`` and ``choices_en`` and an answer letter (``"B"``). Numbers are never typed: text
and answers name the section's figures in braces (:mod:`scenes.builder.placeholders`), so every
answer follows the examples file of the build.

:func:`load_questions` reads the file (``$EXPLAINER_QUESTIONS`` when set), checks every question
and fills in the questions of the sections being built; a problem raises :class:`QuestionError`
with one line naming the file, the question and what to do. The build calls it before anything
is rendered. The result is the page's list of questions (JSON-ready dicts).
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from decimal import Decimal
from pathlib import Path

from ..common.textfiles import NotUtf8, describe_toml_error, read_text
from ..kit.tools import DEFAULT_FILE as DEFAULT_EXAMPLES
from ..paths import ASSETS
from ..sections import SECTIONS, Section
from .placeholders import PlaceholderError, SectionFacts, display_path, read_section_facts

__all__ = [
    "QUESTIONS_ENV",
    "DEFAULT_QUESTIONS",
    "KINDS",
    "QuestionError",
    "questions_file",
    "load_questions",
]

QUESTIONS_ENV = "EXPLAINER_QUESTIONS"
DEFAULT_QUESTIONS = ASSETS / "questions.toml"
KINDS = ("number", "choice", "truefalse")
_COMMON = ("id", "kind", "zh", "en", "explain_zh", "explain_en", "beat")
_KEYS = {
    "number": (*_COMMON, "answer", "tolerance", "unit"),
    "choice": (*_COMMON, "answer", "choices_zh", "choices_en"),
    "truefalse": (*_COMMON, "answer"),
}
_REQUIRED = ("id", "kind", "zh", "answer", "explain_zh", "beat")
_LETTERS = "ABCDEF"


class QuestionError(ValueError):
    """A question the page cannot ask; the message names the file, the question and the problem."""


def questions_file() -> Path:
    """The questions in use: ``$EXPLAINER_QUESTIONS`` or ``assets/questions.toml``."""
    env = os.environ.get(QUESTIONS_ENV)
    return Path(env).expanduser().resolve() if env else DEFAULT_QUESTIONS


def _read(path: Path) -> tuple[dict, str]:
    shown = display_path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise QuestionError(
            f"{shown}: no such file (set {QUESTIONS_ENV} to a questions file, or unset it to use "
            f"{display_path(DEFAULT_QUESTIONS)})"
        ) from None
    except NotUtf8 as exc:
        raise QuestionError(f"{shown}: {exc}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        problem = describe_toml_error(text, str(exc))
        if "Cannot overwrite" in str(exc):
            problem += (
                " (a key is written twice in one question, or a question lacks its [[sN]] line: "
                "keep one)"
            )
        raise QuestionError(
            f"{shown}: not a valid questions file, {problem}; compare it with "
            f"{display_path(DEFAULT_QUESTIONS)}"
        ) from None


def _header_lines(text: str) -> dict[str, list[int]]:
    """The line of every ``[[sN]]`` header, per section, in order."""
    lines: dict[str, list[int]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if m := re.match(r"\s*\[\[\s*([^\[\]\s]+)\s*\]\]", line):
            lines.setdefault(m[1].strip("\"'"), []).append(n)
    return lines


class _Question:
    """One question being checked; :meth:`fail` raises the one-line error naming it."""

    def __init__(self, path: Path, section: str, k: int, line: int | None, raw):
        self.path, self.section, self.raw = path, section, raw
        qid = raw.get("id") if isinstance(raw, dict) else None
        name = (
            f"question {qid}"
            if isinstance(qid, str) and qid
            else f"question {k + 1} of [[{section}]]"
        )
        self.where = f"{display_path(path)}, {name}" + (f" (line {line})" if line else "")

    def fail(self, problem: str):
        raise QuestionError(f"{self.where}: {problem}")

    def check_shape(self) -> None:
        q = self.raw
        for key in _REQUIRED:
            if key not in q:
                self.fail(
                    f"it has no {key}; every question needs {', '.join(_REQUIRED)}"
                    + ("" if key != "answer" else " (the answer is what the page checks against)")
                )
        kind = q["kind"]
        if kind not in KINDS:
            self.fail(f"kind = {kind!r}: write one of {', '.join(KINDS)}")
        for key in q:
            if key not in _KEYS[kind]:
                close = difflib.get_close_matches(key, _KEYS[kind], n=1)
                self.fail(
                    f"{key} is not a key of a {kind} question"
                    + (f" -- did you mean {close[0]}?" if close else "")
                    + f" A {kind} question has: {', '.join(_KEYS[kind])}"
                )
        for key in ("id", "zh", "en", "explain_zh", "explain_en", "beat", "unit"):
            if key in q and (not isinstance(q[key], str) or not q[key].strip()):
                self.fail(f"{key} must be text in quotes, and not empty")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", q["id"]):
            self.fail(
                f"id = {q['id']!r}: use letters, digits, '-' and '_' only, e.g. "
                f'"{self.section}-sunny"'
            )
        if kind == "number":
            tol = q.get("tolerance")
            if tol is None:
                self.fail(
                    "it has no tolerance: a number question says how far off still counts as "
                    "right, e.g. tolerance = 0.01"
                )
            if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 < tol < math.inf:
                self.fail(
                    f"tolerance = {tol!r}: a number question needs a tolerance above 0, e.g. "
                    "tolerance = 0.01 (answers within ±0.01 count as right; the question says so)"
                )
        elif kind == "choice":
            for key in ("choices_zh", "choices_en"):
                c = q.get(key)
                if c is None and key == "choices_en":
                    continue
                if (
                    not isinstance(c, list)
                    or not 2 <= len(c) <= len(_LETTERS)
                    or not all(isinstance(x, str) and x.strip() for x in c)
                ):
                    self.fail(
                        f'{key} must be a list of 2 to {len(_LETTERS)} texts, e.g. {key} = ["…", '
                        '"…", "…"]'
                    )
            if "choices_en" in q and len(q["choices_en"]) != len(q["choices_zh"]):
                self.fail(
                    f"choices_en has {len(q['choices_en'])} choices, choices_zh "
                    f"{len(q['choices_zh'])}: give each choice in both languages, in the same "
                    "order"
                )
            letters = _LETTERS[: len(q["choices_zh"])]
            if not isinstance(q["answer"], str) or q["answer"].strip().upper() not in letters:
                self.fail(
                    f"answer = {q['answer']!r}: give the letter of the right choice, one of "
                    f"{', '.join(letters)}"
                )
        elif not isinstance(q["answer"], bool):
            self.fail(
                f"answer = {q['answer']!r}: a true/false question's answer is true or false (no "
                "quotes)"
            )

    def filled(self, facts: SectionFacts) -> dict:
        q, kind = self.raw, self.raw["kind"]
        if not facts.has_beat(q["beat"]):
            close = difflib.get_close_matches(q["beat"], facts.beat_ids(), n=1)
            self.fail(
                f"beat = {q['beat']!r} is not a beat of {self.section}"
                + (f" -- did you mean {close[0]}?" if close else "")
                + f" Its beats: {', '.join(facts.beat_ids())}"
            )
        out = {"id": q["id"], "section": self.section, "kind": kind, "beat": q["beat"]}
        for key in ("zh", "en", "explain_zh", "explain_en"):
            out[key] = self._fill(facts, key, q.get(key, ""))
        if kind == "number":
            out.update(self._number(facts))
        elif kind == "choice":
            for key in ("choices_zh", "choices_en"):
                out[key] = [
                    self._fill(facts, f"{key} {_LETTERS[i]}", c)
                    for i, c in enumerate(q.get(key, []))
                ]
                same = [_LETTERS[i] for i, c in enumerate(out[key]) if out[key].count(c) > 1]
                if same:
                    shown = out[key][_LETTERS.index(same[0])]
                    self.fail(
                        f"{key}: choices {' and '.join(same)} read the same with these examples "
                        f"({shown!r}): make the choices differ by more than the decimals shown"
                    )
            out["answer"] = _LETTERS.index(q["answer"].strip().upper())
        else:
            out["answer"] = q["answer"]
        return out

    def _fill(self, facts: SectionFacts, key: str, text: str) -> str:
        try:
            return facts.fill(text)
        except PlaceholderError as exc:
            self.fail(f"{key}: {exc}")

    def _number(self, facts: SectionFacts) -> dict:
        q = self.raw
        try:
            value = facts.answer(q["answer"])
        except PlaceholderError as exc:
            self.fail(str(exc) if str(exc).startswith("answer") else f"answer: {exc}")
        unit = q.get("unit", "").strip()
        if unit == "%":
            value *= 100
        tol = float(q["tolerance"])
        if value != 0 and tol >= abs(value):
            self.fail(
                f"tolerance = {tol:g} is not smaller than the answer ({value:.4g}{unit}) with "
                "these examples: almost any number would count as right"
            )
        shown, pct = f"{Decimal(str(tol)).normalize():f}", "%" if unit == "%" else ""
        decimals = max(0, -Decimal(shown).as_tuple().exponent)
        return {
            "answer": round(value, 10),
            "tolerance": tol,
            "decimals": decimals,
            "unit": unit,
            "note_zh": f"（误差不超过 ±{shown}{pct} 即算对）",
            "note_en": f"(right within ±{shown}{pct})",
        }


def load_questions(
    sections: tuple[Section, ...] | list[Section],
    path: Path | None = None,
    examples: Path | None = None,
    warn=print,
) -> list[dict]:
    """The page's questions for ``sections`` (in film order), filled in with their figures.

    The figures are those under ``examples``. Every question of the file is checked for its shape;
    those of ``sections`` also against their section's figures and beats. A problem raises
    :class:`QuestionError`; a question without English is said through ``warn`` and kept.
    """
    path = Path(path).resolve() if path is not None else questions_file()
    examples = Path(examples).resolve() if examples is not None else DEFAULT_EXAMPLES
    if path == DEFAULT_QUESTIONS and not path.is_file():
        warn(f"[questions] {display_path(path)} is not there: the lesson page has no questions")
        return []
    data, text = _read(path)
    lines = _header_lines(text)
    known = {s.id: s for s in SECTIONS} | {s.id: s for s in sections}
    building = [s.id for s in sections]
    checked: dict[str, list[_Question]] = {}
    ids: dict[str, str] = {}
    for key, items in data.items():
        line = (lines.get(key) or [None])[0]
        at = f"{display_path(path)}" + (f", line {line}" if line else "")
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            raise QuestionError(
                f"{at}: [[{key}]]: there is no section {key!r}"
                + (f" -- did you mean {close[0]}?" if close else "")
                + f" The sections: {', '.join(known)}"
            )
        if not isinstance(items, list) or not all(isinstance(q, dict) for q in items):
            raise QuestionError(
                f"{at}: {key} must be a list of questions: start each one with a line [[{key}]] "
                f"(two brackets)"
            )
        for k, raw in enumerate(items):
            sec_lines = lines.get(key, [])
            q = _Question(path, key, k, sec_lines[k] if k < len(sec_lines) else None, raw)
            q.check_shape()
            if raw["id"] in ids:
                q.fail(
                    f"the id {raw['id']!r} is already used by a question of [[{ids[raw['id']]}]]: "
                    "ids must differ"
                )
            ids[raw["id"]] = key
            checked.setdefault(key, []).append(q)
    out = []
    for sid in building:
        if not checked.get(sid):
            continue
        try:
            facts = read_section_facts(known[sid], examples)
        # the section's own error: its render says it, with the line to fix
        except Exception as exc:
            warn(
                f"[questions] warning: {sid} cannot be read ({type(exc).__name__}: {exc}): its "
                "questions are left out"
            )
            continue
        for q in checked[sid]:
            filled = q.filled(facts)
            missing = [
                k
                for k in ("en", "explain_en")
                + (("choices_en",) if filled["kind"] == "choice" else ())
                if not filled.get(k)
            ]
            if missing:
                warn(
                    f"[questions] warning: {q.where} has no {' or '.join(missing)}: the page shows "
                    "it in Chinese only"
                )
            out.append(filled)
    return out
