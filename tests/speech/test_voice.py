"""The Kokoro voice, the pronunciation lexicon, loudness and the listen check."""

import numpy as np
import pytest

from scenes.builder.scoring import error_rate, score_beat
from scenes.speech import espeak, kokoro, kokoro_model
from scenes.speech import voice as voice_mod
from scenes.speech.audio import read_audio
from scenes.speech.loudness import CLIP_CEILING_DBTP, TARGET_LUFS, measure, normalise
from scenes.speech.options import VoiceSettings
from scenes.speech.pronounce import LexiconError, load_lexicon, phonemize
from scenes.speech.recordings import StaleRecordingWarning
from scenes.speech.spoken import speakable
from scenes.speech.transcribe import syllables
from scenes.speech.voice import synthesize

SENTENCE = "交叉熵是二点五八比特。"


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """One joined copy of the model for the module (joining it checks the parts' sha256)."""
    return tmp_path_factory.mktemp("models")


def kokoro_settings(tmp_path, models, **kw):
    return VoiceSettings(mode="kokoro", cache_dir=tmp_path / "clips", model_dir=models, **kw)


# --- synthesis --------------------------------------------------------------------------


def test_synthesis_is_deterministic_and_normalised(tmp_path, models):
    a = synthesize(SENTENCE, kokoro_settings(tmp_path / "a", models))
    b = synthesize(SENTENCE, kokoro_settings(tmp_path / "b", models))
    assert a.read_bytes() == b.read_bytes()  # byte-identical, two separate caches
    samples, rate = read_audio(a)
    assert rate == kokoro.SAMPLE_RATE
    assert 1.5 < len(samples) / rate < 6
    level = measure(samples, rate)
    assert abs(level.lufs - TARGET_LUFS) <= 0.5
    assert level.true_peak <= CLIP_CEILING_DBTP + 0.1


def test_cached_clip_is_not_synthesised_again(tmp_path, models, monkeypatch):
    settings = kokoro_settings(tmp_path, models)
    first = synthesize(SENTENCE, settings)

    def boom(*a, **k):
        raise AssertionError("Kokoro ran although the clip is cached")

    monkeypatch.setattr(kokoro, "speak_pieces", boom)
    assert synthesize(SENTENCE, settings) == first
    # another speed is another clip
    with pytest.raises(AssertionError, match="Kokoro ran"):
        synthesize(SENTENCE, kokoro_settings(tmp_path, models, kokoro_speed=1.2))


def test_lexicon_entry_changes_only_what_it_names(tmp_path, models):
    base = load_lexicon()
    assert phonemize("似然", base).startswith("s")  # lexicon: si4, not shi4
    custom = tmp_path / "lex.toml"
    custom.write_text('[words]\n"似然" = "shi4 ran2"\n', encoding="utf-8")
    other = load_lexicon(custom)
    assert phonemize("似然", other).startswith("ʂ")
    assert phonemize("骰子", other) == phonemize("骰子", base)
    # the clip cache is keyed by phonemes: the lexicon change makes a new clip
    s1 = kokoro_settings(tmp_path, models)
    s2 = kokoro_settings(tmp_path, models, lexicon=custom)
    assert voice_mod.cached_clip("似然。", s1) != voice_mod.cached_clip("似然。", s2)
    assert voice_mod.cached_clip("骰子。", s1) == voice_mod.cached_clip("骰子。", s2)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('"数一数" = "shu3 yi shu3"', r"'数一数'.*'yi'.*tone number"),
        ('"数一数" = "shu3 yi4"', r"'数一数' has 3 characters but 2 syllables"),
        ('"数一数" = "shu3 yxq4 shu3"', r"'数一数'.*'yxq4' is not a Mandarin syllable"),
        ('softmax = "/sɔft☃/"', r"'softmax'.*does not know: ☃"),
        ('"3点" = "san1 dian3"', r"'3点' mixes"),
        ('数一数 = "shu3 yi4 shu3"', r"not valid TOML.*double quotes"),
    ],
)
def test_bad_lexicon_entry_is_named(tmp_path, entry, message):
    path = tmp_path / "bad.toml"
    path.write_text(f"[words]\n{entry}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_lexicon(path)


def test_the_shipped_lexicon_loads_and_letters_are_read():
    lex = load_lexicon()
    spoken = phonemize(speakable("H(P, Q) 和 KL"), lex)
    for letter in ("H", "P", "Q", "K", "L"):
        assert lex.words[letter] in spoken


def test_sentences_share_a_model_call_up_to_its_token_limit():
    lex = load_lexicon()
    two = "先看左边。再看右边！"
    assert kokoro.phonemes_for(two, lex) == [
        phonemize(two, lex)
    ]  # one call, as if written together
    many = "".join(
        f"这是第{n}句话，它要说得稍微长一点，好让整段超出一次调用的上限。" for n in range(1, 13)
    )
    calls = kokoro.phonemes_for(many, lex)
    assert len(calls) >= 2
    assert all(len(c) <= kokoro.MAX_TOKENS - 2 for c in calls)
    assert " ".join(calls) == phonemize(many, lex)  # nothing lost or repeated at the cuts
    assert all(c.endswith(".") for c in calls)  # every call ends a sentence


# --- speakable ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("0.70", "零点七"),
        ("4.20", "四点二"),
        ("0.00", "零"),
        ("1.00", "一"),
        ("2.58", "二点五八"),
        ("log 二、6", "以二为底、六的对数"),
        ("θ", "西塔"),
        ("H(P, Q)", "H P Q"),
        ("D(P‖Q)", "D P Q"),
        ("1/N", "N分之一"),
        ("80%", "百分之八十"),
    ],
)
def test_speakable_rules(text, spoken):
    assert speakable(text) == spoken


