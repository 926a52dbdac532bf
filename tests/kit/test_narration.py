"""Narration kit: cue splitting, speakable numbers, timing, voice cache, recordings, subtitles."""

import json
import math
import re
import struct
import warnings
import wave
from pathlib import Path

import pytest
import srt

from scenes.kit.narration import PAUSE_AFTER_BEAT
from scenes.speech import espeak as espeak_mod
from scenes.speech import voice as voice_mod
from scenes.speech.options import VoiceSettings
from scenes.speech.recordings import StaleRecordingWarning
from scenes.speech.spoken import MAX_CUE_CHARS, estimate_seconds, speakable, split_cues
from scenes.speech.subtitles import cue_timings, english_length, split_cues_en
from scenes.speech.voice import clip_for, synthesize

from ..helpers import DATA, media_durations

DEMO = DATA / "narrated_demo.py"

LONG_PARAGRAPH = (
    "假设有人在骰子上做了手脚，一点出现的机会是一半，其余五个点数各占十分之一，"
    "可是你并不知道这件事，仍然把它当成一枚公平的骰子来押注；于是每一次掷出一点，"
    "你都会比应有的更惊讶一些，而每一次掷出别的点数，你又惊讶得不够。"
    "这种系统性的偏差，日积月累，就是我们接下来要计算的代价！"
    "你准备好了吗？"
)


# --- cue splitting --------------------------------------------------------------------


def test_long_paragraph_splits_at_punctuation_into_short_lines():
    cues = split_cues(LONG_PARAGRAPH)
    assert len(cues) >= 6
    assert "".join(cues) == LONG_PARAGRAPH  # nothing lost, nothing added
    assert all(len(c) <= MAX_CUE_CHARS for c in cues)
    # every line ends at clause or sentence punctuation (this paragraph has enough of it)
    assert all(c[-1] in "。，；！？" for c in cues), cues
    # a sentence end is never followed by more text on the same line
    for c in cues:
        assert not any(ch in "。！？；" for ch in c[:-1]), c


def test_over_long_clause_without_punctuation_is_hard_wrapped():
    clause = "甲" * 30 + "。"
    cues = split_cues(clause)
    assert "".join(cues) == clause
    assert all(len(c) <= MAX_CUE_CHARS for c in cues)


def test_latin_words_are_not_cut():
    text = (
        "交叉熵的英文是 cross entropy，记作 H(P, Q)，单位是比特，数值大约是 2.5849625007 左右吧。"
    )
    cues = split_cues(text)
    joined = " ".join(cues)
    assert "2.5849625007" in joined
    assert "cross entropy" in joined


def test_cue_timings_fill_the_beat_in_proportion():
    cues = ["一二三四。", "一二三四五六七八九十。"]
    timings = cue_timings(cues, 6.0)
    assert timings[0][0] == 0.0
    assert sum(d for _, d in timings) == pytest.approx(6.0)
    assert timings[1][1] > timings[0][1] * 1.8
    assert timings[1][0] == pytest.approx(timings[0][1])


def test_estimate_scales_with_reading_speed():
    assert estimate_seconds(LONG_PARAGRAPH, 4) == pytest.approx(
        2 * estimate_seconds(LONG_PARAGRAPH, 8)
    )
    with pytest.raises(ValueError, match="chars_per_second must be > 0"):
        estimate_seconds("你好", 0)


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("约2.09比特", "约二点零九比特"),
        ("概率80%", "概率百分之八十"),
        ("每面1/6", "每面六分之一"),
        ("掷出-1点", "掷出负一点"),
        ("第10次", "第十次"),
        ("0.5和0.1", "零点五和零点一"),
    ],
)
def test_speakable_numbers(text, spoken):
    assert speakable(text) == spoken


# --- voice settings, cache, recordings ----------------------------------------------------


def test_voice_settings_from_env(tmp_path):
    s = VoiceSettings.from_env({"EXPLAINER_VOICE": "none", "EXPLAINER_CPS": "5"})
    assert s.mode == "none"
    assert s.chars_per_second == 5.0
    with pytest.raises(ValueError, match="EXPLAINER_VOICE"):
        VoiceSettings.from_env({"EXPLAINER_VOICE": "robot"})
    with pytest.raises(ValueError, match="EXPLAINER_CPS"):
        VoiceSettings.from_env({"EXPLAINER_CPS": "fast"})


