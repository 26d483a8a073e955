package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * LeNet++ as libtorch computes it (channels-last convolutions) against a plain-Java forward pass in
 * double precision written from the architecture: 5x5 convolutions with padding 2, PReLU, 2x2
 * max-pools, the fully connected layer and its PReLU.
 */
class LeNetPlusPlusTest {
  private static final int SIDE = 28;

  @BeforeAll
  static void loadTorch() {
    Torch.selectDevice(DeviceChoice.CPU, 1);
  }

  @Test
  @DisplayName("the 2-D features of three images match a plain-Java forward pass to 1e-4")
  void forwardMatchesPlainJava() {
    Random random = new Random(7);
    int images = 3;
    float[] pixels = new float[images * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    try (PointerScope scope = new PointerScope();
        NoGradGuard noGrad = new NoGradGuard()) {
      LeNetPlusPlus network = new LeNetPlusPlus(ModelSize.LITE, 2);
      float[] actual = Torch.toFloats(network.forward(Torch.floats(pixels, images, 1, SIDE, SIDE)));
      var parameters = network.parameters();
      float[][] p = new float[(int) parameters.size()][];
      for (int i = 0; i < p.length; i++) {
        p[i] = Torch.toFloats(parameters.get(i));
      }
      for (int n = 0; n < images; n++) {
        double[] expected = forward(ModelSize.LITE, p, pixels, n);
        assertThat((double) actual[2 * n])
            .isCloseTo(expected[0], within(1e-4 * (1 + Math.abs(expected[0]))));
        assertThat((double) actual[2 * n + 1])
            .isCloseTo(expected[1], within(1e-4 * (1 + Math.abs(expected[1]))));
      }
      network.close();
    }
  }

  @Test
  @DisplayName(
      "the convolution weights are kept channels-last, the layout the speed figures were measured in")
  void weightsAreChannelsLast() {
    try (PointerScope scope = new PointerScope();
        LeNetPlusPlus network = new LeNetPlusPlus(ModelSize.LITE, 2)) {
      var parameters = network.parameters();
      // the second convolution's weight [8, 8, 5, 5]: parameters are conv, bias, PReLU per layer
      Tensor secondConvolution = parameters.get(3);
      assertThat(secondConvolution.sizes().vec().get()).containsExactly(8, 8, 5, 5);
      assertThat(secondConvolution.is_contiguous(MemoryFormat.ChannelsLast)).isTrue();
      assertThat(secondConvolution.is_contiguous()).isFalse();
    }
  }

  /**
   * Parameters in registration order: per layer conv weight, conv bias, PReLU slope; then fc
   * weight, fc bias, PReLU slope.
   */
  private static double[] forward(ModelSize size, float[][] p, float[] pixels, int image) {
    int channels = 1;
    int side = SIDE;
    double[] x = new double[SIDE * SIDE];
    for (int i = 0; i < x.length; i++) {
      x[i] = pixels[image * SIDE * SIDE + i];
    }
    for (int layer = 0; layer < 6; layer++) {
      int out = size.channels(layer / 2);
      x =
          prelu(
              convolve(x, channels, side, p[3 * layer], p[3 * layer + 1], out),
              p[3 * layer + 2][0]);
      channels = out;
      if (layer % 2 == 1) {
        x = maxPool(x, channels, side);
        side /= 2;
      }
    }
    float[] weight = p[18];
    float[] bias = p[19];
    double[] feature = new double[2];
    for (int k = 0; k < 2; k++) {
      double sum = bias[k];
      for (int i = 0; i < x.length; i++) {
        sum += weight[k * x.length + i] * x[i];
      }
      feature[k] = sum;
    }
    return prelu(feature, p[20][0]);
  }

  private static double[] convolve(
      double[] x, int in, int side, float[] weight, float[] bias, int out) {
    double[] y = new double[out * side * side];
    for (int o = 0; o < out; o++) {
      for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
          double sum = bias[o];
          for (int i = 0; i < in; i++) {
            for (int dr = -2; dr <= 2; dr++) {
              for (int dc = -2; dc <= 2; dc++) {
                int rr = r + dr;
                int cc = c + dc;
                if (rr >= 0 && rr < side && cc >= 0 && cc < side) {
                  sum +=
                      weight[((o * in + i) * 5 + dr + 2) * 5 + dc + 2]
                          * x[(i * side + rr) * side + cc];
                }
              }
            }
          }
          y[(o * side + r) * side + c] = sum;
        }
      }
    }
    return y;
  }

  private static double[] prelu(double[] x, double slope) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] >= 0 ? x[i] : slope * x[i];
    }
    return y;
  }

  /** 2x2, stride 2, floor: 28 -> 14 -> 7 -> 3. */
  private static double[] maxPool(double[] x, int channels, int side) {
    int half = side / 2;
    double[] y = new double[channels * half * half];
    for (int ch = 0; ch < channels; ch++) {
      for (int r = 0; r < half; r++) {
        for (int c = 0; c < half; c++) {
          double best = Double.NEGATIVE_INFINITY;
          for (int k = 0; k < 4; k++) {
            best = Math.max(best, x[(ch * side + 2 * r + k / 2) * side + 2 * c + k % 2]);
          }
          y[(ch * half + r) * half + c] = best;
        }
      }
    }
    return y;
  }
}
