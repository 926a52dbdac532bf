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
    """The first frame at or after each time (seconds), decoded sequentially."""
    wanted = sorted(times)
    out: dict[float, Image.Image] = {}
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        last = None
        i = 0
        for frame in c.decode(stream):
            t = float(frame.pts * stream.time_base)
            last = frame
            while i < len(wanted) and t >= wanted[i] - 1e-6:
                out[wanted[i]] = frame.to_image()
                i += 1
            if i == len(wanted):
                break
        while i < len(wanted) and last is not None:  # times past the end: the last frame
            out[wanted[i]] = last.to_image()
            i += 1
    return [out[t] for t in times]


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
