"""The film's look: one palette, fonts, sizes, spacing and the tex colour map.

P (the true distribution) and Q (the assumed / model distribution) keep their colours in
every section; import the constants, never copy the hex codes.
"""

from __future__ import annotations

from manim import (
    BLUE_C,
    GREEN_C,
    GREY_B,
    GREY_D,
    ORANGE,
    PURPLE_B,
    WHITE,
    YELLOW_C,
    MathTex,
    Text,
)

# --- palette ----------------------------------------------------------------------
P_COLOR = BLUE_C  # the true distribution P
Q_COLOR = ORANGE  # the assumed / model distribution Q
ENTROPY_COLOR = GREEN_C  # H(P): the floor
KL_COLOR = PURPLE_B  # the gap D_KL(P||Q): the price of a wrong belief (red is too near Q's orange)
ACCENT = YELLOW_C  # highlights, the current item
TEXT_COLOR = WHITE
MUTED = GREY_B  # axes, secondary labels
FAINT = GREY_D  # grid lines, backgrounds of cards

# --- type: the scale every text and formula uses (manim font sizes) -------------------
FONT = "Noto Sans CJK SC"
FIGURE_FONT = FONT  # figures (bar values, readouts, ticks, tables): see scenes.kit.figures
#: capital height in pixels at 1080p per point of font size, measured on the film's fonts
#: (Noto Sans CJK SC for Text and figures, Computer Modern for MathTex)
CAP_PER_POINT = {"text": 1.375, "tex": 0.957}
#: a figure beside a formula at font size s is set at s * FIGURE_BESIDE_TEX: the same digit height
FIGURE_BESIDE_TEX = CAP_PER_POINT["tex"] / CAP_PER_POINT["text"]
SMALL_SIZE = 20  # footnotes, axis ticks
CAPTION_SIZE = 22  # notes under a figure, legends
LABEL_SIZE = 24  # chart labels, value labels
STRONG_LABEL_SIZE = 28  # panel headings, emphasised labels
BODY_SIZE = 30  # sentences on screen
LEAD_SIZE = 34  # the line a beat is about
FORMULA_SIZE = 36  # formulas (tex's default)
HEADING_SIZE = 40  # headings, key formulas
BIG_FORMULA_SIZE = 46  # the one formula a beat builds
TITLE_SIZE = 56  # section titles
DISPLAY_SIZE = 84  # a word shown alone ("准吗？", the closing card)
HERO_SIZE = 134  # the film's name when it is revealed
TEX_SCALE = 1.0

# --- spacing (in manim units; the frame is 14.2 x 8) ------------------------------------
EDGE = 0.45  # distance kept from the frame's edge
GAP = 0.35  # between related items
ROW_GAP = 0.55  # between the rows of a list or a derivation
SECTION_GAP = 0.8  # between groups
WIDE_GAP = 1.2  # between side-by-side panels
TOP_ROW = EDGE + 0.3  # a heading row near the top edge
# the title-safe margin, as a share of the frame on each side (the layout check's)
SAFE_MARGIN = 0.05
UNDER_TOP_ROW = EDGE + 0.9  # content that leaves room for a heading row above it

# --- timing (seconds) -------------------------------------------------------------------
FADE_OUT_TIME = 0.6  # clearing the screen between beats

#: Symbols coloured the same way in every formula.
TEX_COLOR_MAP = {"P": P_COLOR, "Q": Q_COLOR}


def zh(text: str, size: float = BODY_SIZE, color=TEXT_COLOR, **kwargs) -> Text:
    """Chinese (or mixed) text in the film's font."""
    return Text(text, font=FONT, font_size=size, color=color, **kwargs)


def tex(
    *parts: str, size: float = FORMULA_SIZE, color_map: dict | None = None, **kwargs
) -> MathTex:
    """A formula with P and Q in their colours (isolated so that colouring is by tex, not index)."""
    cmap = {**TEX_COLOR_MAP, **(color_map or {})}
    isolate = list(cmap) + list(kwargs.pop("substrings_to_isolate", []))
    m = MathTex(*parts, font_size=size, substrings_to_isolate=isolate, **kwargs)
    for key, col in cmap.items():
        m.set_color_by_tex(key, col, substring=False)
    return m
