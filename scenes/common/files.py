"""Writing files so that no reader ever sees half of one (standard library only).

Every output of the project -- voice clips, models, section videos, the film, reports -- is
written to a temporary name beside its target and renamed onto it when complete: a failed
or interrupted step leaves the previous file as it was, and parallel processes never read a
half-written file.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "atomic_path",
    "intended_path",
    "atomic_write_text",
    "atomic_write_bytes",
    "atomic_copy",
    "mmss",
]


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to, renamed onto ``target`` at the end.

    The rename happens when the block ends normally; when it raises, the temporary is removed.
    The temporary name keeps the suffix (so that tools choosing a format by extension work)
    and is unique per process and thread.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     with atomic_path(Path(d) / "a.txt") as tmp:
    ...         _ = tmp.write_text("done")
    ...     sorted(p.name for p in Path(d).iterdir())
    ['a.txt']
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(
        f"{target.stem}.{os.getpid()}-{threading.get_ident()}.tmp{target.suffix}"
    )
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()


def intended_path(path: Path | str) -> Path:
    """The file a temporary of :func:`atomic_path` stands for (any other path as it is).

    >>> intended_path("out/sections/ta.1234-5678.tmp.srt")
    PosixPath('out/sections/ta.srt')
    """
    path = Path(path)
    m = re.fullmatch(r"(.+)\.\d+-\d+\.tmp(\.[^.]*)?", path.name)
    return path.with_name(m.group(1) + (m.group(2) or "")) if m else path


def atomic_write_text(target: Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def atomic_copy(src: Path, dst: Path) -> Path:
    with atomic_path(dst) as tmp:
        shutil.copyfile(src, tmp)
    return Path(dst)


def mmss(seconds: float, decimals: int = 1) -> str:
    """``75.25`` -> ``"1:15.2"``: minutes and seconds, as the reports and contact sheets show them.

    >>> mmss(75.25), mmss(9.0, 0), mmss(59.97)
    ('1:15.2', '0:09', '1:00.0')
    """
    minutes, rest = divmod(round(seconds, decimals), 60)
    width = 3 + decimals if decimals else 2
    return f"{int(minutes)}:{rest:0{width}.{decimals}f}"
