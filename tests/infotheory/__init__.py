"""Tests of the numbers (infotheory)."""
