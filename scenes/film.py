"""Build the whole film: render sections in parallel (only those whose inputs changed) and
assemble them into one MP4 with chapters, one continuous audio track and Chinese subtitles.

Run through ``./render.sh`` (which sets everything up first); ``./render.sh --help`` lists
the options. Outputs go to ``out/``:

* ``cross_entropy_<res>.mp4`` — the film (video joined by stream copy, chapters, AAC audio,
  mov_text subtitles tagged Chinese), with ``.srt`` subtitles beside it;
* ``cross_entropy_<res>_contact.png`` — a contact sheet for review;
* ``cross_entropy_<res>_timing.md`` — each section's length against the script and its render time;
* ``sections/<res>/`` — the last good render of each section, ``logs/`` — manim's logs.

Nothing is written in place: every output goes to a temporary name and is renamed when
complete, so a failed or interrupted build leaves the previous results as they were.
"""
from __future__ import annotations

import argparse
import concurrent.futures as futures
import datetime as dt
import fractions
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .sections import SECTIONS, Section

ROOT = Path(__file__).resolve().parents[1]
FILM_STEM = "cross_entropy"
#: manim's quality presets: flag letter -> (height, fps)
QUALITIES = {"l": (480, 15), "m": (720, 30), "h": (1080, 60), "k": (2160, 60)}
VOICES = ("recorded", "kokoro", "espeak", "none")  # scenes.kit.voice.VOICE_MODES
#: manim's per-animation cache, by quality. It hashes every mobject at every play(): a cold
#: render costs +14 % at 480p15 and +12 % at 1080p60, but after a one-sentence narration
#: edit it re-renders only the changed animations (section 6 at 1080p60: 58 s instead of
#: 86 s). At high resolution that saving is what keeps an edit cheap; at low resolution
#: rendering is cheap and the hashing would cost the 480p film its 2-minute budget.
#: Unchanged sections are skipped whole by this builder in every case. (README: Performance.)
MANIM_CACHE = {"l": False, "m": False, "h": True, "k": True}
#: manim prunes its cache beyond 100 files by default: fewer than one section's animations.
MANIM_CACHE_FILES = 10000
AUDIO_RATE = 48000
#: how far a section's length may be from the script's target
LENGTH_TOLERANCE = 0.15
#: The narration is mono; ffmpeg's "fast" AAC coder is ~9x quicker than the default
#: two-loop search on 11 minutes of audio (3 s against 27 s here) at no audible cost for speech.
AUDIO_LAYOUT = "mono"
AUDIO_OPTIONS = {"aac_coder": "fast"}


class UsageError(Exception):
    pass


class SectionFailed(Exception):
    def __init__(self, section_id: str, message: str):
        super().__init__(f"section {section_id} failed: {message}")
        self.section_id = section_id


# --- arguments ------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="./render.sh",
        description="Render the sections and assemble the cross-entropy film in out/.",
    )
    p.add_argument("--quality", choices=list(QUALITIES), default="h",
                   help="manim preset: l=480p15, m=720p30, h=1080p60 (default), k=2160p60")
    p.add_argument("--sections", default=None,
                   help="comma-separated subset, e.g. s1,s3 (kept in film order; default: all)")
    p.add_argument("--jobs", default=None,
                   help="sections rendered at once (default: number of cores)")
    p.add_argument("--voice", choices=VOICES, default="recorded",
                   help="recorded (default: recordings where present, the Kokoro voice otherwise), "
                        "kokoro (synthetic only), espeak (robotic, light fallback) or none (silent, "
                        "estimated timing)")
    p.add_argument("--listen", action="store_true",
                   help="after the build, transcribe every beat offline and report how well the "
                        "narration is understood (out/cross_entropy_<res>_listen.md)")
    # for the test suite: another output folder, a registry of small test sections, tiny frames
    p.add_argument("--out", default=str(ROOT / "out"), help=argparse.SUPPRESS)
    p.add_argument("--registry", default=None, help=argparse.SUPPRESS)
    p.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--parse-only", action="store_true", help=argparse.SUPPRESS)
    return p


