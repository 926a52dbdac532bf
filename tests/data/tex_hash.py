"""Print manim's cache key for one TransformMatchingTex step (run in a fresh process by a test)."""

from manim import MathTex, Scene, TransformMatchingTex, tempconfig
from manim.utils.hashing import get_hash_from_play_call

with tempconfig({"dry_run": True, "quality": "low_quality", "verbosity": "ERROR"}):
    scene = Scene()
    a = MathTex("\\theta^*", "=", "\\arg\\max_\\theta", "\\log", "p(x)", "Q", "P")
    b = MathTex("=", "\\arg\\min_\\theta", "-\\log", "p(x)", "P", "Q")
    scene.add(a)
    step = TransformMatchingTex(a, b)
    step._setup_scene(scene)
    step.begin()
    print(
        get_hash_from_play_call(
            scene,
            scene.renderer.camera,
            [step],
            scene.mobjects,
            backend="cairo",
            encoder_fingerprint="test",
            renderer_state=(),
        )
    )
