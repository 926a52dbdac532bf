"""What a person can choose about the voice, named once (standard library only).

The builder checks its arguments with a bare ``python3`` before setup has installed anything,
so the voice modes and the environment variables that carry the voice settings into the render
processes live here, apart from :mod:`scenes.kit.voice`, which needs numpy.
"""
from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["VOICE_MODES", "ENGINES", "DEFAULT_VOICE_MODE", "VOICE_ENV", "voice_env"]

#: ``recorded``: a beat's recording where there is one, the first synthetic engine otherwise
VOICE_MODES = ("recorded", "kokoro", "espeak", "none")
#: the synthetic voices; ``recorded`` falls back to the first
ENGINES = ("kokoro", "espeak")
DEFAULT_VOICE_MODE = "recorded"

#: every environment variable read by :meth:`scenes.kit.voice.VoiceSettings.from_env`
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
