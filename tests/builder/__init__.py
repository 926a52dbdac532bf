"""Tests of the builder (scenes/builder)."""
