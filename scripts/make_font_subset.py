#!/usr/bin/env python3
"""Makes the bundled Chinese font: Noto Sans CJK SC cut down to the characters the app shows.

Noto Sans CJK is under the SIL Open Font License 1.1 (license file next to the subset). Run this
whenever a message bundle gains a character; FontCoverageTest fails until then.

Needs Debian's fonts-noto-cjk and python3-fonttools (build-time only, never at run time):
    apt-get install fonts-noto-cjk python3-fonttools
    /usr/bin/python3 scripts/make_font_subset.py
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_INDEX = 2  # "Noto Sans CJK SC" in Debian's collection (fc-query lists the faces)
OUT = os.path.join(ROOT, "src/main/resources/lab/centerloss/fonts/NotoSansSC-Subset.otf")
TEXT = [os.path.join(ROOT, "src/main/resources/lab/centerloss/text")] + [os.path.join(ROOT, "src/main/resources/lab/centerloss/lessons")]


def characters():
    chars = set(chr(c) for c in range(0x20, 0x7F))          # ASCII: digits, formulas, file names
    chars |= set(chr(c) for c in range(0xA0, 0x100))       # Latin-1: ×, ·, °, ½, ²
    chars |= set(chr(c) for c in range(0x391, 0x3CA))      # Greek: θ, λ, α, Σ, π
    chars |= set("−–—…‘’“”•·←→↑↓▶◀❚●○■□▲△◆◇★☆✓✗‖∂∑√∞≈≠≤≥±∈ⱼ̄₀₁₂₃₄₅₆₇₈₉ⁿ")
    for folder in TEXT:
        for path in glob.glob(os.path.join(folder, "**", "*"), recursive=True):
            if path.endswith((".properties", ".json")):
                with open(path, encoding="utf-8") as f:
                    chars |= set(f.read())
    return "".join(sorted(c for c in chars if c >= " "))


# Noto Sans CJK has no subscript i, which the formulas write (xᵢ, c_yᵢ, as the English window does).
SUBSCRIPT_I = 0x1D62
# Its glyph is drawn into the slot of the currency sign, which no text of the app uses.
SPARE = 0xA4
SUBSCRIPT_SCALE = 0.62
SUBSCRIPT_DROP = 0.10  # em below the baseline


def draw_subscript_i(font):
    """Draws U+1D62 as the font's own i, smaller and lowered, in the spare glyph's slot."""
    best = font.getBestCmap()
    slot, source = best[SPARE], best[ord("i")]
    units = font["head"].unitsPerEm
    glyphs = font.getGlyphSet()
    strings = font["CFF "].cff.topDictIndex[0].CharStrings
    old = strings[slot]
    width = round(font["hmtx"][source][0] * SUBSCRIPT_SCALE)
    pen = T2CharStringPen(width, glyphs)
    glyphs[source].draw(TransformPen(pen, (SUBSCRIPT_SCALE, 0, 0, SUBSCRIPT_SCALE, 0, -SUBSCRIPT_DROP * units)))
    strings[slot] = pen.getCharString(private=old.private, globalSubrs=old.globalSubrs)
    font["hmtx"][slot] = (width, round(font["hmtx"][source][1] * SUBSCRIPT_SCALE))
    for table in font["cmap"].tables:
        if table.isUnicode() and SPARE in table.cmap:
            del table.cmap[SPARE]
            table.cmap[SUBSCRIPT_I] = slot


def main():
    collection = TTCollection(SOURCE)
    font = collection.fonts[SC_INDEX]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    draw_subscript_i(font)
    font.recalcTimestamp = False
    font.save(OUT)
    print(f"{OUT}: {os.path.getsize(OUT)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
