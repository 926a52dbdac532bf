"""The Kokoro voice, the pronunciation lexicon, loudness and the listen check."""

import numpy as np
import pytest

from scenes.kit import kokoro, kokoro_model
from scenes.kit import voice as voice_mod
from scenes.kit.listen import error_rate, score_beat, syllables
from scenes.kit.loudness import CLIP_CEILING_DBTP, TARGET_LUFS, measure, normalise
from scenes.kit.pronounce import LexiconError, load_lexicon, phonemize
from scenes.kit.text import speakable
from scenes.kit.voice import VoiceSettings, read_audio, synthesize

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
    assert phonemize("似然", base).startswith("s")        # lexicon: si4, not shi4
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


@pytest.mark.parametrize("entry, message", [
    ('"数一数" = "shu3 yi shu3"', r"'数一数'.*'yi'.*tone number"),
    ('"数一数" = "shu3 yi4"', r"'数一数' has 3 characters but 2 syllables"),
    ('"数一数" = "shu3 yxq4 shu3"', r"'数一数'.*'yxq4' is not a Mandarin syllable"),
    ('softmax = "/sɔft☃/"', r"'softmax'.*does not know: ☃"),
    ('"3点" = "san1 dian3"', r"'3点' mixes"),
    ('数一数 = "shu3 yi4 shu3"', r"not valid TOML.*double quotes"),
])
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
    assert kokoro.phonemes_for(two, lex) == [phonemize(two, lex)]   # one call, as if written together
    many = "".join(f"这是第{n}句话，它要说得稍微长一点，好让整段超出一次调用的上限。" for n in range(1, 13))
    calls = kokoro.phonemes_for(many, lex)
    assert len(calls) >= 2 and all(len(c) <= kokoro.MAX_TOKENS - 2 for c in calls)
    assert " ".join(calls) == phonemize(many, lex)                   # nothing lost or repeated at the cuts
    assert all(c.endswith(".") for c in calls)                      # every call ends a sentence


# --- speakable ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, spoken", [
    ("0.70", "零点七"), ("4.20", "四点二"), ("0.00", "零"), ("1.00", "一"), ("2.58", "二点五八"),
    ("log 二、6", "以二为底、六的对数"), ("θ", "西塔"), ("H(P, Q)", "H P Q"), ("D(P‖Q)", "D P Q"),
    ("1/N", "N分之一"), ("80%", "百分之八十"),
])
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
    monkeypatch.setattr(kokoro_model, "MODEL_PACKAGES", ("kokoro_model_part_that_is_not_installed",))
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
    settings = VoiceSettings(mode="kokoro", cache_dir=tmp_path / "clips", model_dir=tmp_path / "models")
    with pytest.raises(kokoro.VoiceUnavailable, match=r"corrupt.*force-reinstall"):
        synthesize("一句新的话。", settings)
    models = tmp_path / "models"
    assert not models.exists() or not any(models.iterdir())      # no half-joined model
    assert not (tmp_path / "clips").exists() or not any((tmp_path / "clips").iterdir())


def test_damaged_cached_model_is_rebuilt(tmp_path, models):
    good = kokoro.model_file(models)
    copy = tmp_path / kokoro.MODEL_NAME
    copy.write_bytes(b"truncated")
    assert kokoro.model_file(tmp_path).read_bytes() == good.read_bytes()


def test_the_model_reports_how_long_each_token_lasts(models):
    import onnxruntime as ort

    session = ort.InferenceSession(str(kokoro.model_file(models)), providers=["CPUExecutionProvider"])
    assert [o.name for o in session.get_outputs()] == ["audio", kokoro_model.DURATIONS_OUTPUT]
    table = kokoro.vocab()
    tokens = [table[c] for c in phonemize(SENTENCE, load_lexicon()) if c in table]
    audio, frames = session.run(None, {
        "tokens": np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": kokoro.load_style("zf_xiaobei")[len(tokens) - 1].reshape(1, 256),
        "speed": np.array([1.0], dtype=np.float32),
    })
    assert frames.shape == (1, len(tokens) + 2) and (frames >= 1).all()
    assert frames.sum() * kokoro_model.FRAME_SAMPLES == audio.size   # the durations cover the audio


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
    from scenes.kit.voice import clip_for, write_wav

    rate = 16000
    t = np.arange(rate * 3) / rate
    write_wav(tmp_path / "v" / "s9" / "intro.1.wav", 0.02 * np.sin(2 * np.pi * 200 * t), rate)
    (tmp_path / "v" / "s9" / "intro.1.txt").write_text("录音。", encoding="utf-8")
    settings = VoiceSettings(mode="recorded", cache_dir=tmp_path / "c", voice_dir=tmp_path / "v")
    clip = clip_for(settings, "s9", "intro.1", "录音。")
    assert clip.source == "recorded" and clip.duration == pytest.approx(3.0, abs=0.01)
    assert abs(measure(*read_audio(clip.path)).lufs - TARGET_LUFS) <= 0.3
