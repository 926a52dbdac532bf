"""Shared scene code: style, narration, voice, subtitles and shared mobjects."""