def test_tts_cache_hit_does_not_synthesise_again(tmp_path, monkeypatch):
    settings = VoiceSettings(mode="espeak", cache_dir=tmp_path)
    first = synthesize("缓存测试，一二三。", settings)
    assert first.is_file()
    assert voice_mod.audio_duration(first) > 0.5
    stamp = first.stat().st_mtime_ns

    def no_espeak(*a, **k):
        raise AssertionError("espeak-ng was called although the clip is cached")

    monkeypatch.setattr(espeak_mod.subprocess, "run", no_espeak)
    again = synthesize("缓存测试，一二三。", settings)
    assert again == first
    assert again.stat().st_mtime_ns == stamp
    # a different setting is a different clip (and would need espeak)
    with pytest.raises(AssertionError, match="espeak-ng was called"):
        synthesize(
            "缓存测试，一二三。", VoiceSettings(mode="espeak", cache_dir=tmp_path, espeak_rate=120)
        )


def _write_recording(path: Path, seconds: float, rate: int = 16000) -> None:
    """A stand-in recording: a quiet tone (digital silence is refused as a recording)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    n = int(seconds * rate)
    tone = [round(1600 * math.sin(2 * math.pi * 200 * k / rate)) for k in range(n)]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(struct.pack(f"<{n}h", *tone))


def test_recording_overrides_tts(tmp_path):
    settings = VoiceSettings(mode="recorded", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v")
    text = "一段录好的旁白。"
    _write_recording(tmp_path / "v" / "s9" / "intro.1.wav", 2.5)
    (tmp_path / "v" / "s9" / "intro.1.txt").write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a fresh recording raises no warning
        clip = clip_for(settings, "s9", "intro.1", text)
    assert clip.source == "recorded"
    assert clip.duration == pytest.approx(2.5)
    # other beats of the section still get synthetic speech (the Kokoro voice)
    assert clip_for(settings, "s9", "intro.2", "另一句。").source == "kokoro"
    # espeak mode ignores recordings, none mode is silent
    assert (
        clip_for(
            VoiceSettings(mode="espeak", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v"),
            "s9",
            "intro.1",
            text,
        ).source
        == "espeak"
    )
    assert clip_for(VoiceSettings(mode="none"), "s9", "intro.1", text) is None


def test_stale_recording_warns_and_names_the_beat(tmp_path):
    settings = VoiceSettings(mode="recorded", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v")
    _write_recording(tmp_path / "v" / "s9" / "loaded_die.3.wav", 1.0)
    (tmp_path / "v" / "s9" / "loaded_die.3.txt").write_text("旧的句子。", encoding="utf-8")
    with pytest.warns(StaleRecordingWarning, match=r"s9/loaded_die\.3"):
        clip = clip_for(settings, "s9", "loaded_die.3", "新的句子。")
    assert clip.source == "recorded"  # still used: the educator decides


# --- rendering a narrated scene -----------------------------------------------------------


def _beats(result):
    log = result["mp4"].with_suffix(".beats.json")
    return json.loads(log.read_text(encoding="utf-8"))


@pytest.mark.render
def test_silent_render_uses_the_estimate(render_scene):
    result = render_scene(DEMO, "NarratedDemo", {"EXPLAINER_VOICE": "none", "EXPLAINER_CPS": "5"})
    log = _beats(result)
    beats = log["beats"]
    assert [b["id"] for b in beats] == ["intro.1", "symbols.1"]
    for b in beats:
        assert b["voice"] == "none"
        assert b["speech"] == pytest.approx(estimate_seconds(b["text"], 5), abs=1e-3)
    # the block waits out what the animations did not use: beats follow each other exactly
    assert beats[1]["start"] == pytest.approx(beats[0]["duration"], abs=0.21)
    total = sum(b["duration"] for b in beats)
    assert media_durations(result["mp4"])["video"] == pytest.approx(total, abs=0.41)
    assert "audio" not in media_durations(result["mp4"])


@pytest.mark.render
def test_voiced_render_syncs_audio_subtitles_and_figures(render_scene):
    result = render_scene(DEMO, "NarratedDemo", {"EXPLAINER_VOICE": "espeak"})
    beats = _beats(result)["beats"]
    assert all(b["voice"] == "espeak" for b in beats)
    assert all(
        b["duration"] == pytest.approx(b["speech"] + PAUSE_AFTER_BEAT, abs=1e-3) for b in beats
    )
    durations = media_durations(result["mp4"])
    total = sum(b["duration"] for b in beats)
    assert durations["video"] == pytest.approx(total, abs=0.41)
    # the sound ends with the last speech; the video holds the last beat's pause after it
    assert durations["audio"] == pytest.approx(durations["video"], abs=PAUSE_AFTER_BEAT + 0.1)

    cues = result["cues"]
    text = "".join(c.content for c in cues)
    # the f-string figure arrives in the subtitles exactly as computed
    assert f"{0.5 + 0.25:.2f}比特" in text
    # awkward characters survive untouched
    for piece in ["%", "&", "<", ">", "{}", "“引号”", "'单引号'", "😀"]:
        assert piece in text
    assert all(len(c.content) <= MAX_CUE_CHARS for c in cues)
    # cues of a beat tile its speech: first starts with the beat, last ends with the speech
    first_beat_cues = [c for c in cues if c.start.total_seconds() < beats[1]["start"] - 1e-3]
    assert first_beat_cues[0].start.total_seconds() == pytest.approx(0.0, abs=1e-3)
    assert first_beat_cues[-1].end.total_seconds() == pytest.approx(beats[0]["speech"], abs=0.01)
    second = [c for c in cues if c not in first_beat_cues]
    assert second[0].start.total_seconds() == pytest.approx(beats[1]["start"], abs=0.01)
    # English: the block with en= has its cues in the beat log and in <video>_en.srt beside the
    # video; they tile the same speech, with the same computed figure
    assert beats[0]["en"].startswith("This is a test narration; the value is 0.75 bits.")
    assert beats[1]["en"] is None
    assert beats[1]["en_cues"] == []
    en = list(srt.parse(result["mp4"].with_name("NarratedDemo_en.srt").read_text(encoding="utf-8")))
    assert [c.content for c in en] == [c[0] for c in beats[0]["en_cues"]]
    assert en[0].start.total_seconds() == pytest.approx(0.0, abs=1e-3)
    assert en[-1].end.total_seconds() == pytest.approx(beats[0]["speech"], abs=0.01)
    assert all(len(line) <= 42 for c in en for line in c.content.splitlines())


def _animations(manim_output: str) -> dict[int, str]:
    """Animation number -> "cached" or "rendered", from manim's log."""
    return {
        int(n): "cached" if how == "Using" else "rendered"
        for n, how in re.findall(r"Animation (\d+) : (Using|Partial)", manim_output)
    }


