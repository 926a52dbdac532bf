"""What a person can choose about the voice, named once (standard library only).

The builder checks its arguments with a bare ``python3`` before setup has installed anything,
so the voice modes, the environment variables that carry the voice settings into the render
processes and :class:`VoiceSettings`, which reads them, live here, apart from
:mod:`scenes.speech.voice`, which needs numpy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..paths import ASSETS, MODEL_CACHE, VOICE_CACHE

__all__ = [
    "ENGINE_MODULES",
    "VOICE_MODES",
    "ENGINES",
    "DEFAULT_VOICE_MODE",
    "VOICE_ENV",
    "voice_env",
    "VoiceSettings",
]

#: the synthetic voices: name -> the module that defines its ``ENGINE`` (see scenes.speech.engines);
#: ``recorded`` falls back to the first. A new voice is one module and one line here.
ENGINE_MODULES = {
    "kokoro": "scenes.speech.kokoro",
    "espeak": "scenes.speech.espeak",
}
ENGINES = tuple(ENGINE_MODULES)
#: ``recorded``: a beat's recording where there is one, the first synthetic engine otherwise
VOICE_MODES = ("recorded", *ENGINES, "none")
DEFAULT_VOICE_MODE = "recorded"

#: every environment variable read by :meth:`scenes.speech.voice.VoiceSettings.from_env`
VOICE_ENV = {
    "mode": "EXPLAINER_VOICE",
    "chars_per_second": "EXPLAINER_CPS",
    "kokoro_voice": "EXPLAINER_KOKORO_VOICE",
    "kokoro_speed": "EXPLAINER_KOKORO_SPEED",
    "lexicon": "EXPLAINER_LEXICON",
    "espeak_voice": "EXPLAINER_ESPEAK_VOICE",
    "espeak_rate": "EXPLAINER_ESPEAK_RATE",
    "espeak_pitch": "EXPLAINER_ESPEAK_PITCH",
    "cache_dir": "EXPLAINER_CACHE",
    "model_dir": "EXPLAINER_MODELS",
    "voice_dir": "EXPLAINER_VOICE_DIR",
}


def voice_env(mode: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The voice settings to hand to a render process: ``mode`` plus whatever is set now.

    >>> voice_env("kokoro", {"EXPLAINER_KOKORO_SPEED": "1.1", "HOME": "/root"})
    {'EXPLAINER_VOICE': 'kokoro', 'EXPLAINER_KOKORO_SPEED': '1.1'}
    """
    if mode not in VOICE_MODES:
        raise ValueError(f"{mode!r} is not a voice mode; use one of {', '.join(VOICE_MODES)}")
    environ = os.environ if environ is None else environ
    env = {VOICE_ENV["mode"]: mode}
    for name in VOICE_ENV.values():
        if name != VOICE_ENV["mode"] and environ.get(name):
            env[name] = environ[name]
    return env


@dataclass(frozen=True)
class VoiceSettings:
    """Every voice setting, read from the environment by :meth:`from_env`.

    See :mod:`scenes.speech.voice`.
    """

    mode: str = DEFAULT_VOICE_MODE
    chars_per_second: float = 4.2  # about Kokoro zf_xiaobei at speed 1.0
    kokoro_voice: str = "zf_xiaobei"
    kokoro_speed: float = 1.0
    lexicon: Path | None = None  # None: assets/pronunciation.toml
    espeak_voice: str = "cmn-latn-pinyin"
    espeak_rate: int = 170
    espeak_pitch: int = 50
    cache_dir: Path = VOICE_CACHE
    model_dir: Path = MODEL_CACHE
    voice_dir: Path = ASSETS / "voice"

    @property
    def engine(self) -> str | None:
        """The synthetic voice this mode uses for beats without a recording."""
        if self.mode == "none":
            return None
        return self.mode if self.mode in ENGINE_MODULES else next(iter(ENGINE_MODULES))

    @classmethod
    def from_env(cls, env=None) -> VoiceSettings:
        env = os.environ if env is None else env
        name = VOICE_ENV
        mode = env.get(name["mode"], DEFAULT_VOICE_MODE).strip().lower()
        if mode not in VOICE_MODES:
            raise ValueError(
                f"{name['mode']}={mode!r} is not a voice mode; use one of {', '.join(VOICE_MODES)}"
            )

        def number(name, default, kind):
            raw = env.get(name)
            if raw is None or raw == "":
                return default
            try:
                value = kind(raw)
            except ValueError:
                raise ValueError(f"{name}={raw!r} is not a {kind.__name__}") from None
            if value <= 0:
                raise ValueError(f"{name} must be > 0, got {raw!r}")
            return value

        speed = number(name["kokoro_speed"], cls.kokoro_speed, float)
        if not 0.5 <= speed <= 2.0:
            raise ValueError(f"{name['kokoro_speed']} must be between 0.5 and 2.0, got {speed}")
        lexicon = env.get(name["lexicon"])
        return cls(
            mode=mode,
            chars_per_second=number(name["chars_per_second"], cls.chars_per_second, float),
            kokoro_voice=env.get(name["kokoro_voice"], cls.kokoro_voice),
            kokoro_speed=speed,
            lexicon=Path(lexicon) if lexicon else None,
            espeak_voice=env.get(name["espeak_voice"], cls.espeak_voice),
            espeak_rate=number(name["espeak_rate"], cls.espeak_rate, int),
            espeak_pitch=number(name["espeak_pitch"], cls.espeak_pitch, int),
            cache_dir=Path(env.get(name["cache_dir"], cls.cache_dir)),
            model_dir=Path(env.get(name["model_dir"], cls.model_dir)),
            voice_dir=Path(env.get(name["voice_dir"], cls.voice_dir)),
        )
