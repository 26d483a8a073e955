package lab.centerloss.text;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The characters an OpenType or TrueType font maps to a glyph, read from its {@code cmap} table
 * (formats 4 and 12, Microsoft Unicode encodings): what a test needs to know whether a font can
 * draw a string, without trusting any renderer's silent fallback.
 */
final class OpenTypeCmap {
  private final BitSet mapped = new BitSet(0x110000);

  OpenTypeCmap(byte[] font) {
    ByteBuffer in = ByteBuffer.wrap(font);
    int tables = in.getShort(4) & 0xFFFF;
    int cmap = -1;
    for (int i = 0; i < tables; i++) {
      int record = 12 + 16 * i;
      String tag = new String(font, record, 4, StandardCharsets.US_ASCII);
      if (tag.equals("cmap")) {
        cmap = in.getInt(record + 8);
      }
    }
    if (cmap < 0) {
      throw new IllegalArgumentException("no cmap table");
    }
    int encodings = in.getShort(cmap + 2) & 0xFFFF;
    for (int i = 0; i < encodings; i++) {
      int platform = in.getShort(cmap + 4 + 8 * i) & 0xFFFF;
      int encoding = in.getShort(cmap + 6 + 8 * i) & 0xFFFF;
      int offset = cmap + in.getInt(cmap + 8 + 8 * i);
      if (platform == 3 && (encoding == 1 || encoding == 10) || platform == 0) {
        int format = in.getShort(offset) & 0xFFFF;
        if (format == 4) {
          readFormat4(in, offset);
        } else if (format == 12) {
          readFormat12(in, offset);
        }
      }
    }
  }

  private void readFormat4(ByteBuffer in, int table) {
    int segments = (in.getShort(table + 6) & 0xFFFF) / 2;
    int ends = table + 14;
    int starts = ends + 2 * segments + 2;
    int deltas = starts + 2 * segments;
    int rangeOffsets = deltas + 2 * segments;
    for (int s = 0; s < segments; s++) {
      int end = in.getShort(ends + 2 * s) & 0xFFFF;
      int start = in.getShort(starts + 2 * s) & 0xFFFF;
      int delta = in.getShort(deltas + 2 * s);
      int rangeOffsetAt = rangeOffsets + 2 * s;
      int rangeOffset = in.getShort(rangeOffsetAt) & 0xFFFF;
      for (int c = start; c <= end && c != 0xFFFF; c++) {
        int glyph;
        if (rangeOffset == 0) {
          glyph = (c + delta) & 0xFFFF;
        } else {
          int at = rangeOffsetAt + rangeOffset + 2 * (c - start);
          glyph = in.getShort(at) & 0xFFFF;
          glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
        }
        if (glyph != 0) {
          mapped.set(c);
        }
      }
    }
  }

  private void readFormat12(ByteBuffer in, int table) {
    long groups = in.getInt(table + 12) & 0xFFFFFFFFL;
    for (int g = 0; g < groups; g++) {
      int group = table + 16 + 12 * g;
      int start = in.getInt(group);
      int end = in.getInt(group + 4);
      int firstGlyph = in.getInt(group + 8);
      for (int c = start; c <= end && c < 0x110000; c++) {
        if (firstGlyph + (c - start) != 0) {
          mapped.set(c);
        }
      }
    }
  }

  boolean maps(int codePoint) {
    return mapped.get(codePoint);
  }
}