# --- loudness -----------------------------------------------------------------------------


@pytest.mark.parametrize("peaky", [False, True])
def test_normalise_reaches_target_without_exceeding_the_ceiling(peaky):
    rate = 24000
    rng = np.random.default_rng(3)
    t = np.arange(rate * 4) / rate
    x = (0.05 * np.sin(2 * np.pi * 220 * t) * (1 + np.sin(2 * np.pi * 3 * t))).astype(np.float32)
    if peaky:  # sharp clicks far above the body of the signal: needs the limiter
        x[rng.integers(0, len(x), 20)] = 0.9
    y = normalise(x, rate)
    level = measure(y, rate)
    assert abs(level.lufs - TARGET_LUFS) <= 0.3
    assert level.true_peak <= CLIP_CEILING_DBTP + 0.05
    assert len(y) == len(x)


# --- missing or broken model --------------------------------------------------------------


def test_missing_model_package_names_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(
        kokoro_model, "MODEL_PACKAGES", ("kokoro_model_part_that_is_not_installed",)
    )
    with pytest.raises(kokoro.VoiceUnavailable, match=r"not installed.*setup\.sh"):
        kokoro.model_file(tmp_path)
    assert not any(tmp_path.iterdir())


def test_corrupt_model_parts_leave_no_cache_entry(tmp_path, monkeypatch):
    pkg = tmp_path / "site" / "fake_kokoro_part"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "part.bin").write_bytes(b"not a model")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(kokoro_model, "MODEL_PACKAGES", ("fake_kokoro_part",))
    settings = VoiceSettings(
        mode="kokoro", cache_dir=tmp_path / "clips", model_dir=tmp_path / "models"
    )
    with pytest.raises(kokoro.VoiceUnavailable, match=r"corrupt.*force-reinstall"):
        synthesize("一句新的话。", settings)
    models = tmp_path / "models"
    assert not models.exists() or not any(models.iterdir())  # no half-joined model
    assert not (tmp_path / "clips").exists() or not any((tmp_path / "clips").iterdir())


def test_damaged_cached_model_is_rebuilt(tmp_path, models):
    good = kokoro.model_file(models)
    copy = tmp_path / kokoro.MODEL_NAME
    copy.write_bytes(b"truncated")
    assert kokoro.model_file(tmp_path).read_bytes() == good.read_bytes()


def test_the_model_reports_how_long_each_token_lasts(models):
    import onnxruntime as ort

    session = ort.InferenceSession(
        str(kokoro.model_file(models)), providers=["CPUExecutionProvider"]
    )
    assert [o.name for o in session.get_outputs()] == ["audio", kokoro_model.DURATIONS_OUTPUT]
    table = kokoro.vocab()
    tokens = [table[c] for c in phonemize(SENTENCE, load_lexicon()) if c in table]
    audio, frames = session.run(
        None,
        {
            "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
            "style": kokoro.load_style("zf_xiaobei")[len(tokens) - 1].reshape(1, 256),
            "speed": np.array([1.0], dtype=np.float32),
        },
    )
    assert frames.shape == (1, len(tokens) + 2)
    assert (frames >= 1).all()
    assert frames.sum() * kokoro_model.FRAME_SAMPLES == audio.size  # the durations cover the audio


# --- the listen check ---------------------------------------------------------------------


