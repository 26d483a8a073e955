package lab.centerloss.plot;

import javafx.scene.paint.Color;

/**
 * One color and one marker shape per digit. The colors are Paul Tol's "muted" scheme (nine colors
 * chosen to stay apart for the common color-vision deficiencies) plus a light grey; since ten hues
 * cannot all stay distinct for every viewer, the marker shape is a second cue.
 */
public final class Palette {
  private static final Color[] COLORS = {
    Color.web("#CC6677"), // 0 rose
    Color.web("#332288"), // 1 indigo
    Color.web("#DDCC77"), // 2 sand
    Color.web("#117733"), // 3 green
    Color.web("#88CCEE"), // 4 cyan
    Color.web("#882255"), // 5 wine
    Color.web("#44AA99"), // 6 teal
    Color.web("#999933"), // 7 olive
    Color.web("#AA4499"), // 8 purple
    Color.web("#BBBBBB"), // 9 grey
  };

  /** The brighter variants for a dark background, where indigo and wine would vanish. */
  private static final Color[] ON_DARK = {
    Color.web("#EE8899"), Color.web("#7766DD"), Color.web("#EEDD88"), Color.web("#33BB66"),
    Color.web("#99DDFF"), Color.web("#CC4488"), Color.web("#55CCBB"), Color.web("#BBBB44"),
    Color.web("#DD66CC"), Color.web("#DDDDDD"),
  };

  private Palette() {}

  public static Color color(int digit, boolean darkBackground) {
    return (darkBackground ? ON_DARK : COLORS)[digit];
  }

  public static MarkerShape shape(int digit) {
    return MarkerShape.values()[digit];
  }

  /**
   * A distinct outline per digit, drawn within a unit circle; the eleventh, an octagon, marks the
   * images of another data set given as unknowns (never filled: they are never known).
   */
  public enum MarkerShape {
    CIRCLE,
    SQUARE,
    TRIANGLE_UP,
    DIAMOND,
    TRIANGLE_DOWN,
    PLUS,
    CROSS,
    STAR,
    HEXAGON,
    PENTAGON,
    OCTAGON;

    /** Polygon vertices (x, y alternating) within the unit circle; empty for CIRCLE. */
    public double[] vertices() {
      return switch (this) {
        case CIRCLE -> new double[0];
        case SQUARE -> regular(4, Math.PI / 4, 0.95);
        case TRIANGLE_UP -> regular(3, -Math.PI / 2, 1.1);
        case DIAMOND -> regular(4, 0, 1.05);
        case TRIANGLE_DOWN -> regular(3, Math.PI / 2, 1.1);
        case PLUS -> cross(0);
        case CROSS -> cross(Math.PI / 4);
        case STAR -> star(5, 1.15, 0.5);
        case HEXAGON -> regular(6, 0, 1.0);
        case PENTAGON -> regular(5, -Math.PI / 2, 1.05);
        case OCTAGON -> regular(8, Math.PI / 8, 1.0);
      };
    }

    private static double[] regular(int sides, double rotation, double radius) {
      double[] v = new double[sides * 2];
      for (int i = 0; i < sides; i++) {
        double a = rotation + 2 * Math.PI * i / sides;
        v[2 * i] = radius * Math.cos(a);
        v[2 * i + 1] = radius * Math.sin(a);
      }
      return v;
    }

    private static double[] star(int points, double outer, double inner) {
      double[] v = new double[points * 4];
      for (int i = 0; i < points * 2; i++) {
        double a = -Math.PI / 2 + Math.PI * i / points;
        double r = i % 2 == 0 ? outer : inner;
        v[2 * i] = r * Math.cos(a);
        v[2 * i + 1] = r * Math.sin(a);
      }
      return v;
    }

    /** A plus sign of arm width 0.4, rotated. */
    private static double[] cross(double rotation) {
      double w = 0.35;
      double l = 1.05;
      double[] base = {
        -w, -l, w, -l, w, -w, l, -w, l, w, w, w, w, l, -w, l, -w, w, -l, w, -l, -w, -w, -w
      };
      double cos = Math.cos(rotation);
      double sin = Math.sin(rotation);
      double[] v = new double[base.length];
      for (int i = 0; i < base.length; i += 2) {
        v[i] = base[i] * cos - base[i + 1] * sin;
        v[i + 1] = base[i] * sin + base[i + 1] * cos;
      }
      return v;
    }
  }
}
