"""Reading rendered videos back: frames at given times and contact sheets (PyAV + Pillow)."""
from __future__ import annotations

from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

__all__ = ["video_duration", "frames_at", "contact_sheet"]

_FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


def video_duration(path: Path) -> float:
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        if s.duration is not None:
            return float(s.duration * s.time_base)
        return c.duration / 1_000_000


def frames_at(path: Path, times: list[float]) -> list[Image.Image]:
    """The first frame at or after each time (seconds); the last frame for times past the end.

    Seeks to the keyframe before each time and decodes forward from there, so a few frames
    of a long 1080p film cost about as much as a few short decodes.
    """
    out: list[Image.Image] = []
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


def _font(size: int):
    for f in _FONT_CANDIDATES:
        if Path(f).is_file():
            return ImageFont.truetype(f, size)
    return ImageFont.load_default()


def contact_sheet(path: Path, out: Path, count: int = 24, columns: int = 6, width: int = 320,
                  labels: list[str] | None = None) -> Path:
    """A PNG grid of ``count`` evenly spaced frames, each stamped with its time (mm:ss)."""
    duration = video_duration(path)
    times = [duration * (i + 0.5) / count for i in range(count)]
    frames = frames_at(path, times)
    h = round(width * frames[0].height / frames[0].width)
    rows = -(-count // columns)
    sheet = Image.new("RGB", (columns * width, rows * (h + 22)), "black")
    draw = ImageDraw.Draw(sheet)
    font = _font(16)
    for k, (t, img) in enumerate(zip(times, frames)):
        x, y = (k % columns) * width, (k // columns) * (h + 22)
        sheet.paste(img.resize((width, h)), (x, y))
        stamp = f"{int(t // 60):02d}:{t % 60:04.1f}"
        if labels:
            stamp += "  " + labels[k]
        draw.text((x + 4, y + h + 2), stamp, fill="white", font=font)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.png")
    sheet.save(tmp)
    tmp.replace(out)
    return out
