"""Word anchors: animations wait for phrases of the narration, exactly for a synthetic voice."""

import json
import textwrap

import numpy as np
import pytest

from scenes.common.media import audio_duration
from scenes.kit.anchors import anchors_in_block
from scenes.speech.options import VoiceSettings
from scenes.speech.voice import split_text, synthesize_pieces

from ..helpers import DATA


def test_anchor_phrases_are_read_from_the_block(tmp_path):
    src = tmp_path / "scene.py"
    src.write_text(
        textwrap.dedent("""
        class S:
            def beat(self):
                with self.narrate(
                    "第一句。第二句，第三句。"
                ) as b:
                    b.wait_until("第二句")
                    self.play(x, run_time=b.until("第三句", minimum=1))
                    b.at(variable)
                with self.narrate("别的。") as other:
                    other.wait_until("别的")
    """),
        encoding="utf-8",
    )
    assert sorted(anchors_in_block(str(src), 4)) == ["第三句", "第二句"]
    assert sorted(anchors_in_block(str(src), 5)) == ["第三句", "第二句"]  # any line of the call
    assert anchors_in_block(str(src), 10) == ["别的"]
    assert anchors_in_block(str(src), 2) == []


def test_a_clip_made_in_pieces_knows_where_each_piece_starts(tmp_path):
    settings = VoiceSettings(mode="espeak", cache_dir=tmp_path)
    text = "先画一个圆，停一下。然后出现一个正方形。"
    splits = (text.index("停一下"), text.index("然后出现"))
    assert split_text(text, splits) == ["先画一个圆，", "停一下。", "然后出现一个正方形。"]
    path, marks = synthesize_pieces(text, settings, splits)
    assert len(marks) == 3
    assert marks[0] == 0
    assert marks[0] < marks[1] < marks[2] < audio_duration(path)
    # each piece alone, plus the pauses, gives the same starts
    alone = [audio_duration(synthesize_pieces(p, settings)[0]) for p in split_text(text, splits)]
    assert marks[1] == pytest.approx(alone[0] + 0.12, abs=0.02)
    assert marks[2] == pytest.approx(alone[0] + alone[1] + 0.12 + 0.25, abs=0.03)
    assert synthesize_pieces(text, settings, splits) == (path, marks)  # cached, marks too


def test_kokoro_reads_the_pieces_on_and_knows_where_each_begins(tmp_path):
    from scenes.speech import kokoro
    from scenes.speech.audio import read_audio
    from scenes.speech.pronounce import load_lexicon

    settings = VoiceSettings(
        mode="kokoro", cache_dir=tmp_path / "clips", model_dir=tmp_path / "models"
    )
    text = "先画一个圆。然后出现一个正方形，最后再看三角形。"
    splits = (text.index("然后出现"), text.index("最后"))
    assert len(kokoro.plan_calls(split_text(text, splits), load_lexicon())) == 1  # one model call
    path, marks = synthesize_pieces(text, settings, splits)
    samples, rate = read_audio(path)
    assert marks[0] == 0
    assert 0.5 < marks[1] < marks[2] < len(samples) / rate - 0.5

    def loudness(a, b):  # RMS between two times, in seconds
        return float(np.sqrt(np.mean(samples[int(a * rate) : int(b * rate)] ** 2)))

    speech = loudness(0, len(samples) / rate)
    for mark in marks[1:]:  # a pause just before each anchored word, the word right after it
        assert loudness(mark - 0.12, mark - 0.02) < 0.1 * speech
        assert loudness(mark + 0.03, mark + 0.2) > 0.5 * speech
    assert synthesize_pieces(text, settings, splits) == (path, marks)  # cached, marks too


@pytest.mark.render
def test_animations_start_on_their_words_and_overruns_are_reported(render_scene, tmp_path):
    result = render_scene(DATA / "anchored_demo.py", "AnchoredDemo", {"EXPLAINER_VOICE": "espeak"})
    log = json.loads(result["mp4"].with_suffix(".beats.json").read_text(encoding="utf-8"))
    shapes, short = log["beats"]
    lines = (DATA / "anchored_demo.py").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "with self.narrate(TEXT)" in text)
    assert shapes["source"] == f"tests/data/anchored_demo.py:{line}"
    text = shapes["text"]
    assert shapes["splits"] == [text.index("停一下"), text.index("然后出现")]
    # the times the animations used are the exact starts of the pieces of the clip
    _, marks = synthesize_pieces(
        text,
        VoiceSettings(mode="espeak", cache_dir=tmp_path / "voice-cache"),
        tuple(shapes["splits"]),
    )
    assert shapes["anchors"] == {"停一下": marks[1], "然后出现": marks[2]}
    assert shapes["overrun"] == 0
    assert short["overrun"] == pytest.approx(
        3 - short["duration"], abs=0.15
    )  # its 3 s wait runs past the beat
    assert short["overrun"] > 1.0
    err = result["proc"].stderr + result["proc"].stdout
    assert "BeatOverrunWarning" in err
    assert "demo/too_long.1" in err


@pytest.mark.render
def test_a_narration_edit_that_drops_an_anchored_phrase_names_the_beat(render_scene):
    result = render_scene(
        DATA / "anchored_demo.py",
        "AnchoredDemo",
        {"EXPLAINER_VOICE": "none", "DEMO_TEXT": "先画一个圆。然后出现一个正方形。"},
        expect_ok=False,
    )
    assert result["proc"].returncode != 0
    err = result["proc"].stderr + result["proc"].stdout
    assert "AnchorError" in err
    assert "demo/shapes.1" in err
    assert "停一下" in err


def test_a_renumbered_beat_still_finds_its_recording_by_text(tmp_path):
    from scenes.speech.audio import write_wav
    from scenes.speech.recordings import RenumberedRecordingWarning, find_recording

    folder = tmp_path / "voice" / "demo"
    folder.mkdir(parents=True)
    import numpy as np

    write_wav(folder / "loaded_die.2.wav", np.zeros(2400, np.float32), 24000)
    (folder / "loaded_die.2.txt").write_text("这是作弊骰子。\n", encoding="utf-8")
    settings = VoiceSettings(voice_dir=tmp_path / "voice", cache_dir=tmp_path / "cache")
    with pytest.warns(
        RenumberedRecordingWarning, match=r"Rename loaded_die\.2\.\* to loaded_die\.3\.\*"
    ):
        assert (
            find_recording(settings, "demo", "loaded_die.3", "这是作弊骰子。")
            == folder / "loaded_die.2.wav"
        )
    # a beat whose own recording matches is used without a word; other text finds nothing
    assert (
        find_recording(settings, "demo", "loaded_die.2", "这是作弊骰子。")
        == folder / "loaded_die.2.wav"
    )
    assert find_recording(settings, "demo", "other.1", "别的话。") is None