def _peak(mp4, start: float, end: float) -> float:
    """The loudest sample of the film's audio between ``start`` and ``end`` seconds."""
    import av

    peak = 0.0
    with av.open(str(mp4)) as c:
        for frame in c.decode(c.streams.audio[0]):
            if start <= frame.time < end:
                peak = max(peak, float(abs(frame.to_ndarray()).max()))
    return peak


def _frames(mp4) -> int:
    import av

    with av.open(str(mp4)) as c:
        return sum(1 for _ in c.decode(c.streams.video[0]))


@pytest.mark.render
def test_a_rebuild_from_manim_s_cache_keeps_every_beat_on_its_frames(render_scene):
    """The clock counts frames whether an animation is rendered or taken from manim's cache."""
    env = {"EXPLAINER_VOICE": "espeak"}
    first = render_scene(DEMO, "NarratedDemo", env, cache=True)
    first_log = _beats(first)
    # the scene's clock is the video's length in frames (5 fps at tiny size)
    assert first_log["scene_time"] == pytest.approx(_frames(first["mp4"]) / 5, abs=1e-3)

    # the second beat's words change: the first beat's animations come from the cache
    edited = render_scene(
        DEMO, "NarratedDemo", {**env, "DEMO_TEXT": "换了一句新的旁白，长度也不一样。"}, cache=True
    )
    out = edited["proc"].stdout + edited["proc"].stderr
    # only the wait at the end of the changed beat is rendered: the first beat's Create and wait and
    # the second's FadeOut are found in the cache
    assert _animations(out) == {0: "cached", 1: "cached", 2: "cached", 3: "rendered"}, out[-3000:]
    edited_log = _beats(edited)
    assert edited_log["beats"][0]["start"] == first_log["beats"][0]["start"] == 0
    # without frame counting the cached beat would advance the clock by its exact run times and
    # the second beat (its voice and subtitles) would start up to a frame per animation off
    assert edited_log["beats"][1]["start"] == first_log["beats"][1]["start"]
    assert edited_log["scene_time"] == pytest.approx(_frames(edited["mp4"]) / 5, abs=1e-3)

    # the original text again: every animation is found in the cache, nothing is rendered
    again = render_scene(DEMO, "NarratedDemo", env, cache=True)
    out = again["proc"].stdout + again["proc"].stderr
    assert _animations(out) == dict.fromkeys(range(4), "cached"), out[-3000:]
    assert _beats(again)["beats"] == first_log["beats"]
    # and every beat keeps its voice: manim drops a sound added right after a cached animation
    for result in (first, edited, again):
        lengths = media_durations(result["mp4"])
        assert lengths["audio"] == pytest.approx(lengths["video"], abs=PAUSE_AFTER_BEAT + 0.1), (
            result["mp4"]
        )
    second = first_log["beats"][1]
    assert _peak(again["mp4"], second["start"], second["start"] + second["speech"]) > 0.05  # voiced


