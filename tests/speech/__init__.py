"""Tests of the speech pipeline (scenes/speech)."""
