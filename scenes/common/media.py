"""Reading media files back: lengths and frames (PyAV), whether an MP4 file is whole (its boxes)."""

from __future__ import annotations

import struct
from pathlib import Path

__all__ = [
    "mp4_is_complete",
    "stream_seconds",
    "media_duration",
    "video_duration",
    "audio_duration",
    "frames_at",
]


def stream_seconds(stream) -> float | None:
    """A PyAV stream's length in seconds, when the container records it."""
    if stream.duration is None or stream.time_base is None:
        return None
    return float(stream.duration * stream.time_base)


def media_duration(path: Path, kind: str = "video") -> float:
    """Seconds of the first ``kind`` stream (``video`` or ``audio``) of a media file.

    The container's length when the stream does not say. A WAV file is read without PyAV.
    """
    path = Path(path)
    if kind == "audio" and path.suffix.lower() == ".wav":
        import wave

        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate())
    import av  # manim's own dependency

    with av.open(str(path)) as c:
        streams = getattr(c.streams, kind)
        if not streams:
            raise ValueError(f"{path} has no {kind} stream")
        seconds = stream_seconds(streams[0])
        return seconds if seconds is not None else c.duration / 1_000_000


def video_duration(path: Path) -> float:
    return media_duration(path, "video")


def audio_duration(path: Path) -> float:
    return media_duration(path, "audio")


def frames_at(path: Path, times: list[float]):
    """The first frame at or after each time (seconds) as PIL images (the last one past the end).

    Seeks to the keyframe before each time and decodes forward from there, so a few frames
    of a long 1080p film cost about as much as a few short decodes.
    """
    import av

    out = []
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        for t in times:
            c.seek(max(int(t / stream.time_base), 0), stream=stream, backward=True, any_frame=False)
            chosen = None
            for frame in c.decode(stream):
                chosen = frame
                if frame.pts is not None and float(frame.pts * stream.time_base) >= t - 1e-6:
                    break
            if chosen is None:
                raise ValueError(f"no frame at {t:.2f} s in {path}")
            out.append(chosen.to_image())
    return out


def mp4_is_complete(path: Path) -> bool:
    """Whether ``path`` is a whole MP4 file.

    Its top-level boxes fill it exactly and ``moov`` is there. A file cut short while it was
    written fails: the muxer writes the movie's index (``moov``) last and the size of the media
    data (``mdat``) when it closes the file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(suffix=".mp4", delete=False) as f:
    ...     _ = f.write(
    ...         struct.pack(">I4s", 16, b"ftyp") + b"isom" * 2 + struct.pack(">I4s", 0, b"mdat")
    ...     )
    >>> mp4_is_complete(Path(f.name)); os.unlink(f.name)
    False
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        seen = set()
        with open(path, "rb") as f:
            pos = 0
            while pos < size:
                f.seek(pos)
                head = f.read(8)
                if len(head) < 8:
                    return False
                length, kind = struct.unpack(">I4s", head)
                if length == 1:  # a 64-bit size follows
                    extended = f.read(8)
                    if len(extended) < 8:
                        return False
                    length = struct.unpack(">Q", extended)[0]
                elif length == 0:  # "to the end of the file": what an unfinished mdat says
                    return False
                if length < 8 or pos + length > size:
                    return False
                seen.add(kind)
                pos += length
        return pos == size and b"moov" in seen and b"ftyp" in seen
    except OSError:
        return False