@pytest.mark.render
def test_recording_sets_timing_in_a_render(render_scene, tmp_path):
    voice_dir = tmp_path / "voice"
    _write_recording(voice_dir / "demo" / "symbols.1.wav", 3.0)
    (voice_dir / "demo" / "symbols.1.txt").write_text("录音时的旧文本。", encoding="utf-8")
    result = render_scene(
        DEMO, "NarratedDemo", {"EXPLAINER_VOICE": "recorded", "EXPLAINER_VOICE_DIR": str(voice_dir)}
    )
    beats = {b["id"]: b for b in _beats(result)["beats"]}
    assert beats["symbols.1"]["voice"] == "recorded"
    assert beats["symbols.1"]["speech"] == pytest.approx(3.0, abs=1e-3)
    assert beats["intro.1"]["voice"] == "kokoro"
    err = result["proc"].stderr + result["proc"].stdout
    assert "StaleRecordingWarning" in err
    assert "demo/symbols.1" in err


@pytest.mark.render
def test_recording_script_export(tmp_path):
    from scenes.builder.script import main

    assert main(["--sections", "s3", "--out", str(tmp_path)]) == 0
    md = (tmp_path / "s3.md").read_text(encoding="utf-8")
    txts = sorted((tmp_path / "s3").glob("*.txt"))
    assert len(txts) >= 6
    first = (tmp_path / "s3" / "bridge_from_entropy.1.txt").read_text(encoding="utf-8").strip()
    assert first
    assert first in md
    assert "| `bridge_from_entropy.1` | `scenes/s3_cross_entropy.py:" in md
    with pytest.raises(SystemExit):
        main(["--sections", "s42", "--out", str(tmp_path)])


def test_sound_effects_are_made_once_and_reused(tmp_path):
    from scenes.speech.sound import effect_path

    settings = VoiceSettings(mode="none", cache_dir=tmp_path)
    path = effect_path("question", settings)
    assert 0.4 < voice_mod.audio_duration(path) < 1.0
    stamp = path.stat().st_mtime_ns
    assert effect_path("question", settings) == path
    assert path.stat().st_mtime_ns == stamp
    with pytest.raises(ValueError, match="unknown sound effect"):
        effect_path("explosion", settings)


