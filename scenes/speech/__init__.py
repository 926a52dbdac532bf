"""The speech pipeline: narration text -> spoken form -> clip -> loudness -> subtitle cues.

* :mod:`~scenes.speech.options` -- the voice settings (environment variables), standard library
  only;
* :mod:`~scenes.speech.spoken` -- how a text is said (numbers, symbols), subtitle cues, length
  estimates;
* :mod:`~scenes.speech.engines` -- the engine interface and registry; one module per engine:
  :mod:`~scenes.speech.kokoro` (the default voice), :mod:`~scenes.speech.espeak` (the fallback);
  recordings (:mod:`~scenes.speech.recordings`) and silence (voice ``none``) are chosen by
  :func:`~scenes.speech.voice.clip_for`;
* :mod:`~scenes.speech.voice` -- one beat's clip (cached, checked complete), whatever its source;
* :mod:`~scenes.speech.audio`, :mod:`~scenes.speech.loudness`, :mod:`~scenes.speech.sound` -- WAV
  files, loudness normalisation, sound effects;
* :mod:`~scenes.speech.subtitles` -- cue timings and SRT/WebVTT text;
* :mod:`~scenes.speech.transcribe`, :mod:`~scenes.speech.align` -- speech recognition (Whisper) and
  the phrase times found in a recording.

It never imports manim, nor the author's kit: :class:`scenes.kit.narration.NarratedScene` calls it.
"""
