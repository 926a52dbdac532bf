"""The film builder, on three tiny test sections (voiced, silent, voiced)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import av
import pytest
import srt

from ..helpers import DATA, ROOT, tiny_build_command

FILM = "cross_entropy_108p5.mp4"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("film")
    scenes = tmp / "sections"
    shutil.copytree(DATA / "film", scenes)
    registry = [
        {
            "id": "ta",
            "file": str(scenes / "ta_voiced.py"),
            "scene": "VoicedA",
            "title": "甲：有声",
            "target_minutes": 0.1,
        },
        {
            "id": "tb",
            "file": str(scenes / "tb_silent.py"),
            "scene": "SilentB",
            "title": "乙：无声",
            "target_minutes": 0.05,
        },
        {
            "id": "tc",
            "file": str(scenes / "tc_voiced.py"),
            "scene": "VoicedC",
            "title": "丙：有声",
            "target_minutes": 0.1,
        },
    ]
    (tmp / "registry.json").write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    return tmp


def build(ws: Path, *extra, env=None):
    cmd = tiny_build_command(ws / "registry.json", ws / "out", *extra)
    full_env = {**os.environ, "EXPLAINER_CACHE": str(ws / "voice-cache"), **(env or {})}
    return subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=600)


def section_length(path: Path) -> float:
    from scenes.common.media import video_duration

    return video_duration(path)


@pytest.fixture(scope="module")
def first_build(workspace):
    proc = build(workspace)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.mark.render
def test_film_has_chapters_audio_and_two_subtitle_tracks(workspace, first_build):
    out = workspace / "out"
    film = out / FILM
    lengths = [section_length(out / "sections" / "108p5" / f"{s}.mp4") for s in ("ta", "tb", "tc")]
    with av.open(str(film)) as c:
        video = c.streams.video[0]
        v_len = float(video.duration * video.time_base)
        assert v_len == pytest.approx(sum(lengths), abs=0.25)
        # one continuous audio stream over the whole film, silent section included
        assert len(c.streams.audio) == 1
        a = c.streams.audio[0]
        assert float(a.duration * a.time_base) == pytest.approx(v_len, abs=0.1)
        chapters = c.chapters()
        assert [ch["metadata"]["title"] for ch in chapters] == ["甲：有声", "乙：无声", "丙：有声"]
        starts = [ch["start"] * ch["time_base"] for ch in chapters]
        assert float(starts[1]) == pytest.approx(lengths[0], abs=0.01)
        assert float(starts[2]) == pytest.approx(lengths[0] + lengths[1], abs=0.01)
        subs = [s for s in c.streams if s.type == "subtitle"]
        assert [s.metadata.get("language") for s in subs] == ["chi", "eng"]
        assert subs[0].disposition & av.stream.Disposition.default
        assert not subs[1].disposition & av.stream.Disposition.default
        by_track = {s.index: [] for s in subs}
        for p in c.demux(subs):  # one pass: a demux reads to the end
            if p.pts is not None and p.size > 2:
                by_track[p.stream.index].append(
                    (float(p.pts * p.time_base), bytes(p)[2:].decode("utf-8"))
                )
        packets, en_packets = by_track[subs[0].index], by_track[subs[1].index]
    # the audio carries speech in the voiced sections and exact silence in the silent one
    import numpy as np

    from scenes.builder.mux import AUDIO_RATE, decode_audio

    pcm = decode_audio(film)
    a_end, b_end = lengths[0], lengths[0] + lengths[1]

    def rms(t0, t1):
        return float(np.sqrt(np.mean(pcm[:, int(t0 * AUDIO_RATE) : int(t1 * AUDIO_RATE)] ** 2)))

    assert rms(0, a_end) > 0.01
    assert rms(a_end + 0.1, b_end - 0.1) < 1e-4
    assert rms(b_end, v_len) > 0.01
    # cue offsets: section C's cues are shifted by the lengths of A and B
    section_c = list(srt.parse((out / "sections" / "108p5" / "tc.srt").read_text(encoding="utf-8")))
    in_film = {text: t for t, text in packets}
    first_c = section_c[0]
    assert in_film[first_c.content] == pytest.approx(
        first_c.start.total_seconds() + lengths[0] + lengths[1], abs=0.01
    )
    sidecar = list(srt.parse((out / FILM).with_suffix(".srt").read_text(encoding="utf-8")))
    assert [c.content for c in sidecar] == [text for _, text in packets]
    # English: the cues of every block with en=, timed inside its beat, in the film and beside it
    en_sidecar = list(
        srt.parse((out / FILM.replace(".mp4", "_en.srt")).read_text(encoding="utf-8"))
    )
    assert [c.content for c in en_sidecar] == [text for _, text in en_packets]
    assert [c.start.total_seconds() for c in en_sidecar] == pytest.approx(
        [t for t, _ in en_packets], abs=0.002
    )
    assert en_sidecar[0].content == "The first test narration, a short one."
    beats_c = json.loads(
        (out / "sections" / "108p5" / "tc.beats.json").read_text(encoding="utf-8")
    )["beats"]
    first_c_en = next(c for c in en_sidecar if c.content.startswith("Section three"))
    assert first_c_en.start.total_seconds() == pytest.approx(
        beats_c[0]["start"] + lengths[0] + lengths[1], abs=0.01
    )
    assert (
        first_c_en.end.total_seconds()
        <= beats_c[0]["start"] + beats_c[0]["speech"] + lengths[0] + lengths[1] + 0.01
    )
    # the block without en= is reported by the build, naming the beat
    assert "[film] warning: beat tc/construct.2" in first_build.stdout
    assert "has no English subtitle" in first_build.stdout
    assert (out / "cross_entropy_108p5_lesson" / "index.html").is_file()
    assert (out / "cross_entropy_108p5_lesson" / FILM).stat().st_size == (out / FILM).stat().st_size
    # review outputs
    assert (out / "cross_entropy_108p5_contact.png").stat().st_size > 1000
    report = (out / "cross_entropy_108p5_timing.md").read_text(encoding="utf-8")
    assert "| ta |" in report
    assert "| tc |" in report
    assert "render time" in report
    for line in ("[ta] started", "[tc] finished in", "[film] 3/3 sections ready"):
        assert line in first_build.stdout


@pytest.mark.render
def test_unchanged_sections_are_skipped_and_an_edit_rerenders_one(workspace, first_build):
    again = build(workspace)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("unchanged, reused") == 3
    assert "started" not in again.stdout
    # edit one sentence of narration in section A only
    a = workspace / "sections" / "ta_voiced.py"
    a.write_text(
        a.read_text(encoding="utf-8").replace("很短。", "稍微长一点点。"), encoding="utf-8"
    )
    third = build(workspace)
    assert third.returncode == 0, third.stderr
    assert "[ta] started" in third.stdout
    assert "[tb] unchanged" in third.stdout
    assert "[tc] unchanged" in third.stdout
    cues = list(
        srt.parse((workspace / "out" / FILM).with_suffix(".srt").read_text(encoding="utf-8"))
    )
    assert any("稍微长一点点" in c.content for c in cues)


@pytest.mark.render
def test_failing_section_names_itself_and_keeps_the_previous_film(workspace, first_build):
    film = workspace / "out" / FILM
    before = film.read_bytes()
    c = workspace / "sections" / "tc_voiced.py"
    c.write_text(
        c.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )  # force a re-render
    proc = build(workspace, env={"FAIL_SECTION": "tc"})
    assert proc.returncode != 0
    assert "section tc failed" in proc.stderr
    assert "deliberate failure in test section tc" in proc.stderr
    assert film.read_bytes() == before
    assert not list((workspace / "out").glob("*.partial.mp4"))
    # the good render of tc from before is still there for the next run
    assert (workspace / "out" / "sections" / "108p5" / "tc.mp4").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["--quality", "x"],
        ["--jobs", "0"],
        ["--jobs", "two"],
        ["--sections", "s1,s9"],
        ["--sections", "s1,,s3"],
        ["--voice", "loud"],
    ],
)
def test_bad_arguments_give_usage_and_exit_2(args):
    proc = subprocess.run(
        ["bash", str(ROOT / "render.sh"), *args], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "usage: ./render.sh" in proc.stderr


def test_help_lists_the_options():
    proc = subprocess.run(
        ["bash", str(ROOT / "render.sh"), "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0
    for opt in ("--quality", "--sections", "--jobs", "--voice"):
        assert opt in proc.stdout


SLOW_SECTION = """\
import time

