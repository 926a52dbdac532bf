"""Reading media files back with PyAV: lengths and frames."""
from __future__ import annotations

from pathlib import Path

__all__ = ["stream_seconds", "media_duration", "video_duration", "audio_duration", "frames_at"]


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