def load_registry(path: Path) -> list[Section]:
    """Sections from a JSON list of {id, file, scene, title, target_minutes} (test builds)."""
    items = json.loads(path.read_text(encoding="utf-8"))
    return [Section(i["id"], Path(i["file"]).stem, i["scene"], i["title"], i["target_minutes"],
                    file=Path(i["file"]).resolve()) for i in items]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _parser()
    args = parser.parse_args(argv)  # exits 2 with usage on unknown options
    try:
        if args.jobs is None:
            args.jobs = os.cpu_count() or 1
        else:
            try:
                args.jobs = int(args.jobs)
            except ValueError:
                raise UsageError(f"--jobs needs a whole number, got {args.jobs!r}") from None
            if args.jobs < 1:
                raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
        registry = load_registry(Path(args.registry)) if args.registry else list(SECTIONS)
        known = {s.id: s for s in registry}
        if args.sections is None:
            args.sections = [s for s in registry if s.path.is_file()]
            args.missing = [s for s in registry if not s.path.is_file()]
            if not args.sections:
                raise UsageError("no section has a scene file yet")
        else:
            names = [n.strip() for n in args.sections.split(",")]
            if not all(names):
                raise UsageError(f"--sections has an empty entry: {args.sections!r}")
            unknown = [n for n in names if n not in known]
            if unknown:
                raise UsageError(f"--sections: unknown section {unknown[0]!r}; known: {', '.join(known)}")
            args.sections = [s for s in registry if s.id in set(names)]
            args.missing = []
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        raise SystemExit(2)
    args.out = Path(args.out)
    return args


# --- paths and fingerprints -------------------------------------------------------------

TINY = (108, 5)


def resolution_name(args) -> str:
    h, fps = TINY if args.tiny else QUALITIES[args.quality]
    return f"{h}p{fps}"


