"""Joining the sections into the film: video, one audio track, chapters and subtitles.

The video is joined by stream copy; the audio is one continuous AAC track; two soft subtitle
tracks follow, Chinese (default, from manim's ``.srt``) and English (from the beat logs' ``en``),
tagged ``chi`` and ``eng`` (PyAV and srt, both manim's own dependencies).

Nothing is written in place: the film is muxed under a temporary name and renamed when
complete, so a failed assembly leaves the previous film as it was.
"""

from __future__ import annotations

import fractions
import os
from dataclasses import dataclass
from pathlib import Path

from ..common.files import atomic_write_text
from ..common.media import stream_seconds
from ..speech.loudness import measure
from ..speech.subtitles import Cue, english_cues, read_srt, srt_text
from .pacing import pacing
from .render import SectionOutput

__all__ = ["AUDIO_RATE", "Assembled", "assemble", "decode_audio"]

AUDIO_RATE = 48000
#: The narration is mono; ffmpeg's "fast" AAC coder is ~9x quicker than the default
#: two-loop search on 11 minutes of audio (3 s against 27 s here) at no audible cost for speech.
AUDIO_LAYOUT = "mono"
AUDIO_OPTIONS = {"aac_coder": "fast"}


@dataclass(frozen=True)
class Assembled:
    """What went into the film.

    Each section's start and length (seconds), the loudness and the pacing (speech share, longest
    silence) of each section's sound (``None``: silent), and the
    Chinese and English cues in film time.
    """

    starts: list[float]
    lengths: list[float]
    levels: list
    zh: list[Cue]
    en: list[Cue]
    pacing: list


def assemble(outputs: list[SectionOutput], film: Path) -> Assembled:
    """Join the sections' videos; add one continuous AAC track, chapters and mov_text subtitles.

    Writes the film, its Chinese ``.srt`` and its English ``_en.srt``.
    """
    import av

    tmp = film.with_name(film.stem + ".partial.mp4")
    try:
        out = av.open(str(tmp), "w", options={"movflags": "+faststart"})
        inputs = [av.open(str(o.mp4)) for o in outputs]
        try:
            vout = out.add_stream_from_template(_same_video_format(outputs, inputs))
            aout = out.add_stream(
                "aac", rate=AUDIO_RATE, layout=AUDIO_LAYOUT, options=AUDIO_OPTIONS
            )
            aout.bit_rate = 128_000
            tracks = _subtitle_streams(out)
            lengths = [stream_seconds(c.streams.video[0]) for c in inputs]
            starts = _chapters(out, outputs, lengths)  # before the header
            _copy_video(out, vout, outputs, inputs, starts)
            pcm, levels, pacings = _sound(outputs, inputs, starts, lengths)
            _encode_audio(out, aout, pcm)
            cues, en_cues = _subtitles(out, tracks, outputs, starts, lengths)
        finally:
            for c in inputs:
                c.close()
            out.close()
        os.replace(tmp, film)
        atomic_write_text(film.with_suffix(".srt"), srt_text(cues))
        atomic_write_text(film.with_name(film.stem + "_en.srt"), srt_text(en_cues))
    finally:
        if tmp.exists():
            tmp.unlink()
    return Assembled(starts, lengths, levels, cues, en_cues, pacings)


def _same_video_format(outputs: list[SectionOutput], inputs: list):
    """The first section's video stream, once each section is checked to have its size and codec."""
    ref = inputs[0].streams.video[0]
    for o, c in zip(outputs, inputs):
        s = c.streams.video[0]
        if (s.codec_context.width, s.codec_context.height, s.codec_context.name) != (
            ref.codec_context.width,
            ref.codec_context.height,
            ref.codec_context.name,
        ):
            raise RuntimeError(
                f"section {o.section.id} has a different video format; "
                "render all sections at the same quality"
            )
    return ref


def _subtitle_streams(out) -> list:
    """Two mov_text streams, Chinese (shown by default) and English."""
    import av

    tracks = []
    for lang, title in (("chi", "中文"), ("eng", "English")):
        s = out.add_mux_stream("mov_text")
        s.time_base = fractions.Fraction(1, 1000)
        s.metadata["language"] = lang
        s.metadata["title"] = title
        tracks.append(s)
    tracks[0].disposition = av.stream.Disposition.default
    return tracks


