"""Joining the sections into the film: video, one audio track, chapters and subtitles.

The video is joined by stream copy; the audio is one continuous AAC track; the subtitles are
tagged Chinese (PyAV and srt, both manim's own dependencies).

Nothing is written in place: the film is muxed under a temporary name and renamed when
complete, so a failed assembly leaves the previous film as it was.
"""
from __future__ import annotations

import datetime as dt
import fractions
import os
from pathlib import Path

from ..kit.files import atomic_write_text
from ..kit.loudness import measure
from ..kit.media import stream_seconds
from .render import SectionOutput

__all__ = ["AUDIO_RATE", "assemble", "decode_audio"]

AUDIO_RATE = 48000
#: The narration is mono; ffmpeg's "fast" AAC coder is ~9x quicker than the default
#: two-loop search on 11 minutes of audio (3 s against 27 s here) at no audible cost for speech.
AUDIO_LAYOUT = "mono"
AUDIO_OPTIONS = {"aac_coder": "fast"}


def assemble(outputs: list[SectionOutput], film: Path) -> tuple[list[float], list]:
    """Join the sections' videos; add one continuous AAC track, chapters and mov_text subtitles.

    Returns each section's start time in seconds and the loudness of each section's sound
    (``None`` for a silent one).
    """
    import av
    import numpy as np
    import srt as srtlib

    tmp = film.with_name(film.stem + ".partial.mp4")
    starts: list[float] = []
    levels: list = []
    cues: list[srtlib.Subtitle] = []
    try:
        out = av.open(str(tmp), "w", options={"movflags": "+faststart"})
        inputs = [av.open(str(o.mp4)) for o in outputs]
        try:
            ref = inputs[0].streams.video[0]
            vout = out.add_stream_from_template(ref)
            for o, c in zip(outputs, inputs):
                s = c.streams.video[0]
                if (s.codec_context.width, s.codec_context.height, s.codec_context.name) != \
                        (ref.codec_context.width, ref.codec_context.height, ref.codec_context.name):
                    raise RuntimeError(f"section {o.section.id} has a different video format; "
                                       "render all sections at the same quality")
            aout = out.add_stream("aac", rate=AUDIO_RATE, layout=AUDIO_LAYOUT, options=AUDIO_OPTIONS)
            aout.bit_rate = 128_000
            sout = out.add_mux_stream("mov_text")
            sout.time_base = fractions.Fraction(1, 1000)
            sout.metadata["language"] = "chi"
            sout.metadata["title"] = "中文"

            # section lengths and chapters first: chapters must be set before the header
            lengths = [stream_seconds(c.streams.video[0]) for c in inputs]
            t = 0.0
            chapters = []
            for i, (o, length) in enumerate(zip(outputs, lengths)):
                starts.append(t)
                chapters.append({"id": i + 1, "start": round(t * 1000), "end": round((t + length) * 1000),
                                 "time_base": fractions.Fraction(1, 1000),
                                 "metadata": {"title": o.section.title}})
                t += length
            out.set_chapters(chapters)

            # video: copy packets, shifting timestamps; keep dts strictly increasing across joins
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
                        raise RuntimeError(f"non-monotonic timestamps joining section {outputs[i].section.id}")
                    last_dts = pkt.dts * s.time_base
                    pkt.stream = vout
                    out.mux(pkt)

            # audio: every section's sound (or silence) cut/padded to its video length
            total = round(sum(lengths) * AUDIO_RATE)
            pcm = np.zeros((1, total), dtype=np.float32)
            for i, c in enumerate(inputs):
                if not c.streams.audio:
                    levels.append(None)
                    continue
                start = round(starts[i] * AUDIO_RATE)
                limit = round(lengths[i] * AUDIO_RATE)
                chunk = decode_audio(outputs[i].mp4)[:, :limit]
                pcm[:, start:start + chunk.shape[1]] = chunk
                levels.append(measure(chunk[0], AUDIO_RATE))
            _encode_audio(out, aout, pcm)

            # subtitles: the sections' cues, shifted to their place in the film
            for i, o in enumerate(outputs):
                if o.srt is None:
                    continue
                for cue in srtlib.parse(o.srt.read_text(encoding="utf-8")):
                    off = dt.timedelta(seconds=starts[i])
                    end = min(cue.end, dt.timedelta(seconds=lengths[i]))
                    if end <= cue.start:
                        continue
                    cues.append(srtlib.Subtitle(len(cues) + 1, cue.start + off, end + off, cue.content))
            for cue in cues:
                data = cue.content.encode("utf-8")
                pkt = av.Packet(len(data).to_bytes(2, "big") + data)
                pkt.pts = pkt.dts = round(cue.start.total_seconds() * 1000)
                pkt.duration = round((cue.end - cue.start).total_seconds() * 1000)
                pkt.time_base = sout.time_base
                pkt.stream = sout
                out.mux(pkt)
        finally:
            for c in inputs:
                c.close()
            out.close()
        os.replace(tmp, film)
        atomic_write_text(film.with_suffix(".srt"), srtlib.compose(cues, reindex=True))
    finally:
        if tmp.exists():
            tmp.unlink()
    return starts, levels


def decode_audio(path: Path):
    import av
    import numpy as np

    resampler = av.AudioResampler(format="fltp", layout=AUDIO_LAYOUT, rate=AUDIO_RATE)
    parts = []
    with av.open(str(path)) as c:
        for frame in c.decode(c.streams.audio[0]):
            for f in resampler.resample(frame):
                parts.append(f.to_ndarray())
        for f in resampler.resample(None):
            parts.append(f.to_ndarray())
    return np.concatenate(parts, axis=1) if parts else np.zeros((1, 0), dtype=np.float32)


def _encode_audio(out, stream, pcm) -> None:
    import av

    step = 1024
    for start in range(0, pcm.shape[1], step):
        block = pcm[:, start:start + step].copy(order="C")
        frame = av.AudioFrame.from_ndarray(block, format="fltp", layout=AUDIO_LAYOUT)
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        frame.time_base = fractions.Fraction(1, AUDIO_RATE)
        for pkt in stream.encode(frame):
            out.mux(pkt)
    for pkt in stream.encode(None):
        out.mux(pkt)