from manim import Circle, Create

from scenes.kit.narration import NarratedScene


class SlowA(NarratedScene):
    section = "ta"

    def construct(self):
        with self.narrate("慢慢画一个圆。", en="Slowly, a circle.") as beat:
            self.play(Create(Circle()), run_time=beat.duration)
        if not self.renderer.skip_animations:   # rendering (not reading the narration): take long
            time.sleep(120)
"""


@pytest.mark.render
@pytest.mark.parametrize("delay", [0.0, 2.0], ids=["as-the-section-starts", "while-it-renders"])
def test_ctrl_c_leaves_no_half_written_film(tmp_path, delay):
    import signal
    import time

    ws = tmp_path
    (ws / "sections").mkdir()
    # a section that is still rendering when Ctrl-C comes, however fast the machine (a tiny
    # section can otherwise finish between "started" and the signal)
    (ws / "sections" / "ta_slow.py").write_text(SLOW_SECTION, encoding="utf-8")
    registry = [
        {
            "id": "ta",
            "file": str(ws / "sections" / "ta_slow.py"),
            "scene": "SlowA",
            "title": "甲",
            "target_minutes": 0.1,
        }
    ]
    (ws / "registry.json").write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    cmd = tiny_build_command(ws / "registry.json", ws / "out", voice="none", jobs=1)
    # a build started from a terminal takes Ctrl-C even when these tests run in the background
    # (where SIGINT is ignored, and a child would inherit that)
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    line = ""
    deadline = time.monotonic() + 60
    while "[ta] started" not in line and time.monotonic() < deadline:
        line = proc.stdout.readline()
    assert "[ta] started" in line
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground process
    out, err = proc.communicate(timeout=60)  # the section would sleep for 120 s
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert not (ws / "out" / FILM).exists()
    assert not list((ws / "out").rglob("*.partial.mp4"))
    assert not list((ws / "out").rglob("*.tmp"))
    # the manim child was stopped too: nothing still renders into the build folder
    before = sorted(p.stat().st_mtime_ns for p in (ws / "out").rglob("*") if p.is_file())
    time.sleep(2)
    after = sorted(p.stat().st_mtime_ns for p in (ws / "out").rglob("*") if p.is_file())
    assert before == after


@pytest.mark.render
def test_narration_is_synthesised_before_the_renders(first_build):
    out = first_build.stdout
    assert "[voice] reading the narration of 3 section(s)" in out
    assert out.index("[voice] narration ready") < out.index("started")


@pytest.mark.render
def test_narration_only_makes_every_clip_and_renders_nothing(workspace, tmp_path):
    cache = tmp_path / "voice-cache"
    cmd = tiny_build_command(workspace / "registry.json", tmp_path / "out", "--narration-only")
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env={**os.environ, "EXPLAINER_CACHE": str(cache)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[voice] narration ready" in proc.stdout
    assert "started" not in proc.stdout
    clips = sorted(cache.glob("*.wav"))
    assert len(clips) >= 2  # the two voiced test sections' beats
    assert not (tmp_path / "out" / FILM).exists()
    assert not (tmp_path / "out" / "sections").exists()


def test_timing_report_lists_loudness_and_flags_lengths():
    from scenes.builder.pacing import Pacing
    from scenes.builder.render import SectionOutput
    from scenes.builder.report import timing_report
    from scenes.sections import Section
    from scenes.speech.loudness import Loudness

    one, two = (
        Section("ta", "a", "A", "甲", 1.0),
        Section("tb", "b", "B", "乙", 2.0),
    )  # targets: 1 and 2 minutes
    outs = [
        SectionOutput(one, Path("a.mp4"), None, 10.0),
        SectionOutput(two, Path("b.mp4"), None, None),
    ]
    text = timing_report(
        outs,
        [0.0, 60.0],
        60.0 + 150.0,
        99.0,
        [Loudness(-16.04, -1.62), None],
        [Pacing(0.72, 2.44, 75.0), None],
    )
    assert "-16.0 LUFS" in text
    assert "-1.6 dBTP" in text
    assert "silent" in text
    rows = text.splitlines()
    cells = [c.strip() for c in rows[2].split("|")]
    assert cells[5] == "+0%"  # 60 s against 60 s
    assert cells[6] == "72%"
    assert cells[7] == "2.4 s at 1:15"
    assert "⚠" in rows[3].split("|")[5]  # s2: 150 s against 120 s is +25 %
    over = timing_report(outs[:1], [0.0], 70.0, 9.0, pacing=[Pacing(0.86, 0.5, 3.0)]).splitlines()[
        2
    ]
    assert over.split("|")[5].strip() == "+17%"  # within +20 %
    assert over.split("|")[6].strip() == "86% ⚠"  # above the 80 % speech standard


@pytest.mark.render
def test_section_renders_hash_their_animations_the_same_way_every_time(tmp_path):
    """The cache key manim gives a TransformMatchingTex step depends on the string-hash seed;
    the builder fixes it for its manim processes, so a rebuild finds the step in the cache."""
    from scenes.builder.cli import BuildPlan
    from scenes.builder.render import manim_env

    plan = BuildPlan(quality="h", voice="none", jobs=1, sections=(), missing=(), out=tmp_path)

    def key(env):
        proc = subprocess.run(
            [sys.executable, str(DATA / "tex_hash.py")],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            env={**env, "PYTHONPATH": str(ROOT)},
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        return proc.stdout.split()[-1]

    builder = key(manim_env(plan))
    assert key(manim_env(plan)) == builder
    # what the fixed seed prevents: other seeds, other keys for the same animation
    assert len({key({**os.environ, "PYTHONHASHSEED": str(seed)}) for seed in (1, 2, 3)}) > 1
