"""The film's example settings: one plain file (``assets/examples.toml``), read and checked here.

Every scene takes its examples from :func:`current`; nothing else keeps a copy. The file is
``$EXPLAINER_EXAMPLES`` when set (``./render.sh --examples FILE`` sets it for a variant film),
otherwise ``assets/examples.toml``.

The checks are the film's: a value must be valid (probabilities in [0, 1] adding up to 1, whole
counts, six faces …) and the narration must stay true with it ("the other five faces are
equally likely", "the forecast favours rain", "the loss comes close to the floor" …). A value that
breaks a rule raises :class:`ExampleError` naming the file, the key and the rule, and saying
what to do.

:data:`SECTION_TABLES` says which tables each section's content rests on (each section's entry in
the registry, :mod:`scenes.sections`, names them); the builder puts exactly those values into a
section's fingerprint, so changing one re-renders exactly the sections that use it (a test checks
the lists against what each section reads).
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from ..common.textfiles import NotUtf8, describe_toml_error, duplicate, error_line, read_text
from ..paths import ASSETS
from ..sections import SECTIONS, Section
from .example_checks import Checker, ExampleError, check_names

__all__ = [
    "EXAMPLES_ENV",
    "DEFAULT_FILE",
    "SECTION_TABLES",
    "ExampleError",
    "Examples",
    "load",
    "current",
    "examples_file",
    "section_values",
]

EXAMPLES_ENV = "EXPLAINER_EXAMPLES"
DEFAULT_FILE = ASSETS / "examples.toml"
#: the tables each section's content rests on (from the registry)
SECTION_TABLES: dict[str, tuple[str, ...]] = {s.id: s.tables for s in SECTIONS}
_KEYS = {
    "forecast": ("rain",),
    "record": ("days",),
    "applications": ("classifier", "next_character", "discriminator", "noise_seed"),
    "dice": ("loaded", "rolls"),
    "images": (
        "size",
        "levels",
        "count",
        "steps",
        "learning_rate",
        "data_seed",
        "init_seed",
        "sample_seed",
    ),
    "classification": ("good", "bad"),
    "coin": ("flips",),
}
#: how close to the floor of independent pixels, sum_i H(P_i), the trained image model must get for
#: "逼近像素独立的下限" to be true (bits per image)
NEAR_FLOOR = 3.0


def examples_file() -> Path:
    """The file in use: ``$EXPLAINER_EXAMPLES`` or the default."""
    env = os.environ.get(EXAMPLES_ENV)
    return Path(env).expanduser().resolve() if env else DEFAULT_FILE


class Examples:
    """The checked settings, read as ``examples.dice.loaded`` and so on."""

    def __init__(self, path: Path, tables: dict[str, dict]):
        self.path = path
        self._tables = tables

    def __getattr__(self, table: str):
        tables = self.__dict__.get("_tables", {})
        if table not in tables:
            raise AttributeError(f"the example settings have no table {table!r}")
        _READ.add(table)
        return _Table(tables[table])

    def table(self, name: str) -> dict:
        return dict(self._tables[name])


class _Table:
    def __init__(self, values: dict):
        self.__dict__.update(values)


#: tables read since the last :func:`reading` (the test of :data:`SECTION_TABLES` uses it)
_READ: set[str] = set()


def reading() -> set[str]:
    """The tables read so far in this process, and start counting afresh."""
    got = set(_READ)
    _READ.clear()
    return got


def _check(path: Path, data: dict) -> dict[str, dict]:
    c = Checker(path, data)
    check_names(path, data, _KEYS, DEFAULT_FILE)
    # checked in this order (the first broken rule is the one
    # reported); the record needs the forecast
    tables = {
        "forecast": _forecast(c),
        "applications": _applications(c),
        "dice": _dice(c),
        "images": _images(c),
        "classification": _classification(c),
        "coin": _coin(c),
    }
    tables = {
        "forecast": tables["forecast"],
        "record": _record(c, tables["forecast"]["rain"]),
        **tables,
    }
    _check_narration(c, tables)
    return tables


def _forecast(c: Checker) -> dict:
    """The forecast of the opening: the chance of rain it gives (above one half, whole percent)."""
    rain = c.number("forecast", "rain", 0, 1, low_open=True, high_open=True)
    if rain <= 0.5:
        c.fail(
            "forecast.rain",
            "must be above 0.5: the forecast favours rain, and the narration calls the sunny "
            "day that came the unlikely outcome (晴天只有…的可能)",
            rain,
        )
    if abs(rain * 100 - round(rain * 100)) > 1e-9:
        c.fail("forecast.rain", "give the chance of rain in whole percent, e.g. 0.7 or 0.85", rain)
    return {"rain": rain}


def _applications(c: Checker) -> dict:
    """Section 1's three uses: a classifier's, a language model's and a discriminator's answers."""
    apps = {
        "classifier": c.distribution("applications", "classifier", 3, "answer (猫, 狗, 鸟)"),
        "next_character": c.distribution(
            "applications", "next_character", 3, "answer (好, 热, 冷)"
        ),
        "discriminator": c.distribution("applications", "discriminator", 2, "answer (真, 假)"),
        "noise_seed": c.whole("applications", "noise_seed", 0),
    }
    for key, true, name in (
        ("classifier", 0, "first (true) answer 猫"),
        ("next_character", 0, "first (true) answer 好"),
        ("discriminator", 1, "second (true) answer 假: the picture is generated"),
    ):
        if apps[key][true] == 0:
            c.fail(
                f"applications.{key}",
                f"the {name} needs a probability above 0, or its cross-entropy loss is infinite",
                apps[key],
            )
    return apps


def _dice(c: Checker) -> dict:
    """The loaded die and the rolls in a row of section 2.

    Face one is favoured, the other five are equally likely.
    """
    loaded = c.distribution("dice", "loaded", 6, "face of the die (it has six faces)")
    if any(abs(x - loaded[1]) > 1e-9 for x in loaded[2:]):
        c.fail(
            "dice.loaded",
            "faces 2 to 6 must be equally likely: the narration says "
            '"其余五面各…" (the other five faces each …)',
            loaded,
        )
    if loaded[1] == 0:
        c.fail(
            "dice.loaded",
            "faces 2 to 6 must be possible (above 0): their code lengths would be infinite",
            loaded,
        )
    if loaded[0] <= 1 / 6 + 1e-9:
        c.fail(
            "dice.loaded",
            "face 1 must be more likely than on a fair die (above 1/6): the film's loaded "
            "die favours face one",
            loaded,
        )
    return {"loaded": loaded, "rolls": c.whole("dice", "rolls", 2, 12)}


def _images(c: Checker) -> dict:
    """The faces and the training run of section 5."""
    images = {
        "size": c.whole("images", "size", 12, 20),
        "levels": c.whole("images", "levels", 2, 8),
        "count": c.whole("images", "count", 8, 5000),
        "steps": c.whole("images", "steps", 20, 2000),
        "learning_rate": c.number("images", "learning_rate", 0, 5, low_open=True),
        "data_seed": c.whole("images", "data_seed", 0),
        "init_seed": c.whole("images", "init_seed", 0),
        "sample_seed": c.whole("images", "sample_seed", 0),
    }
    return images


def _classification(c: Checker) -> dict:
    """A good and a poor answer of a classifier (section 6), to two decimals."""
    good = c.number("classification", "good", 0, 1, low_open=True, high_open=True)
    bad = c.number("classification", "bad", 0, 1, low_open=True, high_open=True)
    c.two_decimals("classification", "good", good)
    c.two_decimals("classification", "bad", bad)
    if bad >= good:
        c.fail(
            "classification.bad",
            f"must be smaller than classification.good ({good:g}): it is the poor answer",
            bad,
        )
    return {"good": good, "bad": bad}


def _coin(c: Checker) -> dict:
    """The coin of section 6: 正 and 反, heads a whole percentage of the flips."""
    flips = c.get("coin", "flips")
    if not isinstance(flips, str):
        c.fail(
            "coin.flips", 'must be text made of 正 (heads) and 反 (tails), e.g. "正正反正"', flips
        )
    sides = flips.replace(" ", "")
    if not sides or set(sides) - {"正", "反"}:
        c.fail("coin.flips", "use only 正 (heads) and 反 (tails)", flips)
    if not 2 <= len(sides) <= 16:
        c.fail("coin.flips", "give 2 to 16 flips (the coins are drawn in one row)", flips)
    heads = sides.count("正")
    if heads in (0, len(sides)):
        c.fail(
            "coin.flips",
            "both sides must come up at least once, or the best θ sits at the edge of the plot",
            flips,
        )
    if abs(heads / len(sides) * 100 - round(heads / len(sides) * 100)) > 1e-9:
        c.fail(
            "coin.flips",
            f"the share of heads ({heads} of {len(sides)}) must be a whole percentage, so that the "
            "optimum the film finds equals it exactly: use 10 flips (or 4, 5, 16 …)",
            flips,
        )
    return {"flips": [1 if s == "正" else 0 for s in sides]}


def _record(c: Checker, rain: float) -> dict:
    """The weather of many days (section 1's record).

    雨 is outcome 0, 晴 outcome 1, as in the forecast.
    """
    days = c.get("record", "days")
    if not isinstance(days, str):
        c.fail(
            "record.days",
            'must be text made of 晴 (sunny) and 雨 (rain), one character a day, e.g. "晴雨晴晴"',
            days,
        )
    weather = days.replace(" ", "")
    if not weather or set(weather) - {"晴", "雨"}:
        c.fail("record.days", "use only 晴 (sunny) and 雨 (rain), one character a day", days)
    if not 10 <= len(weather) <= 20:
        c.fail(
            "record.days",
            f"give 10 to 20 days (it has {len(weather)}): fewer say little, more do not fit on "
            "screen",
            days,
        )
    if weather[0] != "晴":
        c.fail(
            "record.days",
            'the first day must be 晴: it is the sunny day of the opening ("第一天，就是开头那个'
            '晴天")',
            days,
        )
    rainy = weather.count("雨")
    share = rainy / len(weather)
    if rainy == 0:
        c.fail(
            "record.days",
            "at least one day must be 雨, or the record says nothing about rain",
            days,
        )
    if abs(share * 100 - round(share * 100)) > 1e-9:
        c.fail(
            "record.days",
            f"the share of rainy days ({rainy} of {len(weather)}) must be a whole percentage, so "
            "that the second forecaster's forecast is shown exactly: use 10 or 20 days, or a "
            "count that gives one (3 rainy days in 12 are 25 %)",
            days,
        )
    if share >= rain:
        c.fail(
            "record.days",
            f"it rained on {share:.0%} of the days, not less than the forecast's {rain:.0%}: the "
            'narration says the forecast expected rain too often ("实际只有…的日子下了雨")',
            days,
        )
    return {"days": [0 if w == "雨" else 1 for w in weather]}


def _check_narration(c: Checker, t: dict[str, dict]) -> None:
    """Rules that need the film's own computations: what the narration says must stay true."""
    import numpy as np

    import infotheory as it

    from .text import bits

    loaded = np.array(t["dice"]["loaded"])
    fair = it.uniform(len(loaded))
    kl, swapped = float(it.kl_divergence(loaded, fair)), float(it.kl_divergence(fair, loaded))
    if bits(kl) == bits(swapped):
        c.fail(
            "dice.loaded",
            f"the two KL divergences ({bits(kl)} and {bits(swapped)}) look the same on screen, "
            "but section 4 shows them as different: load the die more (or less)",
            t["dice"]["loaded"],
        )

    im = t["images"]
    from infotheory.faces import eyes_drawn, glancing_faces

    images = glancing_faces(
        im["count"], size=im["size"], levels=im["levels"], seed=im["data_seed"]
    ).images
    p = it.pixel_distributions(images, im["levels"])
    init = np.random.default_rng(im["init_seed"]).normal(0.0, 1.5, p.shape)
    fit = it.fit_categorical(p, init, steps=im["steps"], learning_rate=im["learning_rate"])
    pixels = im["size"] ** 2
    end, floor = float(fit.losses[-1]) * pixels, fit.floor * pixels
    if end - floor > NEAR_FLOOR:
        c.fail(
            "images.steps",
            f"training ends at {bits(end)} per image, not close to the floor of independent "
            f"pixels, {bits(floor)}, that section 5 says it comes close to: raise images.steps or "
            "images.learning_rate",
            im["steps"],
        )
    shown = 8
    uniforms = np.random.default_rng(im["sample_seed"]).random((shown, im["size"], im["size"]))
    eyes = eyes_drawn(it.sample_categorical(fit.probs[-1][None], uniforms))
    if np.sum(eyes > 2) < shown / 2:
        c.fail(
            "images.sample_seed",
            f"only {int(np.sum(eyes > 2))} of the {shown} faces the trained model draws have more "
            "than two eyes, but section 5 says many have three or four (不少脸长了三四只眼): try "
            "another seed",
            im["sample_seed"],
        )


def _toml_problem(text: str, message: str) -> str:
    """What is wrong with a file tomllib refused: a key set twice, or the line and what to write."""
    twice, where = duplicate(text), error_line(text, message)
    if twice and where and twice.second == where[0]:
        name = (
            f"the table [{twice.name}]"
            if twice.table
            else ".".join(filter(None, (twice.within, twice.name)))
        )
        return f"{name} is set twice, on lines {twice.first} and {twice.second}: keep one"
    return (
        f"not a valid settings file, {describe_toml_error(text, message)}; "
        f"compare it with {DEFAULT_FILE}"
    )


@functools.lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int]) -> Examples:
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise ExampleError(
            f"{path}: no such file; copy {DEFAULT_FILE} and change the copy"
        ) from None
    except NotUtf8 as exc:
        raise ExampleError(f"{path}: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExampleError(f"{path}: {_toml_problem(text, str(exc))}") from None
    return Examples(path, _check(path, data))


def load(path: str | Path | None = None) -> Examples:
    """The checked settings of ``path`` (default: :func:`examples_file`)."""
    path = Path(path).expanduser().resolve() if path is not None else examples_file()
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        stamp = (0, 0)
    return _load(path, stamp)


def current() -> Examples:
    """The settings the film is made from now (see the module's docstring)."""
    return load()


def section_values(section: Section, path: str | Path | None = None) -> dict[str, dict]:
    """The checked values ``section`` rests on: its tables (empty if it has no examples)."""
    ex = load(path)
    return {name: ex.table(name) for name in section.tables}
