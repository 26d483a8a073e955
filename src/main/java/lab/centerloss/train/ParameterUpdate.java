package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.empty_like;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * The optimizer, written in libtorch's tensor operations so that its state (momentum buffers,
 * Adam's moments and step count) can be copied out into a checkpoint and back as plain arrays: a
 * run file then holds numbers only, never a libtorch archive that loading would execute. The
 * updates are those of PyTorch's {@code torch.optim.SGD} (dampening 0, not Nesterov) and {@code
 * torch.optim.Adam} (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * Algorithm 1; amsgrad off), weight decay added to the gradient in both; a test holds them to
 * libtorch's own optimizers.
 */
final class ParameterUpdate implements AutoCloseable {
  static final double ADAM_BETA1 = 0.9;
  static final double ADAM_BETA2 = 0.999;
  static final double ADAM_EPSILON = 1e-8;

  /**
   * Held so that it lives as long as this object: the tensors taken from it refer into its memory,
   * and a collected vector would leave them dangling (seen to crash the JVM).
   */
  private final TensorVector parameterVector;

  private final List<Tensor> parameters = new ArrayList<>();
  private final OptimizerKind kind;

  /** SGD: the momentum buffer per parameter; Adam: the first moment. Null until the first step. */
  private final Tensor[] first;

  /** Adam: the second moment per parameter. */
  private final Tensor[] second;

  private long steps;

  ParameterUpdate(TensorVector parameters, OptimizerKind kind) {
    parameterVector = parameters;
    for (long i = 0; i < parameters.size(); i++) {
      this.parameters.add(parameters.get(i));
    }
    this.kind = kind;
    first = new Tensor[this.parameters.size()];
    second = new Tensor[this.parameters.size()];
  }

  OptimizerKind kind() {
    return kind;
  }

  /** One update of every parameter from its gradient. */
  void step(double learningRate, double momentum, double weightDecay) {
    steps++;
    try (NoGradGuard noGrad = new NoGradGuard()) {
      for (int i = 0; i < parameters.size(); i++) {
        try (PointerScope scope = new PointerScope()) {
          Tensor p = parameters.get(i);
          Tensor grad = p.grad();
          if (grad == null || !grad.defined()) {
            continue;
          }
          Tensor d = weightDecay != 0 ? grad.add(p, new Scalar(weightDecay)) : grad;
          if (kind == OptimizerKind.SGD) {
            sgd(i, p, d, learningRate, momentum);
          } else {
            adam(i, p, d, learningRate);
          }
        }
      }
    }
  }

  /** d_p = g + wd p; buf = momentum buf + d_p (buf = d_p at first); p -= lr buf. */
  private void sgd(int i, Tensor p, Tensor d, double learningRate, double momentum) {
    Tensor direction = d;
    if (momentum != 0) {
      if (first[i] == null) {
        first[i] = d.detach().clone().retainReference();
      } else {
        first[i].mul_(new Scalar(momentum)).add_(d);
      }
      direction = first[i];
    }
    p.add_(direction, new Scalar(-learningRate));
  }

  /**
   * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr/(1 - b1^t) m / (sqrt(v)/sqrt(1 - b2^t)
   * + eps).
   */
  private void adam(int i, Tensor p, Tensor g, double learningRate) {
    if (first[i] == null) {
      first[i] = g.mul(new Scalar(0.0)).retainReference();
      second[i] = g.mul(new Scalar(0.0)).retainReference();
    }
    first[i].mul_(new Scalar(ADAM_BETA1)).add_(g, new Scalar(1 - ADAM_BETA1));
    second[i].mul_(new Scalar(ADAM_BETA2)).addcmul_(g, g, new Scalar(1 - ADAM_BETA2));
    double correction1 = 1 - Math.pow(ADAM_BETA1, steps);
    double correction2 = 1 - Math.pow(ADAM_BETA2, steps);
    Tensor denominator =
        second[i].sqrt().div(new Scalar(Math.sqrt(correction2))).add_(new Scalar(ADAM_EPSILON));
    p.addcdiv_(first[i], denominator, new Scalar(-learningRate / correction1));
  }

  /**
   * The state as plain arrays: per parameter its buffers (empty before the first step), and the
   * step count.
   */
  State state() {
    List<float[]> firstValues = new ArrayList<>();
    List<float[]> secondValues = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      firstValues.add(first[i] == null ? new float[0] : Torch.toFloats(first[i]));
      secondValues.add(second[i] == null ? new float[0] : Torch.toFloats(second[i]));
    }
    return new State(kind, steps, firstValues, secondValues);
  }

  /** Puts a state copied out by {@link #state()} back; the shapes come from the parameters. */
  void restore(State state) {
    if (state.kind() != kind || state.first().size() != parameters.size()) {
      throw new IllegalArgumentException("optimizer state of another kind or network");
    }
    steps = state.steps();
    for (int i = 0; i < parameters.size(); i++) {
      first[i] = buffer(parameters.get(i), state.first().get(i));
      second[i] = buffer(parameters.get(i), state.second().get(i));
    }
  }

  private static Tensor buffer(Tensor like, float[] values) {
    if (values.length == 0) {
      return null;
    }
    if (values.length != like.numel()) {
      throw new IllegalArgumentException("optimizer state of another size");
    }
    try (PointerScope scope = new PointerScope()) {
      long[] shape = like.sizes().vec().get();
      // empty_like keeps the parameter's memory layout (channels-last for the convolutions)
      return empty_like(like).copy_(Torch.floats(values, shape)).retainReference();
    }
  }

  /**
   * @param first SGD's momentum buffers, or Adam's first moments, per parameter (empty: none yet)
   * @param second Adam's second moments per parameter (empty for SGD)
   */
  record State(OptimizerKind kind, long steps, List<float[]> first, List<float[]> second) {}

  @Override
  public void close() {
    for (Tensor[] buffers : new Tensor[][] {first, second}) {
      for (int i = 0; i < buffers.length; i++) {
        if (buffers[i] != null) {
          buffers[i].close();
          buffers[i] = null;
        }
      }
    }
  }
}
