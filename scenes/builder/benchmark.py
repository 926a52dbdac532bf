"""Measure the film build against the targets in the README (run it, then copy the table there).

    .venv/bin/python -m scenes.builder.benchmark               # 1080p60 and 480p15, all sections
    .venv/bin/python -m scenes.builder.benchmark --quality m   # another main quality
    .venv/bin/python -m scenes.builder.benchmark --sections s3

It works on a snapshot of the code (``scenes/``, ``infotheory/``, ``assets/`` copied to a scratch
folder and imported from there), so the repository is not touched and edits made while it runs
do not leak into the measurement:

1. a full build from nothing at ``--quality`` (wall time), with an empty voice cache: every clip
   of the default voice is synthesised, and the builder's narration stage is timed on its own
   against the length of the speech it made (in a build from nothing that stage also typesets
   the formulas the scenes create while their narration is read);
1b. the narration alone (``--narration-only``) into another empty voice cache, the formulas now
   typeset: cold narration synthesis of the whole film;
2. the time to encode the same frames alone: the film's frames re-encoded with manim's encoder
   settings (libx264, crf 23, yuv420p), decode time subtracted;
3. a rebuild after editing one sentence of narration in one section (one clip synthesised again,
   one section rendered again);
4. a full ``--quality l`` build with the clips of (1) cached.

Targets: narration stage <= 0.4 x the spoken length; (1) <= 1.5 x (2); (3) <= 10 % of (1);
(4) <= 2 minutes.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..common.media import audio_duration
from ..paths import MODEL_CACHE
from ..paths import REPO_ROOT as ROOT
from ..sections import SECTIONS, parse_section_list
from .cli import FILM_STEM, QUALITIES


def _build(
    repo: Path, out: Path, quality: str, sections: list[str], cache: Path, *extra: str
) -> tuple[float, str]:
    cmd = [
        sys.executable,
        "-m",
        "scenes.builder",
        "--quality",
        quality,
        "--out",
        str(out),
        "--sections",
        ",".join(sections),
        *extra,
    ]
    env = {
        **os.environ,
        "EXPLAINER_CACHE": str(cache),
        "PYTHONPATH": str(repo),
        "EXPLAINER_MODELS": str(MODEL_CACHE),
    }  # the model is set up once, by setup.sh
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env)
    wall = time.monotonic() - t0
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return wall, proc.stdout


def narration_stage(stdout: str, cache: Path) -> tuple[float, float, int]:
    """(seconds the narration stage took, seconds of speech in the voice cache, clips)."""
    m = re.search(r"\[voice\] narration ready in ([0-9.]+) s", stdout)
    if not m:
        raise SystemExit("the build printed no narration stage: is the voice off?")
    clips = sorted(cache.glob("*.wav"))  # the beats; effects and recordings live in subfolders
    return float(m.group(1)), sum(audio_duration(c) for c in clips), len(clips)


def encode_only_seconds(film: Path) -> tuple[float, int]:
    """Seconds to encode the film's frames with manim's settings (decode time subtracted)."""
    import av

    t0 = time.monotonic()
    n = 0
    with av.open(str(film)) as c:
        for frame in c.decode(c.streams.video[0]):
            frame.to_ndarray(format="yuv420p")
            n += 1
    decode = time.monotonic() - t0

    t0 = time.monotonic()
    with av.open(str(film)) as c, tempfile.TemporaryDirectory() as tmp:
        src = c.streams.video[0]
        with av.open(str(Path(tmp) / "x.mp4"), "w") as out:
            dst = out.add_stream("libx264", rate=src.average_rate, options={"crf": "23"})
            dst.width, dst.height, dst.pix_fmt = (
                src.codec_context.width,
                src.codec_context.height,
                "yuv420p",
            )
            for frame in c.decode(src):
                frame = av.VideoFrame.from_ndarray(
                    frame.to_ndarray(format="yuv420p"), format="yuv420p"
                )
                for pkt in dst.encode(frame):
                    out.mux(pkt)
            for pkt in dst.encode(None):
                out.mux(pkt)
    both = time.monotonic() - t0
    return max(both - decode, 0.0), n


#: vector instructions that int8 inference and the video encoder make use of when present
_ISA = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8")


def machine() -> str:
    """The CPU the figures were measured on, which they depend on.

    The voice model runs int8 convolutions, whose speed depends on the vector instructions the
    CPU has (:data:`_ISA`); the film's frames are encoded with libx264, which uses them too.
    """
    import platform

    name, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                name = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    except OSError:
        pass
    try:
        import onnxruntime

        ort = f"onnxruntime {onnxruntime.__version__}"
    except ImportError:
        ort = "no onnxruntime"
    isa = ", ".join(f for f in _ISA if f in flags) or "none of " + ", ".join(_ISA)
    return f"{name}, {os.cpu_count()} cores ({isa}); {ort}"


def edit_one_sentence(path: Path) -> None:
    """Put "好，" in front of the first sentence the section speaks.

    That is the first literal string given to a ``narrate(...)`` call in the code (a mention in a
    docstring or comment does not count: editing it would change no clip).
    """
    text = path.read_text(encoding="utf-8")
    said = [
        n.args[0]
        for n in ast.walk(ast.parse(text))
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "narrate"
        and n.args
        and isinstance(n.args[0], (ast.Constant, ast.JoinedStr))
    ]
    if not said:
        raise SystemExit(f"no narration found in {path}")
    first = min(said, key=lambda node: (node.lineno, node.col_offset))
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: first.lineno - 1]) + len(
        lines[first.lineno - 1].encode("utf-8")[: first.col_offset].decode("utf-8")
    )
    opening = re.compile(r"[rRfFuU]*(\"\"\"|'''|\"|')").match(text, start)
    if opening is None:
        raise SystemExit(f"cannot find the opening quote of the narration at {path}:{first.lineno}")
    path.write_text(text[: opening.end()] + "好，" + text[opening.end() :], encoding="utf-8")


@dataclass(frozen=True)
class Measures:
    """What one benchmark run measured (seconds, unless named otherwise)."""

    res: str
    full: float
    stage: float
    speech: float
    clips: int
    alone: float
    alone_speech: float
    encode: float
    frames: int
    rebuild: float
    low: float


def _arguments(argv) -> tuple[argparse.Namespace, list]:
    """The parsed arguments and the sections to build (those that exist, narrowed by --sections)."""
    p = argparse.ArgumentParser(
        prog="python -m scenes.builder.benchmark", description=__doc__.split("\n")[0]
    )
    p.add_argument("--quality", choices=list(QUALITIES), default="h")
    p.add_argument("--sections", default=None)
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = p.parse_args(argv)
    existing = [s for s in SECTIONS if s.path.is_file()]
    if args.sections:
        try:
            wanted = parse_section_list(args.sections)
        except ValueError as exc:
            p.error(str(exc))
        existing = [s for s in existing if s.id in wanted]
    return args, existing


def _snapshot(repo: Path) -> None:
    """Copy the code the build imports into the scratch repository."""
    for folder in ("scenes", "infotheory", "assets"):
        if (ROOT / folder).is_dir():
            shutil.copytree(
                ROOT / folder, repo / folder, ignore=shutil.ignore_patterns("__pycache__")
            )


def _measure(scratch: Path, quality: str, existing: list) -> Measures:
    """Steps 1-4 of the module's docstring, in a snapshot under ``scratch``."""
    repo = scratch / "repo"
    _snapshot(repo)
    ids = [s.id for s in existing]
    cache = scratch / "voice-cache"  # empty: the build synthesises every clip
    h, fps = QUALITIES[quality]
    res = f"{h}p{fps}"

    print(f"[bench] full build at {res}: {', '.join(ids)}", flush=True)
    full, stdout = _build(repo, scratch / "out", quality, ids, cache)
    stage, speech, clips = narration_stage(stdout, cache)
    print(
        f"[bench] narration stage {stage:.1f} s for {clips} clips, {speech:.1f} s of speech",
        flush=True,
    )
    film = scratch / "out" / f"{FILM_STEM}_{res}.mp4"
    print(
        (scratch / "out" / f"{FILM_STEM}_{res}_timing.md").read_text(encoding="utf-8"), flush=True
    )
    print("[bench] narration alone, empty voice cache", flush=True)
    _, alone_out = _build(
        repo, scratch / "out-voice", quality, ids, scratch / "voice-cache-2", "--narration-only"
    )
    alone, alone_speech, _ = narration_stage(alone_out, scratch / "voice-cache-2")
    print(f"[bench] narration alone {alone:.1f} s for {alone_speech:.1f} s of speech", flush=True)
    print("[bench] encode-only baseline", flush=True)
    encode, frames = encode_only_seconds(film)
    print(
        f"[bench] full build {full:.1f} s; encode-only {encode:.1f} s for {frames} frames",
        flush=True,
    )
    edit_one_sentence(repo / "scenes" / existing[-1].path.name)
    print(f"[bench] rebuild after a one-sentence edit in {existing[-1].id}", flush=True)
    rebuild, _ = _build(repo, scratch / "out", quality, ids, cache)
    print(f"[bench] rebuild {rebuild:.1f} s", flush=True)
    print(
        (scratch / "out" / f"{FILM_STEM}_{res}_timing.md").read_text(encoding="utf-8"), flush=True
    )
    print("[bench] full build at 480p15", flush=True)
    low, _ = _build(repo, scratch / "out-l", "l", ids, cache)
    print(
        (scratch / "out-l" / f"{FILM_STEM}_480p15_timing.md").read_text(encoding="utf-8"),
        flush=True,
    )
    return Measures(
        res, full, stage, speech, clips, alone, alone_speech, encode, frames, rebuild, low
    )


