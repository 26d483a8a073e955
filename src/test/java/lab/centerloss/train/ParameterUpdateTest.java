package lab.centerloss.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.pytorch.global.torch.manual_seed;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our optimizer against libtorch's own, step by step, on the same network and losses. */
class ParameterUpdateTest {
  @BeforeAll
  static void loadTorch() {
    Torch.selectDevice(DeviceChoice.CPU, 1);
  }

  private static Network network() {
    manual_seed(5);
    return new Network(ModelSize.LITE, 2, 10);
  }

  /** A loss that reaches every parameter: the logits' squares on a fixed batch. */
  private static Tensor loss(Network net) {
    float[] pixels = new float[4 * 28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) Math.sin(i * 0.37);
    }
    Tensor x = Torch.floats(pixels, 4, 1, 28, 28);
    Tensor features = net.trunk.forward(x);
    return net.head.predictionLogits(features, HeadKind.SOFTMAX).square().mean();
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  @DisplayName(
      "five steps of ours give libtorch's parameters to 1e-5 (momentum, weight decay, Adam's corrections)")
  void matchesLibtorch(OptimizerKind kind) {
    double lr = kind == OptimizerKind.SGD ? 0.05 : 0.01;
    try (PointerScope scope = new PointerScope()) {
      Network ours = network();
      Network theirs = network();
      ParameterUpdate update = new ParameterUpdate(ours.parameters(), kind);
      Optimizer reference;
      if (kind == OptimizerKind.SGD) {
        SGDOptions options = new SGDOptions(lr);
        options.momentum().put(0.9);
        options.weight_decay().put(5e-4);
        reference = new SGD(theirs.parameters(), options);
      } else {
        AdamOptions options = new AdamOptions(lr);
        options.weight_decay().put(5e-4);
        reference = new Adam(theirs.parameters(), options);
      }
      for (int step = 0; step < 5; step++) {
        ours.zero_grad(true);
        loss(ours).backward();
        update.step(lr, 0.9, 5e-4);
        reference.zero_grad();
        loss(theirs).backward();
        reference.step();
      }
      var a = ours.parameters();
      var b = theirs.parameters();
      for (long i = 0; i < a.size(); i++) {
        float[] x = Torch.toFloats(a.get(i));
        float[] y = Torch.toFloats(b.get(i));
        for (int k = 0; k < x.length; k++) {
          assertThat((double) x[k]).as("parameter %d[%d]", i, k).isCloseTo(y[k], within(1e-5));
        }
      }
      // and the state copied out and back in continues identically
      ParameterUpdate.State state = update.state();
      assertThat(state.steps()).isEqualTo(5);
      ParameterUpdate restored = new ParameterUpdate(ours.parameters(), kind);
      restored.restore(state);
      assertThat(restored.state().first().get(3)).containsExactly(state.first().get(3));
      reference.close();
      update.close();
      restored.close();
    }
  }
}
