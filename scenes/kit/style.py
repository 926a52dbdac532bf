"""The film's look: one palette, fonts, sizes, spacing and the tex colour map.

P (the true distribution) and Q (the assumed / model distribution) keep their colours in
every section; import the constants, never copy the hex codes.
"""
from __future__ import annotations

from manim import (
    BLUE_C,
    GREY_B,
    GREY_D,
    GREEN_C,
    ORANGE,
    PURPLE_B,
    WHITE,
    YELLOW_C,
    MathTex,
    Text,
)

# --- palette ----------------------------------------------------------------------
P_COLOR = BLUE_C          # the true distribution P
Q_COLOR = ORANGE          # the assumed / model distribution Q
ENTROPY_COLOR = GREEN_C   # H(P): the floor
KL_COLOR = PURPLE_B        # the gap D_KL(P||Q): the price of a wrong belief (red is too near Q's orange)
ACCENT = YELLOW_C         # highlights, the current item
TEXT_COLOR = WHITE
MUTED = GREY_B            # axes, secondary labels
FAINT = GREY_D            # grid lines, backgrounds of cards

# --- type -------------------------------------------------------------------------
FONT = "Noto Sans CJK SC"
TITLE_SIZE = 56
HEADING_SIZE = 40
BODY_SIZE = 30
LABEL_SIZE = 24
SMALL_SIZE = 20
TEX_SCALE = 1.0

# --- spacing (in manim units; the frame is 14.2 x 8) ------------------------------------
EDGE = 0.45               # distance kept from the frame's edge
GAP = 0.35                # between related items
SECTION_GAP = 0.8         # between groups

#: Symbols coloured the same way in every formula.
TEX_COLOR_MAP = {"P": P_COLOR, "Q": Q_COLOR}


def zh(text: str, size: float = BODY_SIZE, color=TEXT_COLOR, **kwargs) -> Text:
    """Chinese (or mixed) text in the film's font."""
    return Text(text, font=FONT, font_size=size, color=color, **kwargs)


def tex(*parts: str, size: float = BODY_SIZE + 6, color_map: dict | None = None, **kwargs) -> MathTex:
    """A formula with P and Q in their colours (isolated so that colouring is by tex, not index)."""
    cmap = {**TEX_COLOR_MAP, **(color_map or {})}
    isolate = list(cmap) + list(kwargs.pop("substrings_to_isolate", []))
    m = MathTex(*parts, font_size=size, substrings_to_isolate=isolate, **kwargs)
    for key, col in cmap.items():
        m.set_color_by_tex(key, col, substring=False)
    return m
