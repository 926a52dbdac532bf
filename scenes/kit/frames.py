"""A scene clock that counts whole frames, the same whether an animation is rendered or cached.

manim advances its clock by the frames a rendered animation writes, but by the exact run time
when the animation is taken from its cache or skipped. The narration times voice clips,
subtitles and waits from that clock, so the two must agree: here they always do.
"""

from __future__ import annotations

import numpy as np
from manim import Scene, config

__all__ = ["FrameClockScene", "frame_count"]


def frame_count(run_time: float, still: bool = False) -> int:
    """The frames manim's renderer writes for an animation of ``run_time`` seconds.

    An animation writes one frame per step of ``np.arange(0, run_time, 1 / fps)``
    (``Scene.get_time_progression``); a still wait repeats one frame ``int(run_time * fps)``
    times (``CairoRenderer.freeze_current_frame``).
    """
    dt = 1 / config.frame_rate
    return int(run_time / dt) if still else len(np.arange(0, run_time, dt))


class FrameClockScene(Scene):
    """A scene whose clock (``self.time``) is always a whole number of frames."""

    _frame: int = 0  # the clock, in frames (set per scene by advance_clock)

    def play(self, *args, **kwargs) -> None:
        """Play as manim does (``wait`` goes through here too), on a clock that counts frames.

        A rendered animation advances manim's clock by the frames it writes (its run time
        rounded up to a whole frame; a still wait, rounded down); one taken from manim's cache,
        or skipped, by its exact run time. Left alone, a rebuild that reuses some animations
        would start every later beat, voice clip and subtitle up to a frame per animation away
        from the frames they belong to, and the waits computed from that clock would differ in
        the last digits and miss manim's cache in turn. Here the clock is a whole number of
        frames: every beat starts on a frame, and what happens inside a beat does not depend on
        what came before it.
        """
        start = self.renderer.time
        super().play(*args, **kwargs)
        if self.renderer.skip_animations:
            frames = frame_count(self.duration, still=self.is_current_animation_frozen_frame())
        else:
            frames = round((self.renderer.time - start) * config.frame_rate)
        self.advance_clock(frames)
        self._stop_skipping_after_cached_play()

    def _stop_skipping_after_cached_play(self) -> None:
        """Leave the renderer skipping only if the whole render skips.

        manim marks its renderer as skipping while it plays an animation from its cache and
        resets that only when the next ``play`` begins; a sound added in between is dropped
        ("no sound is added while animations are being skipped"): a beat starting after a
        cached animation would lose its voice. Reset here, as manim does at the start of a play.
        """
        renderer = self.renderer
        renderer.skip_animations = renderer._original_skipping_status
        renderer.update_skipping_status()

    @property
    def frame(self) -> int:
        """The scene's clock, in frames."""
        return self._frame

    def advance_clock(self, frames: int) -> None:
        """Move the scene's clock on by ``frames`` whole frames."""
        self._frame += frames
        self.renderer.time = self._frame / config.frame_rate

    def wait_is_still(self) -> bool:
        """Whether a wait now shows one still frame (nothing on screen changes with time).

        The test of ``Scene.should_update_mobjects``, which can only be asked during a wait.
        """
        return not (
            self.always_update_mobjects
            or self.updaters
            or any(m.has_time_based_updater() for m in self.get_mobject_family_members())
        )

    def wait_frames(self, frames: int) -> None:
        """Wait exactly ``frames`` frames, whether the wait is a still frame or runs updaters."""
        still = self.wait_is_still()
        self.wait((frames + (0.5 if still else -0.5)) / config.frame_rate)
