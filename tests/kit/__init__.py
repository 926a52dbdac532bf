"""Tests of the scene author's kit (scenes/kit)."""
