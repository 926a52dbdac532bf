"""The pronunciation file as a teacher edits it, and how the build reports it.

Encodings and duplicate entries.
"""

import os
import subprocess

import pytest

from scenes.builder.render import SectionFailed
from scenes.sections import section
from scenes.speech.pronounce import LEXICON_PATH, LexiconError, load_lexicon

from ..helpers import ROOT, tiny_build_command

DUPLICATE = '[words]\n"似然" = "si4 ran2"\n"还得" = "hai2 dei3"\n"似然" = "si4 ran2"\n'


def test_a_duplicate_entry_names_both_lines(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_text(DUPLICATE, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert str(err.value) == f'{path}: duplicate entry "似然" on lines 2 and 4: keep one'


def test_the_same_letter_quoted_and_bare_is_a_duplicate(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_text('[words]\nP = "pi4"\n"Q" = "kiu4"\n"P" = "pi1"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r'duplicate entry "P" on lines 2 and 4: keep one'):
        load_lexicon(path)


def test_a_lexicon_saved_as_gbk_says_how_to_save_it_as_utf8(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_bytes('[words]\n# 多音字\n"似然" = "si4 ran2"\n'.encode("gbk"))
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    message = str(err.value)
    assert str(path) in message
    assert "not UTF-8" in message
    assert "it looks like GBK" in message
    assert "Save As" in message
    assert "Encoding: UTF-8" in message


def test_a_lexicon_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_bytes(b"\xef\xbb\xbf" + LEXICON_PATH.read_bytes())
    assert load_lexicon(path).words == load_lexicon().words


def test_chinese_quotes_around_a_word_say_what_to_write(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_text('[words]\n“似然” = "si4 ran2"\n', encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    message = str(err.value)
    assert 'line 2:  “似然” = "si4 ran2"' in message
    assert 'write "似然" = "si4 ran2", not “似然” = "si4 ran2"' in message


# --- the builder: a broken pronunciation file is the voice's
# problem, not a beat's ----------------------


def plan_for(tmp_path, voice: str):
    from scenes.builder.cli import BuildPlan

    return BuildPlan(
        quality="l",
        voice=voice,
        jobs=1,
        sections=(section("s1"),),
        missing=(),
        out=tmp_path / "out",
        tiny=True,
    )


def test_prepare_voice_checks_the_pronunciation_file_before_any_beat(tmp_path, monkeypatch):
    from scenes.builder.voicing import VoiceSetupFailed, prepare_voice

    path = tmp_path / "pronunciation.toml"
    path.write_text(DUPLICATE, encoding="utf-8")
    monkeypatch.setenv("EXPLAINER_LEXICON", str(path))
    for voice in ("kokoro", "recorded"):  # both read with Kokoro
        with pytest.raises(VoiceSetupFailed) as err:
            prepare_voice(plan_for(tmp_path, voice), [section("s1")], say=lambda *_: None)
        message = str(err.value)
        assert (
            message
            == f'the pronunciation file cannot be used: {path}: duplicate entry "似然" on lines 2 '
            "and 4: keep one"
        )
        assert isinstance(
            err.value, SectionFailed
        )  # the builder stops on it as on a section's failure


def test_the_build_reports_a_broken_pronunciation_file_as_such(tmp_path):
    path = tmp_path / "pronunciation.toml"
    path.write_text(DUPLICATE, encoding="utf-8")
    cmd = tiny_build_command(None, tmp_path / "out", "--sections", "s1", voice="kokoro", jobs=1)
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "EXPLAINER_LEXICON": str(path),
            "EXPLAINER_CACHE": str(tmp_path / "cache"),
        },
    )
    assert proc.returncode == 1
    assert (
        f'[film] FAILED: the pronunciation file cannot be used: {path}: duplicate entry "似然"'
        in proc.stderr
    )
    assert "beat" not in proc.stderr
    assert "section s1 failed" not in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "sections").exists()
