"""Mistakes an educator can make in a narration block, caught before they reach the film.

Editing the narration is meant to be safe for a non-programmer. These slips used to pass with
exit 0; each now stops the render with a :class:`NarrationError` that names the beat, the line
of the scene file and what to do:

* **a figure left unfilled** -- a block written ``"…{RAIN:.0%}…"`` without the ``f`` before the
  quote: the voice and the subtitles would read the braces aloud;
* **an empty block** -- ``narrate("")`` or ``en=""``: the beat would have no voice, no cue and
  no length;
* **the two languages disagree** -- a figure (a number with a decimal point or a percentage)
  in the Chinese that the English does not give, or the other way round; whole numbers are
  compared too, the Chinese may write them in characters (两到三 ~ 2 to 3);
* **the voice contradicts the screen** -- a figure said in a beat that is not on screen at
  any moment of that beat (a number typed where a computed figure stood: the voice says 3.5,
  the screen 2.32). Figures are compared by value (``0.5`` is ``0.50``; ``20%`` is ``0.20``).

Figures inside formulas are read from the formula's TeX; a figure in a picture (an image) is
not seen: such a beat needs its figure in a label too.
"""

from __future__ import annotations

import re

__all__ = [
    "NarrationError",
    "figures",
    "check_text",
    "check_languages",
    "check_screen",
    "screen_figures",
]


class NarrationError(ValueError):
    """A narration block the film cannot use.

    The message names the beat, the line and what to do.
    """

    plain = True  # its message names where and what to do (scenes.common.errors)


_NUMBER = re.compile(r"(?<![A-Za-z0-9.])[-−]?\d+(?:\.\d+)?%?")
_PLACEHOLDER = re.compile(r"\{[^{}]+\}")  # an f-string placeholder is never empty
_ZH_DIGITS = dict(zip("零一二三四五六七八九", range(10))) | {"两": 2, "〇": 0}
_EN_WORDS = {
    w: n
    for n, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
}


def figures(text: str) -> list[str]:
    """The numbers written with digits in ``text``, as written (``2.32``, ``80%``, ``6``).

    >>> figures("晴天只有20%的可能，意外是 2.32 比特；H(P, Q) 约2.58")
    ['20%', '2.32', '2.58']
    """
    return _NUMBER.findall(text.replace("−", "-"))


def _value(figure: str) -> float:
    return float(figure[:-1]) / 100 if figure.endswith("%") else float(figure)


def _is_measured(figure: str) -> bool:
    """A computed figure (decimal point or percentage), not a count."""
    return "." in figure or figure.endswith("%")


def _same(a: str, b: str) -> bool:
    return abs(_value(a) - _value(b)) < 1e-9


def _zh_integers(text: str) -> set[int]:
    """Whole numbers 0-99 written in Chinese characters (五, 两, 十, 二十三)."""
    found = set()
    for run in re.findall(r"[零〇一二两三四五六七八九十]+", text):
        tens, ten, ones = run.partition("十")
        if not ten:
            found.update(_ZH_DIGITS[c] for c in run)
        elif len(tens) <= 1 and len(ones) <= 1:
            found.add((_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0))
    return found


def _en_integers(text: str) -> set[int]:
    return {_EN_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _EN_WORDS}


def check_text(text: str, where: str, language: str = "Chinese") -> None:
    """Refuse an empty block and braces left in the text (an f-string without its ``f``)."""
    if not text.strip():
        raise NarrationError(
            f"{where}: the {language} narration is empty. Write what is said in this beat, or "
            "delete the whole `with self.narrate(...)` block."
        )
    left = _PLACEHOLDER.search(text)
    if left:
        raise NarrationError(
            f"{where}: the {language} narration contains {left.group()} as written: the figure "
            f"was not filled in, so the voice and the subtitles would read the braces aloud. Put "
            f'the letter f just before the opening quote of that line (f"…{left.group()}…"), as '
            f"on the other lines with figures."
        )


def _unsaid(figs: list[str], others: list[str], other_words: set[int]) -> list[str]:
    """The figures of one language the other does not say.

    A whole number may be a word there: 十, ten.
    """
    return [
        fig
        for fig in figs
        if not any(_same(fig, o) for o in others)
        and (_is_measured(fig) or int(fig) not in other_words)
    ]


def check_languages(zh: str, en: str, where: str) -> None:
    """The figures of the Chinese and of the English must be the same ones."""
    zh_figs, en_figs = figures(zh), figures(en)
    problems = [
        f"the Chinese says {fig}, the English does not"
        for fig in _unsaid(zh_figs, en_figs, _en_integers(en))
    ]
    problems += [
        f"the English says {fig}, the Chinese does not"
        for fig in _unsaid(en_figs, zh_figs, _zh_integers(zh))
    ]
    if problems:
        raise NarrationError(
            f"{where}: the Chinese and the English give different figures ({'; '.join(problems)}). "
            "Both languages must say the same computed numbers: use the same {…} figure in the "
            f"zh text and in en=.\n  zh: {zh}\n  en: {en}"
        )


def screen_figures(scene) -> set[str]:
    """The figures in every text and formula on ``scene``'s screen now."""
    found = set()
    for mobject in scene.mobjects:
        for part in mobject.get_family():
            text = getattr(part, "text", None) or getattr(part, "tex_string", None)
            if isinstance(text, str):
                found.update(figures(text))
    return found


def check_screen(text: str, shown: set[str], where: str) -> None:
    """Every figure said (decimal or percentage) must be on screen at some moment of the beat."""
    missing = [f for f in figures(text) if _is_measured(f) and not any(_same(f, s) for s in shown)]
    if missing:
        on_screen = (
            ", ".join(sorted({s for s in shown if _is_measured(s)}, key=_value)) or "no figures"
        )
        raise NarrationError(
            f"{where}: the narration says {', '.join(missing)}, but no text or formula on screen "
            f"during this beat shows {'it' if len(missing) == 1 else 'them'} (on screen: "
            f"{on_screen}). A number typed into the narration contradicts the picture: write the "
            f'computed figure in braces, as f"…{{bits(H)}}…", or show it on screen.'
        )
