package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The plane's projection of a feature of more than two dimensions, against a cloud whose principal
 * axes are known by construction.
 */
class FeatureProjectionTest {
  /** Three orthonormal directions: u, v and w = u x v. */
  private static final double[] U = {1 / 3.0, 2 / 3.0, 2 / 3.0};

  private static final double[] V = {2 / 3.0, 1 / 3.0, -2 / 3.0};
  private static final double[] MEAN = {5, -4, 7};

  /**
   * mean + a u + b v for (a, b) = (+-3, 0) and (0, +-1): about the mean, a variance of 18/3 = 6
   * along u, 2/3 along v and none along w, so u and v are the principal axes, in that order.
   */
  private static float[] cloud(double sign) {
    double[][] ab = {{3, 0}, {-3, 0}, {0, 1}, {0, -1}};
    float[] rows = new float[3 * ab.length];
    for (int i = 0; i < ab.length; i++) {
      for (int k = 0; k < 3; k++) {
        rows[3 * i + k] = (float) (MEAN[k] + sign * (ab[i][0] * U[k] + ab[i][1] * V[k]));
      }
    }
    return rows;
  }

  @Test
  @DisplayName("a 3-D cloud's axes are the directions it was made along, largest variance first")
  void knownAxes() {
    FeatureProjection p = FeatureProjection.principalAxes(FeatureRows.copyOf(3, cloud(1)), null);
    for (int k = 0; k < 3; k++) {
      assertThat(p.firstAxis()[k]).isCloseTo(U[k], within(1e-6));
      assertThat(p.secondAxis()[k]).isCloseTo(V[k], within(1e-6));
    }
  }

  @Test
  @DisplayName(
      "the sign: each axis's largest component is positive (the first of equals), whichever way the cloud points")
  void signConvention() {
    // u's largest components are its second and third (2/3 each): the second decides; v's are its
    // first and third (2/3 and -2/3): the first decides. The mirrored cloud has the same axes.
    FeatureProjection mirrored =
        FeatureProjection.principalAxes(FeatureRows.copyOf(3, cloud(-1)), null);
    assertThat(mirrored.firstAxis()[1]).isCloseTo(2 / 3.0, within(1e-6));
    assertThat(mirrored.secondAxis()[0]).isCloseTo(2 / 3.0, within(1e-6));
    assertThat(mirrored.secondAxis()[2]).isCloseTo(-2 / 3.0, within(1e-6));
  }

  @Test
  @DisplayName("a point is drawn at (u . x, v . x), through the origin: the mean is not taken away")
  void projection() {
    FeatureProjection p = FeatureProjection.principalAxes(FeatureRows.copyOf(3, cloud(1)), null);
    Vec2List drawn = p.project(new float[] {3, 0, 0, 0, 0, 0});
    assertThat((double) drawn.x(0)).isCloseTo(1, within(1e-6)); // u . (3, 0, 0) = 3/3
    assertThat((double) drawn.y(0)).isCloseTo(2, within(1e-6)); // v . (3, 0, 0) = 6/3
    assertThat(drawn.x(1)).isZero();
    assertThat(drawn.y(1)).isZero();
  }

  @Test
  @DisplayName("only the rows flagged count (the known digits): others do not move the axes")
  void onlyFlaggedRows() {
    float[] rows = cloud(1);
    float[] more = new float[rows.length + 3];
    System.arraycopy(rows, 0, more, 0, rows.length);
    more[rows.length + 2] = 1000; // far along z, not flagged
    FeatureProjection p =
        FeatureProjection.principalAxes(
            FeatureRows.copyOf(3, more), new boolean[] {true, true, true, true, false});
    assertThat(p.firstAxis()[0]).isCloseTo(U[0], within(1e-6));
    assertThat(p.secondAxis()[1]).isCloseTo(V[1], within(1e-6));
  }

  @Test
  @DisplayName("with nothing to analyse (one row, no spread) the plane shows the first two axes")
  void degenerate() {
    FeatureProjection one =
        FeatureProjection.principalAxes(FeatureRows.copyOf(4, new float[] {1, 2, 3, 4}), null);
    assertThat(one.firstAxis()).containsExactly(1, 0, 0, 0);
    assertThat(one.secondAxis()).containsExactly(0, 1, 0, 0);
    FeatureProjection same =
        FeatureProjection.principalAxes(
            FeatureRows.copyOf(3, new float[] {1, 1, 1, 1, 1, 1}), null);
    assertThat(same.firstAxis()).containsExactly(1, 0, 0);
  }

  @Test
  @DisplayName("16 dimensions: the axes are unit length and orthogonal, the same on every call")
  void sixteenDimensions() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    float[] rows = new float[16 * 300];
    for (int i = 0; i < 300; i++) {
      for (int k = 0; k < 16; k++) {
        rows[16 * i + k] = (float) (random.nextGaussian() * Math.pow(1.5, k)); // variance grows
      }
    }
    FeatureRows features = FeatureRows.copyOf(16, rows);
    FeatureProjection p = FeatureProjection.principalAxes(features, null);
    double[] a = p.firstAxis();
    double[] b = p.secondAxis();
    double aa = 0;
    double bb = 0;
    double ab = 0;
    for (int k = 0; k < 16; k++) {
      aa += a[k] * a[k];
      bb += b[k] * b[k];
      ab += a[k] * b[k];
    }
    assertThat(aa).isCloseTo(1, within(1e-9));
    assertThat(bb).isCloseTo(1, within(1e-9));
    assertThat(ab).isCloseTo(0, within(1e-9));
    // the largest variances are along the last coordinates
    assertThat(Math.abs(a[15])).isGreaterThan(0.9);
    assertThat(Math.abs(b[14])).isGreaterThan(0.8);
    assertThat(FeatureProjection.principalAxes(features, null).firstAxis()).containsExactly(a);
  }

  @Test
  @DisplayName("pair scores in 3-D: cosine and distance of the vectors themselves")
  void pairScoresInThreeDimensions() {
    FeatureRows rows = FeatureRows.copyOf(3, new float[] {1, 2, 2, 2, 1, -2, 3, 6, 6});
    assertThat(Verification.PairScore.COSINE.of(rows, 0, 1)).isCloseTo(0, within(1e-12));
    assertThat(Verification.PairScore.COSINE.of(rows, 0, 2)).isCloseTo(1, within(1e-12));
    assertThat(Verification.PairScore.DISTANCE.of(rows, 0, 2)).isCloseTo(-6, within(1e-12));
  }
}
