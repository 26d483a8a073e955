package lab.centerloss.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lab.centerloss.train.HeadKind;

/**
 * Where the margins leave no-man's land on the unit circle. Between two neighbouring class
 * directions W_j and W_k (angles phi_j &lt; phi_k, gap delta), a feature at angle psi is won by j
 * with its margin when
 *
 * <ul>
 *   <li>ArcFace: cos(theta_j + m) &gt; cos(theta_k), i.e. theta_j + m &lt; theta_k: psi &lt;
 *       bisector - m/2;
 *   <li>CosFace: cos(theta_j) - m &gt; cos(theta_k), solved for theta_j numerically;
 * </ul>
 *
 * and by k likewise from the other side. The wedge between the two boundaries belongs to neither
 * class: that is the margin the class sees. When the margin is larger than the gap allows, the
 * wedge fills the whole gap ({@link Wedge#unreachable()}).
 */
public final class MarginGeometry {
  private MarginGeometry() {}

  /**
   * @param fromAngle radians, counter-clockwise start of the wedge
   * @param toAngle radians, end of the wedge (fromAngle &lt;= toAngle, possibly beyond 2 pi)
   * @param lowerClass the class whose direction precedes the wedge
   * @param upperClass the class whose direction follows it
   * @param unreachable the margin cannot be met anywhere in this gap
   */
  public record Wedge(
      double fromAngle, double toAngle, int lowerClass, int upperClass, boolean unreachable) {
    public double width() {
      return toAngle - fromAngle;
    }
  }

  /** The wedges between every pair of neighbouring directions, given as angles per class. */
  public static List<Wedge> wedges(double[] classAngles, HeadKind head, double margin) {
    int n = classAngles.length;
    List<Integer> order = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      order.add(j);
    }
    order.sort(Comparator.comparingDouble(j -> normalize(classAngles[j])));
    List<Wedge> wedges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int lower = order.get(i);
      int upper = order.get((i + 1) % n);
      double start = normalize(classAngles[lower]);
      double gap = normalize(classAngles[upper]) - start;
      if (gap <= 0) {
        gap += 2 * Math.PI;
      }
      if (n == 1) {
        gap = 2 * Math.PI;
      }
      double boundary =
          marginBoundary(gap, head, margin); // from the lower class, where its claim ends
      boolean unreachable = boundary < 0;
      double from = unreachable ? start : start + boundary;
      double to = unreachable ? start + gap : start + gap - boundary;
      wedges.add(new Wedge(from, to, lower, upper, unreachable));
    }
    return wedges;
  }

  /**
   * The angle from a class direction, towards a neighbour {@code gap} radians away, at which the
   * class stops winning with its margin; negative when it wins nowhere in the gap.
   */
  static double marginBoundary(double gap, HeadKind head, double margin) {
    double half = gap / 2;
    return switch (head) {
      case SOFTMAX, NORMFACE -> half;
      case ARCFACE -> {
        // Past pi the angular rule no longer holds; gaps that wide only occur for <3 classes.
        double boundary = half - margin / 2;
        yield boundary >= 0 ? boundary : -1;
      }
      case COSFACE -> cosFaceBoundary(gap, margin);
    };
  }

  /** Largest t in [0, gap/2] with cos t - cos(gap - t) >= m; -1 if even t = 0 fails. */
  private static double cosFaceBoundary(double gap, double margin) {
    if (Math.cos(0) - Math.cos(gap) < margin) {
      return -1;
    }
    double low = 0;
    double high = gap / 2; // there cos t - cos(gap - t) = 0 <= m
    for (int i = 0; i < 60; i++) {
      double mid = (low + high) / 2;
      if (Math.cos(mid) - Math.cos(gap - mid) >= margin) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Angle into [0, 2 pi). */
  static double normalize(double angle) {
    double a = angle % (2 * Math.PI);
    return a < 0 ? a + 2 * Math.PI : a;
  }
}
