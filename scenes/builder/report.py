"""What a build tells the person who ran it: the timing report and the contact sheet."""

from __future__ import annotations

from pathlib import Path

from ..common.files import atomic_path, mmss
from ..common.media import frames_at, video_duration
from ..speech.loudness import CEILING_DBTP, TARGET_LUFS
from .pacing import MAX_SPEECH_SHARE
from .render import SectionOutput

__all__ = [
    "LENGTH_TOLERANCE",
    "timing_report",
    "overruns",
    "stale_recordings",
    "frame_grid",
    "contact_sheet",
]

#: how far a section's length may be from the script's target: 15 % shorter, 20 % longer (time
#: spent on pictures and pauses, not on more words)
LENGTH_TOLERANCE = (-0.15, 0.20)
_FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def overruns(outputs: list[SectionOutput]) -> list[str]:
    """``s3/loaded_die.2 (scenes/s3_….py:120): animations run 1.2 s past the narration`` lines."""
    return [
        f"{o.section.id}/{b['id']} ({b.get('source', '?')}): animations run {b['overrun']:.1f} s "
        "past the narration"
        for o in outputs
        for b in o.beat_log()
        if b.get("overrun", 0) > 0
    ]


def stale_recordings(outputs: list[SectionOutput]) -> list[str]:
    """``s3/loaded_die.2: assets/voice/s3/loaded_die.2.wav`` per recording made for other text."""
    return [
        f"{o.section.id}/{b['id']}: {b['stale_recording']}"
        for o in outputs
        for b in o.beat_log()
        if b.get("stale_recording")
    ]


def _pace(p) -> tuple[str, str]:
    """The speech share (⚠ above the standard) and the longest silence of a section."""
    if p is None:
        return "—", "—"
    flag = " ⚠" if p.speech_share > MAX_SPEECH_SHARE else ""
    return f"{p.speech_share:.0%}{flag}", f"{p.longest_silence:.1f} s at {mmss(p.silence_at, 0)}"


def timing_report(
    outputs: list[SectionOutput],
    starts: list[float],
    film_seconds: float,
    wall: float,
    levels: list | None = None,
    pacing: list | None = None,
) -> str:
    """The timing report as Markdown: every section's length, loudness, pacing and render time.

    Each length (from the section's start in the film) is set against the script's target
    (:data:`LENGTH_TOLERANCE`); the pacing is the share of the section with speech (at most
    :data:`~scenes.builder.pacing.MAX_SPEECH_SHARE`) and its longest silence, with where it starts
    in the section. Then come the beats whose animations outlast their narration and the recordings
    made for other text than their beat's narration now.
    """
    levels = levels or [None] * len(outputs)
    pacing = pacing or [None] * len(outputs)
    low, high = LENGTH_TOLERANCE
    lengths = [end - start for start, end in zip(starts, [*starts[1:], film_seconds])]
    lines = [
        "| section | title | length | target | off by | speech | longest silence | loudness | true "
        "peak | render time |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for o, length, level, pace in zip(outputs, lengths, levels, pacing):
        target = o.section.target_minutes * 60
        rendered = "reused" if o.skipped else f"{o.render_seconds:.1f} s"
        off = (length - target) / target
        loud = (
            (f"{level.lufs:.1f} LUFS", f"{level.true_peak:.1f} dBTP") if level else ("silent", "—")
        )
        speech, silence = _pace(pace)
        lines.append(
            f"| {o.section.id} | {o.section.title} | {mmss(length)} | {mmss(target)} | "
            f"{off:+.0%}{'' if low <= off <= high else ' ⚠'} | {speech} | {silence} | {loud[0]} | "
            f"{loud[1]} | {rendered} |"
        )
    target_total = sum(o.section.target_minutes * 60 for o in outputs)
    lines.append(
        f"| film | | {mmss(film_seconds)} | {mmss(target_total)} | "
        f"{(film_seconds - target_total) / target_total:+.0%} | | | | | build {wall:.1f} s |"
    )
    lines += [
        "",
        f"Targets (⚠ marks a miss): each section from {low:.0%} to {high:+.0%} of the script's "
        f"length; speech at most {MAX_SPEECH_SHARE:.0%} of each section, so that results get a "
        f"moment of silence; voice at {TARGET_LUFS:g} LUFS with true peaks at most "
        f"{CEILING_DBTP:g} dBTP.",
    ]
    late = overruns(outputs)
    if late:
        lines += [
            "",
            "Beats whose animations run past their narration (the viewer waits in silence):",
            "",
        ]
        lines += [f"- {line}" for line in late]
    stale = stale_recordings(outputs)
    if stale:
        lines += ["", "Recordings made for different text (re-record or delete them):", ""]
        lines += [f"- {line}" for line in stale]
    return "\n".join(lines) + "\n"


def sheet_font(size: int):
    from PIL import ImageFont

    for f in _FONT_CANDIDATES:
        if Path(f).is_file():
            return ImageFont.truetype(f, size)
    return ImageFont.load_default()


def frame_grid(
    images, out: Path, captions: list[str] | None = None, columns: int = 6, width: int = 320
) -> Path:
    """Frames (PIL images) in a grid, ``columns`` wide, each ``width`` pixels, captioned beneath."""
    from PIL import Image, ImageDraw

    columns = min(columns, len(images))
    h = round(width * images[0].height / images[0].width)
    band = 24 if captions else 0  # room for a caption line with descenders
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * width, rows * (h + band)), "black")
    draw = ImageDraw.Draw(sheet)
    font = sheet_font(16)
    for k, img in enumerate(images):
        x, y = (k % columns) * width, (k // columns) * (h + band)
        sheet.paste(img.resize((width, h)), (x, y))
        if captions:
            draw.text((x + 4, y + h + 2), captions[k], fill="white", font=font)
    with atomic_path(out) as tmp:
        sheet.save(tmp)
    return out


def contact_sheet(
    path: Path,
    out: Path,
    count: int = 24,
    columns: int = 6,
    width: int = 320,
    labels: list[str] | None = None,
) -> Path:
    """A PNG grid of ``count`` evenly spaced frames, each stamped with its time (m:ss)."""
    duration = video_duration(path)
    times = [duration * (i + 0.5) / count for i in range(count)]
    stamps = [mmss(t) + (f"  {labels[k]}" if labels else "") for k, t in enumerate(times)]
    return frame_grid(frames_at(path, times), out, stamps, columns, width)
