package lab.centerloss.plot;

import lab.centerloss.train.HeadKind;

/**
 * The logit of the target class as a function of its angle theta to the class direction, for the
 * normalized heads: the one picture that tells the margins apart.
 *
 * <ul>
 *   <li>NormFace (Wang et al., ACM MM 2017): s cos(theta);
 *   <li>CosFace (Wang et al., CVPR 2018, eq. 4): s (cos(theta) - m), the cosine lowered by m;
 *   <li>ArcFace (Deng et al., CVPR 2019, eq. 3): s cos(theta + m), the angle widened by m; past
 *       theta = pi - m, where cos(theta + m) would rise again, s (cos(theta) - m sin(m)) as in the
 *       authors' code, so that the logit keeps falling.
 * </ul>
 *
 * Pure functions; the renderer draws them.
 */
public final class TargetLogit {
  private TargetLogit() {}

  /** The target logit at angle theta (radians) for a head, scale s and margin m. */
  public static double value(HeadKind head, double theta, double s, double m) {
    double cos = Math.cos(theta);
    return switch (head) {
      case SOFTMAX, NORMFACE -> s * cos;
      case COSFACE -> s * (cos - m);
      case ARCFACE -> theta <= Math.PI - m ? s * Math.cos(theta + m) : s * (cos - m * Math.sin(m));
    };
  }

  /** Where ArcFace's fallback starts: theta = pi - m. */
  public static double arcFaceFallbackAngle(double m) {
    return Math.PI - m;
  }

  /** The heads drawn, the one in force first: the normalized three. */
  public static HeadKind[] normalizedHeads() {
    return new HeadKind[] {HeadKind.NORMFACE, HeadKind.COSFACE, HeadKind.ARCFACE};
  }

  /**
   * The widest margin ten (or n) directions can all keep from their neighbours: 2 pi / n radians
   * apart.
   */
  public static double largestGap(int classes) {
    return 2 * Math.PI / classes;
  }
}