def test_english_cues_break_at_clauses_and_fit_two_lines_of_42():
    text = (
        "When the truth is the loaded die P but you believe the fair die Q, you pay on average "
        "0.42 extra bits per roll: that is the KL divergence, also called relative entropy. It is "
        "never negative."
    )
    cues = split_cues_en(text)
    assert all(len(line) <= 42 for c in cues for line in c.splitlines())
    assert all(len(c.splitlines()) <= 2 for c in cues)
    assert " ".join(" ".join(c.split()) for c in cues) == text  # nothing lost, nothing added
    assert cues[-1] == "It is never negative."  # a sentence starts a new cue
    assert all(c.rstrip()[-1] in ".,:;!?" for c in cues)  # cut at punctuation here
    # formulas with a comma inside brackets are not cut
    assert split_cues_en("So H(P, Q) is 2.58 bits again.") == ["So H(P, Q) is 2.58 bits again."]
    timings = cue_timings(cues, 10.0, weight=english_length)
    assert timings[0][0] == 0
    assert sum(d for _, d in timings) == pytest.approx(10.0)
    longer = max(range(len(cues)), key=lambda i: english_length(cues[i]))
    assert timings[longer][1] == max(d for _, d in timings)


def test_a_block_without_english_is_reported_by_name(tmp_path, monkeypatch):
    from scenes.kit.narration import MissingEnglishWarning, NarratedScene

    monkeypatch.setenv("EXPLAINER_VOICE", "none")
    monkeypatch.setenv("EXPLAINER_CACHE", str(tmp_path))

    class Probe(NarratedScene):
        section = "probe"

    scene = Probe()
    scene.setup()
    with pytest.warns(
        MissingEnglishWarning, match=r"probe/test_a_block_without_english_is_reported_by_name\.1"
    ):
        beat = scene.narrate("没有英文的一句。")
    assert beat.en is None
    assert beat.en_cues == []
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingEnglishWarning)
        beat = scene.narrate("有英文的一句。", en="One with English.")
    assert beat.en_cues == [("One with English.", 0.0, pytest.approx(beat.speech, abs=1e-3))]
    with pytest.raises(TypeError, match="en="):
        scene.narrate("一句。", en=3)


def _log(beats):
    keys = ("id", "text", "start", "speech", "splits", "anchors", "en", "en_cues")
    return [{k: b[k] for k in keys} for b in beats]


@pytest.mark.render
def test_quick_narration_reading_matches_a_full_skipped_run():
    """The builder reads narration with animations reduced to their timing: same beats, same
    times, same animation count as manim's own skipped run (s6: anchors, derivation, waits)."""
    from scenes.builder.script import run_skipping, timing_only

    for section in ("s3", "s6"):  # s3: waits with updaters running (TracedPath, readouts)
        quick = run_skipping(section, timing_only)  # no fallback to the slow way here
        full = run_skipping(section)
        assert _log(quick.beat_log()) == _log(full.beat_log())
        assert quick.renderer.num_plays == full.renderer.num_plays > 20
        assert quick.frame == full.frame == round(full.time * 15)  # the clock counts whole frames


def test_a_scene_that_needs_an_animation_s_end_state_is_read_the_slow_way(tmp_path):
    from scenes.builder.script import read_section
    from scenes.sections import Section

    scene_file = tmp_path / "needs_state.py"
    scene_file.write_text(
        "from manim import RIGHT, Square\n"
        "from scenes.kit.narration import NarratedScene\n\n"
        "class NeedsState(NarratedScene):\n"
        "    section = 'tn'\n\n"
        "    def construct(self):\n"
        "        square = Square()\n"
        "        with self.narrate('方块向右移动。', en='The square moves right.'):\n"
        "            self.play(square.animate.shift(2 * RIGHT))\n"
        "        if square.get_x() < 1:\n"
        "            raise RuntimeError('the square did not move')\n"
        "        with self.narrate('移动完成了。', en='It has moved.'):\n"
        "            self.wait(0.5)\n",
        encoding="utf-8",
    )
    reading = read_section(Section("tn", "needs_state", "NeedsState", "测试", 0.1, file=scene_file))
    assert [b["text"] for b in reading.beats] == ["方块向右移动。", "移动完成了。"]
    assert reading.animations >= 2