def _chapters(out, outputs: list[SectionOutput], lengths: list[float]) -> list[float]:
    """A chapter per section, named by its title; return each section's start in the film (s)."""
    starts, chapters, t = [], [], 0.0
    for i, (o, length) in enumerate(zip(outputs, lengths)):
        starts.append(t)
        chapters.append(
            {
                "id": i + 1,
                "start": round(t * 1000),
                "end": round((t + length) * 1000),
                "time_base": fractions.Fraction(1, 1000),
                "metadata": {"title": o.section.title},
            }
        )
        t += length
    out.set_chapters(chapters)
    return starts


def _copy_video(out, vout, outputs: list[SectionOutput], inputs: list, starts: list[float]) -> None:
    """Copy the sections' video packets, shifted to their start.

    The dts stay strictly increasing across the joins.
    """
    last_dts = None
    for i, c in enumerate(inputs):
        s = c.streams.video[0]
        offset = round(starts[i] / s.time_base)
        for pkt in c.demux(s):
            if pkt.dts is None:
                continue
            pkt.pts += offset
            pkt.dts += offset
            if last_dts is not None and pkt.dts * s.time_base <= last_dts:
                raise RuntimeError(
                    f"non-monotonic timestamps joining section {outputs[i].section.id}"
                )
            last_dts = pkt.dts * s.time_base
            pkt.stream = vout
            out.mux(pkt)


def _sound(
    outputs: list[SectionOutput], inputs: list, starts: list[float], lengths: list[float]
) -> tuple:
    """Every section's sound (or silence) cut or padded to its video's length.

    With each section's loudness and pacing.
    """
    import numpy as np

    pcm = np.zeros((1, round(sum(lengths) * AUDIO_RATE)), dtype=np.float32)
    levels, pacings = [], []
    for i, c in enumerate(inputs):
        if not c.streams.audio:
            levels.append(None)
            pacings.append(None)
            continue
        start = round(starts[i] * AUDIO_RATE)
        chunk = decode_audio(outputs[i].mp4)[:, : round(lengths[i] * AUDIO_RATE)]
        pcm[:, start : start + chunk.shape[1]] = chunk
        levels.append(measure(chunk[0], AUDIO_RATE))
        pacings.append(pacing(chunk[0], AUDIO_RATE))
    return pcm, levels, pacings


def _subtitles(
    out, tracks: list, outputs: list[SectionOutput], starts: list[float], lengths: list[float]
) -> tuple[list[Cue], list[Cue]]:
    """The sections' cues moved to their place in the film, muxed into the two subtitle streams."""
    import av

    cues: list[Cue] = []
    en_cues: list[Cue] = []
    for i, o in enumerate(outputs):
        if o.srt is not None:
            cues += read_srt(o.srt, offset=starts[i], limit=lengths[i])
        en_cues += english_cues(o.beat_log(), offset=starts[i], limit=lengths[i])
    for stream, track in zip(tracks, (cues, en_cues)):
        for start, end, text in track:
            data = text.encode("utf-8")
            pkt = av.Packet(len(data).to_bytes(2, "big") + data)
            pkt.pts = pkt.dts = round(start * 1000)
            pkt.duration = round((end - start) * 1000)
            pkt.time_base = stream.time_base
            pkt.stream = stream
            out.mux(pkt)
    return cues, en_cues


def decode_audio(path: Path):
    import av
    import numpy as np

    resampler = av.AudioResampler(format="fltp", layout=AUDIO_LAYOUT, rate=AUDIO_RATE)
    parts = []
    with av.open(str(path)) as c:
        for frame in c.decode(c.streams.audio[0]):
            parts.extend(f.to_ndarray() for f in resampler.resample(frame))
        parts.extend(f.to_ndarray() for f in resampler.resample(None))
    return np.concatenate(parts, axis=1) if parts else np.zeros((1, 0), dtype=np.float32)


def _encode_audio(out, stream, pcm) -> None:
    import av

    step = 1024
    for start in range(0, pcm.shape[1], step):
        block = pcm[:, start : start + step].copy(order="C")
        frame = av.AudioFrame.from_ndarray(block, format="fltp", layout=AUDIO_LAYOUT)
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        frame.time_base = fractions.Fraction(1, AUDIO_RATE)
        for pkt in stream.encode(frame):
            out.mux(pkt)
    for pkt in stream.encode(None):
        out.mux(pkt)