def test_syllables_read_letters_and_numbers_as_spoken():
    assert syllables("P 约 0.50") == ["pi", "yue", "ling", "dian", "wu"]
    assert syllables("皮") == syllables("P")


def test_listen_check_tells_a_good_clip_from_a_wrong_text(tmp_path, models):
    text = "抛一枚公平的硬币，结果是正面还是反面，各占一半。"
    clip = synthesize(text, kokoro_settings(tmp_path, models))
    good = score_beat("t", "good.1", "kokoro", text, clip)
    assert good.rate <= 0.10, good.heard
    wrong = score_beat("t", "wrong.1", "kokoro", "今天晚上我们去电影院看一部新的动画片吧。", clip)
    assert wrong.rate >= 0.5, wrong.heard
    assert error_rate(["a", "b"], ["a", "b"]) == (0, 2)


def test_a_quiet_recording_is_brought_to_the_voice_level(tmp_path):
    from scenes.speech.audio import write_wav
    from scenes.speech.voice import clip_for

    rate = 16000
    t = np.arange(rate * 3) / rate
    write_wav(tmp_path / "v" / "s9" / "intro.1.wav", 0.02 * np.sin(2 * np.pi * 200 * t), rate)
    (tmp_path / "v" / "s9" / "intro.1.txt").write_text("录音。", encoding="utf-8")
    settings = VoiceSettings(mode="recorded", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v")
    clip = clip_for(settings, "s9", "intro.1", "录音。")
    assert clip.source == "recorded"
    assert clip.duration == pytest.approx(3.0, abs=0.01)
    assert abs(measure(*read_audio(clip.path)).lufs - TARGET_LUFS) <= 0.3


# --- nothing broken ships: long narration, damaged caches, recordings that cannot be right ------

#: a clause of 122 characters (about 490 phoneme tokens, just inside one model call) without a comma
LONG_CLAUSE = (
    "我的书在你的手里他也有一本我的比他的大你的比我的小可是他的书不在这里也不在那里我也不知道它在哪"
    "里你去问一下他吧也许他自己也不知道它到底在哪里我们只好再去买一本新的书了他的书也许在家里的桌子"
    "下面我的书在你的手里他也有一本我的比他的大你的比我的小可"
)
#: 522 characters with commas and no full stop: one "sentence" four model calls long
LONG_NARRATION = "，".join([LONG_CLAUSE] * 4) + "，" + LONG_CLAUSE[:30]


def _tone(path, seconds, rate=16000, amplitude=0.1):
    from scenes.speech.audio import write_wav

    t = np.arange(int(seconds * rate)) / rate
    return write_wav(path, amplitude * np.sin(2 * np.pi * 200 * t), rate)


def _recording(tmp_path, text="录音。", beat="intro.1"):
    """Where beat ``beat`` of section s9 is recorded (its transcript written), and the settings."""
    folder = tmp_path / "v" / "s9"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{beat}.txt").write_text(text, encoding="utf-8")
    settings = VoiceSettings(mode="recorded", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v")
    return folder / f"{beat}.wav", settings


def test_a_long_sentence_is_cut_at_its_clauses_to_fit_the_model():
    import re

    lex = load_lexicon()
    assert len(LONG_NARRATION) == 522
    calls = kokoro.phonemes_for(LONG_NARRATION, lex)
    assert len(calls) == 5
    assert all(len(c) <= kokoro.MAX_TOKENS - 2 for c in calls)  # no call is cut short
    assert all(c.endswith(".") for c in calls)  # each ends a sentence
    bare = re.compile(r"[,.\s]")  # the cuts close commas
    assert bare.sub("", "".join(calls)) == bare.sub("", phonemize(LONG_NARRATION, lex))
    # sounds with long phonemes (6 tokens a character): 103 characters need two calls
    w = "双庄窗床光黄强香想象"
    text = w * 6 + "，" + w * 2 + "、" + w * 2 + "。"
    assert len(phonemize(text, lex)) > kokoro.MAX_TOKENS
    # cut at the comma rather than at the later 、 (which would
    # fit too), else at the last 、 that fits
    assert kokoro.phonemes_for(text, lex)[0] == phonemize(w * 6 + "。", lex)
    listing = text.replace("，", "、")
    assert kokoro.phonemes_for(listing, lex)[0] == phonemize(w * 6 + "、" + w * 2 + "。", lex)


def test_a_clause_too_long_for_the_model_is_refused_naming_the_beat(tmp_path, monkeypatch):
    def synthesised(*a, **k):
        raise AssertionError("the clause was synthesised (and cut short)")

    monkeypatch.setattr(kokoro, "speak_pieces", synthesised)
    settings = VoiceSettings(
        mode="kokoro", cache_dir=tmp_path / "clips", model_dir=tmp_path / "models"
    )
    text = "先说一句，" + LONG_CLAUSE + "他的书也许在家里的桌子下面也许在门后面" + "。"
    with pytest.raises(ValueError, match="beat s9/long.1") as caught:
        voice_mod.clip_for(settings, "s9", "long.1", text)
    message = str(caught.value)
    assert type(caught.value).__name__ == "ClauseTooLongError"
    assert "beat s9/long.1" in message
    assert "add a comma (，) or a full stop (。) in this sentence" in message
    assert f'"{LONG_CLAUSE[:24]}…"' in message  # quotes where the stretch starts
    assert not (tmp_path / "clips").exists() or not any((tmp_path / "clips").iterdir())


def test_a_long_narration_is_spoken_to_its_end(tmp_path, models):
    settings = kokoro_settings(tmp_path, models)
    half = LONG_NARRATION.index(LONG_CLAUSE, 2 * len(LONG_CLAUSE))  # an anchor at the third clause
    clip = voice_mod.clip_for(settings, "s9", "long.1", LONG_NARRATION, (half,))
    # measured: 88 s, each clause 20 s as when said alone (many short syllables such as 的: about
    # 6 characters a second); cut at 508 tokens it was 21 s, a quarter of the text
    assert 3.5 < len(LONG_NARRATION) / clip.duration < 7.5, clip.duration
    assert clip.marks[0] == 0.0
    assert 0.4 < clip.marks[1] / clip.duration < 0.6


def test_a_clip_far_shorter_than_its_text_is_refused(tmp_path, monkeypatch):
    settings = VoiceSettings(mode="espeak", cache_dir=tmp_path)
    text = "这一句旁白很长，" * 8
    short = np.sin(np.arange(8000) / 5).astype(np.float32) * 0.3  # a third of a second
    monkeypatch.setattr(espeak, "espeak_samples", lambda text, voice, rate, pitch: (short, 24000))
    with pytest.raises(
        voice_mod.IncompleteClipError, match=r"beat s9/intro\.1: .* 0\.3 s of audio .*missing"
    ):
        voice_mod.clip_for(settings, "s9", "intro.1", text)
    assert not list(tmp_path.glob("*.wav"))  # not kept for the next build


def _damage(path, how):
    data = path.read_bytes()
    if how == "half":
        path.write_bytes(data[: len(data) // 2])
    elif how == "header only":
        path.write_bytes(data[:44])
    elif how == "changed":
        middle = len(data) // 2
        path.write_bytes(
            data[:middle]
            + bytes(b ^ 0x55 for b in data[middle : middle + 4000])
            + data[middle + 4000 :]
        )
    else:  # its record is gone
        path.with_suffix(".json").unlink()


@pytest.mark.parametrize("how", ["half", "header only", "changed", "no record"])
@pytest.mark.parametrize("splits", [(), (8,)])
def test_a_damaged_cached_clip_is_made_again(tmp_path, capsys, how, splits):
    settings = VoiceSettings(mode="espeak", cache_dir=tmp_path)
    text = "缓存里的声音，不能只看它在不在。"
    first = voice_mod.clip_for(settings, "s9", "intro.1", text, splits)
    whole = first.path.read_bytes()
    _damage(first.path, how)
    capsys.readouterr()
    again = voice_mod.clip_for(settings, "s9", "intro.1", text, splits)
    assert again.path == first.path
    assert again.path.read_bytes() == whole
    assert again.duration == first.duration
    assert again.marks == first.marks
    assert f"making {first.path} again" in capsys.readouterr().err
    # and an intact clip is used as it is, without a word
    assert voice_mod.clip_for(settings, "s9", "intro.1", text, splits) == again
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("how", ["half", "header only"])
def test_a_damaged_normalised_recording_is_made_again(tmp_path, capsys, how):
    recording, settings = _recording(tmp_path)
    _tone(recording, 3.0)
    first = voice_mod.clip_for(settings, "s9", "intro.1", "录音。")
    assert first.path.parent == tmp_path / "c" / "recorded"
    whole = first.path.read_bytes()
    _damage(first.path, how)
    capsys.readouterr()
    again = voice_mod.clip_for(settings, "s9", "intro.1", "录音。")
    assert again.path == first.path
    assert again.path.read_bytes() == whole
    samples, rate = read_audio(again.path)
    assert len(samples) / rate == pytest.approx(
        3.0, abs=0.01
    )  # every sample, not only the header's word
    assert f"making {first.path} again" in capsys.readouterr().err


def test_a_damaged_sound_effect_is_made_again(tmp_path):
    import wave

    from scenes.speech.sound import effect_path

    settings = VoiceSettings(mode="espeak", cache_dir=tmp_path)
    good = effect_path("tick", settings).read_bytes()
    for damaged in (good[:10], good[:44]):
        effect_path("tick", settings).write_bytes(damaged)
        path = effect_path("tick", settings)
        assert path.read_bytes() == good
        with wave.open(str(path), "rb") as w:
            assert w.getnframes() > 0


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("no samples", r"has no samples"),
        (
            "random bytes",
            r"is not a readable audio file .*Invalid data.*accepted formats are \.wav, \.mp3, "
            r"\.ogg, \.flac, \.m4a",
        ),
        ("silent", r"is silent"),
        (
            "30 minutes of silence",
            r"lasts 30:00\.0, but its text takes about 1 s to read \(at most 0:30",
        ),
        ("too long", r"lasts 0:45\.0"),
    ],
)
def test_a_recording_that_cannot_be_right_is_refused(tmp_path, kind, message):
    import wave

    from scenes.speech.audio import write_wav

    recording, settings = _recording(tmp_path)
    if kind == "no samples":
        write_wav(recording, np.zeros(0, np.float32), 16000)
    elif kind == "random bytes":
        recording.write_bytes(np.random.default_rng(1).bytes(20000))
    elif kind == "silent":
        write_wav(recording, np.zeros(3 * 16000, np.float32), 16000)
    elif kind == "30 minutes of silence":
        with wave.open(str(recording), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(bytes(2 * 8000 * 1800))
    else:
        _tone(recording, 45.0)
    with pytest.raises(ValueError, match=message) as caught:
        voice_mod.clip_for(settings, "s9", "intro.1", "录音。")
    assert type(caught.value).__name__ == "RecordingError"
    text = str(caught.value)
    assert str(recording) in text
    assert "(beat s9/intro.1)" in text
    assert "record it again, or delete it to fall back to the synthetic voice" in text


def test_a_recording_a_little_long_for_its_text_is_used(tmp_path):
    recording, settings = _recording(tmp_path, text="录音。")
    _tone(recording, 25.0)  # a long pause, but under the 30 s always allowed
    assert voice_mod.clip_for(settings, "s9", "intro.1", "录音。").duration == pytest.approx(
        25.0, abs=0.01
    )


def test_a_stale_recording_is_marked_in_the_clip_and_the_beat_log(tmp_path):
    from types import SimpleNamespace

    from scenes.kit.narration import Beat, NarratedScene

    recording, settings = _recording(tmp_path, text="旧的句子。")
    _tone(recording, 2.0)
    with pytest.warns(StaleRecordingWarning):
        stale = voice_mod.clip_for(settings, "s9", "intro.1", "新的句子。")
    fresh = voice_mod.clip_for(settings, "s9", "intro.1", "旧的句子。")
    assert stale.source == fresh.source == "recorded"
    assert stale.stale
    assert stale.recording == recording
    assert stale.stale_recording == str(recording)
    assert not fresh.stale
    assert fresh.stale_recording is None
    beats = [
        Beat(None, "intro.1", "新的句子。", stale.duration, stale),
        Beat(None, "intro.2", "别的。", 1.0, None),
    ]
    log = NarratedScene.beat_log(SimpleNamespace(beats=beats))
    assert [b["stale_recording"] for b in log] == [str(recording), None]


def test_timing_report_lists_recordings_made_for_other_text(tmp_path):
    import json

    from scenes.builder.render import SectionOutput
    from scenes.builder.report import timing_report
    from scenes.sections import SECTIONS

    outs = []
    for k, stale in enumerate(["assets/voice/s1/hook.2.wav", None]):
        mp4 = tmp_path / f"{k}.mp4"
        beats = [
            {"id": "hook.1", "overrun": 0, "stale_recording": None},
            {"id": "hook.2", "overrun": 0, "stale_recording": stale},
        ]
        mp4.with_suffix(".beats.json").write_text(json.dumps({"beats": beats}), encoding="utf-8")
        outs.append(SectionOutput(SECTIONS[k], mp4, None, 1.0))
    text = timing_report(outs, [0.0, 60.0], 180.0, 99.0)
    head = "Recordings made for different text (re-record or delete them):"
    assert head in text
    listed = text.split(head)[1].split()
    assert listed == ["-", "s1/hook.2:", "assets/voice/s1/hook.2.wav"]
    assert head not in timing_report(outs[1:], [0.0], 120.0, 99.0)
