"""Draws the macOS menu-bar (template) variants of the tray icons: black shapes on
transparency, which macOS tints to suit a light or dark menu bar. 44x44 px (22 pt @2x).

    python3 icons/tray/make_templates.py   # needs Pillow
"""
from pathlib import Path

from PIL import Image, ImageDraw

SIZE, SCALE = 44, 8  # drawn 8x larger, then scaled down for smooth edges
HERE = Path(__file__).parent


def glyph(alpha: int) -> Image.Image:
    """The cynosural beacon: a ring with a beam through it."""
    big = SIZE * SCALE
    im = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    s = SCALE
    d.ellipse((7 * s, 12 * s, 31 * s, 26 * s), outline=(0, 0, 0, alpha), width=3 * s)
    d.rounded_rectangle((17 * s, 3 * s, 21 * s, 35 * s), radius=2 * s, fill=(0, 0, 0, alpha))
    return im


def dot(im: Image.Image, filled: bool) -> None:
    d = ImageDraw.Draw(im)
    s = SCALE
    box = (27 * s, 27 * s, 43 * s, 43 * s)
    # A gap around the dot keeps it apart from the beacon at menu-bar size.
    d.ellipse((25 * s, 25 * s, 45 * s, 45 * s), fill=(0, 0, 0, 0))
    if filled:
        d.ellipse(box, fill=(0, 0, 0, 255))
    else:
        d.ellipse(box, outline=(0, 0, 0, 255), width=3 * s)


def save(im: Image.Image, name: str) -> None:
    im.resize((SIZE, SIZE), Image.LANCZOS).save(HERE / f"template-{name}.png")


some = glyph(255)
dot(some, filled=True)
save(some, "some-online")

none = glyph(255)
dot(none, filled=False)
save(none, "none-online")

save(glyph(110), "not-live")
