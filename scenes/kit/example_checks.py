"""The rules an example-settings file is checked against: names, numbers, distributions.

:mod:`scenes.kit.examples` reads the file and states the film's rules with these; a value that
breaks one raises :class:`ExampleError` naming the file, the key and the rule.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path

__all__ = ["ExampleError", "Checker", "check_names"]


class ExampleError(ValueError):
    """An example setting the film cannot use; the message names the key and the rule."""

    plain = True  # its message names where and what to do (scenes.common.errors)


class Checker:
    """Reads one value of an examples file and checks it against a rule; :meth:`fail` says which."""

    def __init__(self, path: Path, data: dict):
        self.path, self.data = path, data

    def fail(self, key: str, rule: str, value=None) -> None:
        shown = "" if value is None else f" (it is {value!r})"
        raise ExampleError(f"{self.path}: {key}{shown}: {rule}")

    def get(self, table: str, key: str):
        return self.data[table][key]

    def number(
        self, table: str, key: str, low=None, high=None, *, low_open=False, high_open=False
    ) -> float:
        v = self.get(table, key)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            self.fail(f"{table}.{key}", "must be a number", v)
        if low is not None and (v <= low if low_open else v < low):
            self.fail(f"{table}.{key}", f"must be {'above' if low_open else 'at least'} {low:g}", v)
        if high is not None and (v >= high if high_open else v > high):
            self.fail(
                f"{table}.{key}", f"must be {'below' if high_open else 'at most'} {high:g}", v
            )
        return float(v)

    def whole(self, table: str, key: str, low: int, high: int | None = None) -> int:
        v = self.get(table, key)
        if isinstance(v, bool) or not isinstance(v, int):
            self.fail(f"{table}.{key}", "must be a whole number (no decimal point)", v)
        if v < low or (high is not None and v > high):
            rng = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.fail(f"{table}.{key}", f"must be {rng}", v)
        return int(v)

    def distribution(self, table: str, key: str, n: int, what: str) -> list[float]:
        name = f"{table}.{key}"
        v = self.get(table, key)
        if not isinstance(v, list) or len(v) != n:
            self.fail(name, f"must be a list of {n} probabilities, one per {what}", v)
        for x in v:
            if isinstance(x, bool) or not isinstance(x, (int, float)) or not 0 <= x <= 1:
                self.fail(name, "every probability must be a number from 0 to 1", v)
            if abs(x * 100 - round(x * 100)) > 1e-9:
                self.fail(
                    name,
                    "write each probability with at most two decimals (the screen shows them "
                    "exactly)",
                    v,
                )
        if abs(sum(v) - 1) > 1e-9:
            self.fail(name, f"the probabilities must add up to 1; they add up to {sum(v):.4g}", v)
        return [float(x) for x in v]

    def two_decimals(self, table: str, key: str, value: float) -> None:
        if abs(value * 100 - round(value * 100)) > 1e-9:
            self.fail(
                f"{table}.{key}",
                "write it with at most two decimals (the screen shows it exactly)",
                value,
            )


def _unknown(shown: str, kind: str, name: str, known, listing: str, form: str = "{}") -> str:
    """The message "``shown`` is not a ``kind`` the film knows".

    It suggests the ``known`` name closest to ``name``.
    """
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
    if close:
        return (
            f"{shown} is not a {kind} the film knows — did you mean "
            f"{form.format(close[0])}? ({listing})"
        )
    return f"{shown} is not a {kind} the film knows (a typo?); {listing}"


def check_names(path: Path, data: dict, known: dict[str, tuple[str, ...]], default: Path) -> None:
    """Unknown tables and keys first, then missing ones.

    Unknown names come first because a typo also makes the right name "missing". ``known`` maps
    each table to its keys; ``default`` is the file to copy a missing table from.
    """
    for table, value in data.items():
        if table in known:
            continue
        if not isinstance(value, dict):
            home = [t for t, keys in known.items() if table in keys]
            where = f"put it under [{home[0]}]" if home else f"compare the file with {default}"
            raise ExampleError(
                f"{path}: {table} stands outside any table (above the first [table] line): {where}"
            )
        raise ExampleError(
            f"{path}: "
            + _unknown(
                f"[{table}]",
                "table",
                table,
                known,
                f"the tables are: {', '.join(known)}",
                form="[{}]",
            )
        )
    for table, keys in known.items():
        if not isinstance(data.get(table), dict):
            raise ExampleError(f"{path}: the table [{table}] is missing; copy it from {default}")
        for key in data[table]:
            if key not in keys:
                home = [t for t, k in known.items() if key in k]
                if home:
                    raise ExampleError(
                        f"{path}: {table}.{key} is in the wrong table: move it under [{home[0]}]"
                    )
                raise ExampleError(
                    f"{path}: "
                    + _unknown(
                        f"{table}.{key}",
                        "setting",
                        key,
                        keys,
                        f"the settings of [{table}] are: {', '.join(keys)}",
                    )
                )
        for key in keys:
            if key not in data[table]:
                raise ExampleError(f"{path}: {table}.{key} is missing; copy it from {default}")