def table_rows(m: Measures) -> list[tuple[str, ...]]:
    """The README's table: measure, quality, time, target, met or not."""
    return [
        (
            "narration synthesis, empty voice cache",
            m.res,
            f"{m.alone:.0f} s for {m.alone_speech:.0f} s of speech",
            "<= 0.4 x spoken length",
            f"{'met' if m.alone <= 0.4 * m.alone_speech else 'NOT met'} "
            f"({m.alone / m.alone_speech:.2f} x)",
        ),
        (
            "narration stage of a build from nothing (also typesets the formulas)",
            m.res,
            f"{m.stage:.0f} s for {m.speech:.0f} s of speech ({m.clips} clips)",
            "",
            f"{m.stage / m.speech:.2f} x",
        ),
        (
            "full build",
            m.res,
            f"{m.full:.0f} s",
            f"<= 1.5 x encode-only ({1.5 * m.encode:.0f} s)",
            "met" if m.full <= 1.5 * m.encode else "NOT met",
        ),
        ("encode the same frames alone", m.res, f"{m.encode:.0f} s ({m.frames} frames)", "", ""),
        (
            "rebuild after one-sentence edit",
            m.res,
            f"{m.rebuild:.0f} s ({m.rebuild / m.full:.0%} of full)",
            "<= 10 %",
            "met" if m.rebuild <= 0.10 * m.full else "NOT met",
        ),
        (
            "full build",
            "480p15",
            f"{m.low:.0f} s",
            "<= 120 s",
            "met" if m.low <= 120 else "NOT met",
        ),
    ]


def main(argv=None) -> int:
    args, existing = _arguments(argv)
    where = machine()
    print(f"[bench] {where}", flush=True)
    scratch = Path(tempfile.mkdtemp(prefix="film-bench-"))
    try:
        measures = _measure(scratch, args.quality, existing)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nSections: {', '.join(s.id for s in existing)}\nMachine: {where}\n")
    print("| measure | quality | time | target | |\n| --- | --- | ---: | --- | --- |")
    for r in table_rows(measures):
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