def _files_under(path: Path, pattern: str = "*") -> list[Path]:
    if not path.exists():
        return []
    return sorted(p for p in path.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def voice_env(voice: str) -> dict[str, str]:
    env = {"EXPLAINER_VOICE": voice}
    for k in ("EXPLAINER_CPS", "EXPLAINER_KOKORO_VOICE", "EXPLAINER_KOKORO_SPEED", "EXPLAINER_LEXICON",
              "EXPLAINER_ESPEAK_VOICE", "EXPLAINER_ESPEAK_RATE", "EXPLAINER_ESPEAK_PITCH",
              "EXPLAINER_VOICE_DIR", "EXPLAINER_CACHE", "EXPLAINER_MODELS"):
        if os.environ.get(k):
            env[k] = os.environ[k]
    return env


def fingerprint(sec: Section, quality: str, voice: str, tiny: bool = False) -> str:
    """Hash of everything a section's render depends on."""
    h = hashlib.sha256()
    shared = [ROOT / "scenes" / "__init__.py", ROOT / "scenes" / "sections.py"]
    files = [sec.path, *shared, *_files_under(ROOT / "scenes" / "kit", "*.py"),
             *_files_under(ROOT / "infotheory", "*.py")]
    assets = ROOT / "assets"
    for f in _files_under(assets):
        rel = f.relative_to(assets).parts
        if rel[0] == "voice" and len(rel) > 1 and rel[1] != sec.id:
            continue  # another section's recordings
        files.append(f)
    for f in files:
        h.update(str(f.relative_to(ROOT) if f.is_relative_to(ROOT) else f).encode())
        h.update(b"\0")
        h.update(f.read_bytes() if f.is_file() else b"<missing>")
    import manim
    settings = {"quality": quality, "tiny": tiny, "manim": manim.__version__, "cache": MANIM_CACHE[quality],
                **voice_env(voice)}
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()


def _atomic_copy(src: Path, dst: Path) -> None:
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _atomic_write(dst: Path, text: str) -> None:
    tmp = dst.with_name(dst.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, dst)


# --- rendering ----------------------------------------------------------------------------

@dataclass
class SectionOutput:
    section: Section
    mp4: Path
    srt: Path | None
    render_seconds: float | None   # None: reused from an earlier build

    @property
    def skipped(self) -> bool:
        return self.render_seconds is None


class Progress:
    def __init__(self, total: int):
        self.total, self.done, self.t0 = total, 0, time.monotonic()
        self.lock = threading.Lock()

    def say(self, tag: str, msg: str) -> None:
        with self.lock:
            print(f"[{tag}] {msg}", flush=True)

    def finished(self, tag: str, msg: str) -> None:
        with self.lock:
            self.done += 1
            el = time.monotonic() - self.t0
            print(f"[{tag}] {msg}", flush=True)
            print(f"[film] {self.done}/{self.total} sections ready, {el:.0f} s elapsed", flush=True)


_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()


def is_current(sec: Section, args, key: str | None = None) -> bool:
    """Whether the last good render of ``sec`` was made from exactly the current inputs."""
    sec_dir = args.out / "sections" / resolution_name(args)
    mp4, stamp_file = sec_dir / f"{sec.id}.mp4", sec_dir / f"{sec.id}.json"
    if not (mp4.is_file() and stamp_file.is_file()):
        return False
    key = key or fingerprint(sec, args.quality, args.voice, args.tiny)
    return json.loads(stamp_file.read_text(encoding="utf-8")).get("fingerprint") == key


# --- narration synthesis (before the renders) -----------------------------------------------

def _worker_env(env: dict[str, str]) -> None:
    os.environ.update(env)


def _collect_texts(sec: Section) -> list[tuple[str, str]]:
    from .kit.script import collect_beats

    return [(b["id"], b["text"]) for b in collect_beats(sec)]


def _synthesize_beat(section_id: str, beat_id: str, text: str) -> float:
    from .kit.voice import VoiceSettings, clip_for

    clip = clip_for(VoiceSettings.from_env(), section_id, beat_id, text)
    return clip.duration if clip else 0.0


def prepare_voice(sections: list[Section], args) -> None:
    """Synthesise every clip the renders will need, in parallel, before they start.

    Synthesis takes about half the audio's length on idle cores and several times that while
    renders compete for them; done first, each render finds its clips in the cache.
    """
    if args.voice == "none" or not sections:
        return
    t0 = time.monotonic()
    ctx = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(max_workers=args.jobs, mp_context=ctx, initializer=_worker_env,
                                     initargs=(voice_env(args.voice),)) as pool:
        print(f"[voice] reading the narration of {len(sections)} section(s)", flush=True)
        # a section's beats are queued as soon as its narration is read, longest first, so that
        # synthesis overlaps the reading of the next sections and no core idles at the end
        reading = {pool.submit(_collect_texts, sec): sec for sec in sections}
        pending: dict[futures.Future, tuple[str, str, str]] = {}
        done = total = 0
        seconds, last = 0.0, time.monotonic()
        waiting = set(reading)
        while waiting:
            finished, waiting = futures.wait(waiting, return_when=futures.FIRST_COMPLETED)
            for fut in finished:
                if fut in reading:
                    sec = reading[fut]
                    try:
                        beats = fut.result()
                    except Exception as exc:
                        pool.shutdown(wait=False, cancel_futures=True)
                        raise SectionFailed(sec.id, f"reading its narration failed: {exc}") from exc
                    for bid, text in sorted(beats, key=lambda b: -len(b[1])):
                        job = pool.submit(_synthesize_beat, sec.id, bid, text)
                        pending[job] = (sec.id, bid, text)
                        waiting.add(job)
                    total += len(beats)
                    continue
                try:
                    seconds += fut.result()
                except Exception as exc:
                    sid, bid, _ = pending[fut]
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise SectionFailed(sid, f"the voice of beat {bid} failed: {exc}") from exc
                done += 1
                now = time.monotonic()
                if now - last >= 10 or not waiting:
                    el = now - t0
                    all_read = not any(f in reading for f in waiting)
                    more = f", about {el / done * (total - done):.0f} s left" if all_read else ""
                    print(f"[voice] {done}/{total} clips ready ({seconds:.0f} s of speech), "
                          f"{el:.0f} s elapsed{more}", flush=True)
                    last = now
    print(f"[voice] narration ready in {time.monotonic() - t0:.1f} s", flush=True)


def render_section(sec: Section, args, progress: Progress) -> SectionOutput:
    res = resolution_name(args)
    sec_dir = args.out / "sections" / res
    logs = args.out / "logs"
    sec_dir.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    final_mp4, final_srt, stamp_file = (sec_dir / f"{sec.id}.mp4", sec_dir / f"{sec.id}.srt",
                                        sec_dir / f"{sec.id}.json")
    if not sec.path.is_file():
        raise SectionFailed(sec.id, f"scene file {sec.path.relative_to(ROOT)} does not exist yet")
    key = fingerprint(sec, args.quality, args.voice, args.tiny)
    if is_current(sec, args, key):
        progress.finished(sec.id, "unchanged, reused the last render")
        return SectionOutput(sec, final_mp4, final_srt if final_srt.is_file() else None, None)

    progress.say(sec.id, f"started ({sec.title})")
    media = args.out / "build" / res
    log_path = logs / f"{sec.id}_{res}.log"
    size = ["-r", "192,108", "--fps", str(TINY[1])] if args.tiny else [f"-q{args.quality}"]
    cmd = [sys.executable, "-m", "manim", "render", *size, "--media_dir", str(media),
           "--progress_bar", "none", str(sec.path), sec.scene]
    if MANIM_CACHE[args.quality] and not args.tiny:
        cfg = media / f"manim_cache_{sec.id}.cfg"   # one per section: renders run in parallel
        cfg.parent.mkdir(parents=True, exist_ok=True)
        cfg.write_text(f"[CLI]\nmax_files_cached = {MANIM_CACHE_FILES}\n", encoding="utf-8")
        cmd[4:4] = ["--config_file", str(cfg)]
    else:
        cmd.insert(4, "--disable_caching")
    env = {**os.environ, **voice_env(args.voice), "PYTHONUNBUFFERED": "1"}
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        with _children_lock:
            _children.add(proc)
        try:
            rc = proc.wait()
        finally:
            with _children_lock:
                _children.discard(proc)
    seconds = time.monotonic() - t0
    mp4 = media / "videos" / sec.path.stem / res / f"{sec.scene}.mp4"
    if rc != 0 or not mp4.is_file():
        tail = _log_tail(log_path)
        raise SectionFailed(sec.id, f"manim exited with {rc}; log {log_path}:\n{tail}")
    _atomic_copy(mp4, final_mp4)
    srt_src = mp4.with_suffix(".srt")
    if srt_src.is_file():
        _atomic_copy(srt_src, final_srt)
    elif final_srt.exists():
        final_srt.unlink()
    beats = mp4.with_suffix(".beats.json")
    if beats.is_file():
        _atomic_copy(beats, sec_dir / f"{sec.id}.beats.json")
    _atomic_write(stamp_file, json.dumps({"fingerprint": key, "render_seconds": round(seconds, 2),
                                          "rendered_at": dt.datetime.now().isoformat(timespec="seconds")}))
    progress.finished(sec.id, f"finished in {seconds:.1f} s")
    return SectionOutput(sec, final_mp4, final_srt if final_srt.is_file() else None, seconds)


def _log_tail(path: Path, lines: int = 25) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    # manim's rich traceback is long; keep the end, where the error is
    return "\n".join("    " + l for l in text[-lines:])


# --- assembly -------------------------------------------------------------------------------

def _stream_seconds(stream) -> float:
    return float(stream.duration * stream.time_base)


def assemble(outputs: list[SectionOutput], film: Path) -> tuple[list[float], list]:
    """Join the sections' videos by stream copy, add one continuous AAC track, chapters and
    mov_text subtitles. Returns each section's start time in seconds and the loudness of each
    section's sound (``None`` for a silent one)."""
    import av
    import numpy as np
    import srt as srtlib

    from .kit.loudness import measure

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
            lengths = [_stream_seconds(c.streams.video[0]) for c in inputs]
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
                chunk = _decode_audio(outputs[i].mp4)[:, :limit]
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
        _atomic_write(film.with_suffix(".srt"), srtlib.compose(cues, reindex=True))
    finally:
        if tmp.exists():
            tmp.unlink()
    return starts, levels


def _decode_audio(path: Path):
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


# --- reports --------------------------------------------------------------------------------

def timing_report(outputs: list[SectionOutput], starts: list[float], film_seconds: float,
                  wall: float, levels: list | None = None) -> str:
    """Markdown table: each section's length (from its start in the film) against its target
    (within ±15 % is on target), its loudness and true peak, and its render time."""
    from .kit.loudness import CEILING_DBTP, TARGET_LUFS

    levels = levels or [None] * len(outputs)
    lengths = [end - start for start, end in zip(starts, [*starts[1:], film_seconds])]
    lines = ["| section | title | length | target | off by | loudness | true peak | render time |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for o, length, level in zip(outputs, lengths, levels):
        target = o.section.target_minutes * 60
        rendered = "reused" if o.skipped else f"{o.render_seconds:.1f} s"
        off = (length - target) / target
        loud = (f"{level.lufs:.1f} LUFS", f"{level.true_peak:.1f} dBTP") if level else ("silent", "—")
        lines.append(f"| {o.section.id} | {o.section.title} | {_mmss(length)} | {_mmss(target)} | "
                     f"{off:+.0%}{'' if abs(off) <= LENGTH_TOLERANCE else ' ⚠'} | {loud[0]} | {loud[1]} | {rendered} |")
    target_total = sum(o.section.target_minutes * 60 for o in outputs)
    lines.append(f"| film | | {_mmss(film_seconds)} | {_mmss(target_total)} | "
                 f"{(film_seconds - target_total) / target_total:+.0%} | | | build {wall:.1f} s |")
    lines += ["", f"Targets: each section within ±{LENGTH_TOLERANCE:.0%} of the script's length (⚠ marks one "
              f"outside); voice at {TARGET_LUFS:g} LUFS with true peaks at most {CEILING_DBTP:g} dBTP."]
    return "\n".join(lines) + "\n"


def _mmss(seconds: float) -> str:
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


# --- main -----------------------------------------------------------------------------------

def build(args) -> int:
    t0 = time.monotonic()
    args.out.mkdir(parents=True, exist_ok=True)
    res = resolution_name(args)
    film = args.out / f"{FILM_STEM}_{res}.mp4"
    sections = args.sections
    print(f"[film] {len(sections)} section(s) at {res}, voice {args.voice}, up to {args.jobs} at once",
          flush=True)
    if args.missing:
        print(f"[film] not yet written, left out: {', '.join(s.id for s in args.missing)}", flush=True)
    try:
        prepare_voice([s for s in sections if s.path.is_file() and not is_current(s, args)], args)
    except SectionFailed as exc:
        print(f"[film] FAILED: {exc}", file=sys.stderr, flush=True)
        print(f"[film] nothing was rendered; the previous film {film.name} was left as it was",
              file=sys.stderr, flush=True)
        return 1
    progress = Progress(len(sections))
    results: dict[str, SectionOutput] = {}
    failure: SectionFailed | None = None
    pool = futures.ThreadPoolExecutor(max_workers=args.jobs)
    try:
        pending = {pool.submit(render_section, s, args, progress): s for s in sections}
        for fut in futures.as_completed(pending):
            try:
                out = fut.result()
                results[out.section.id] = out
            except SectionFailed as exc:
                if failure is None:
                    failure = exc
                    for other in pending:   # stop: start nothing new
                        other.cancel()
            except Exception as exc:  # a bug in the builder itself: name the section anyway
                if failure is None:
                    failure = SectionFailed(pending[fut].id, repr(exc))
                    for other in pending:
                        other.cancel()
    except KeyboardInterrupt:
        _terminate_children()   # children run in their own sessions: stop them before waiting
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if failure is not None:
        print(f"[film] FAILED: {failure}", file=sys.stderr, flush=True)
        print(f"[film] sections that did render are kept in {args.out / 'sections' / res}; "
              f"the previous film {film.name} was left as it was", file=sys.stderr, flush=True)
        return 1

    outputs = [results[s.id] for s in sections]
    print("[film] assembling", flush=True)
    starts, levels = assemble(outputs, film)
    from .kit.media import contact_sheet, video_duration

    film_seconds = video_duration(film)
    labels_at = []
    count = 24
    for k in range(count):
        t = film_seconds * (k + 0.5) / count
        idx = max(i for i, s in enumerate(starts) if s <= t)
        labels_at.append(outputs[idx].section.id)
    sheet = contact_sheet(film, args.out / f"{FILM_STEM}_{res}_contact.png", count=count, columns=6,
                          labels=labels_at)
    wall = time.monotonic() - t0
    report = timing_report(outputs, starts, film_seconds, wall, levels)
    _atomic_write(args.out / f"{FILM_STEM}_{res}_timing.md", report)
    print(report, flush=True)
    print(f"[film] done in {wall:.1f} s: {film}\n[film] subtitles {film.with_suffix('.srt')}, "
          f"contact sheet {sheet}", flush=True)
    if args.listen:
        return listen(outputs, args.out / f"{FILM_STEM}_{res}_listen.md", args.voice)
    return 0


def listen(outputs: list[SectionOutput], path: Path, voice: str) -> int:
    """The listen check over the built sections (see :mod:`scenes.kit.listen`)."""
    if voice == "none":
        print("[listen] the voice is off (--voice none): nothing to listen to", file=sys.stderr)
        return 1
    os.environ.update(voice_env(voice))
    from .kit.listen import TARGET_BEAT, TARGET_OVERALL, listen_sections, report

    scores = listen_sections([o.section for o in outputs])
    _atomic_write(path, report(scores, ", ".join(o.section.id for o in outputs)))
    errors, n = sum(s.errors for s in scores), sum(s.syllables for s in scores) or 1
    worst = max((s.rate for s in scores), default=0.0)
    ok = errors / n <= TARGET_OVERALL and worst <= TARGET_BEAT
    print(f"[listen] {errors / n:.1%} of {n} syllables misheard, worst beat {worst:.0%}: "
          f"{'target met' if ok else 'target NOT met'}; report {path}", flush=True)
    return 0 if ok else 1


def _terminate_children(*_):
    with _children_lock:
        for p in list(_children):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.parse_only:
        return 0
    try:
        return build(args)
    except KeyboardInterrupt:
        _terminate_children()
        print("\n[film] interrupted; previous outputs left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
