package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.zeros_like;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Center loss, Wen, Zhang, Li, Qiao, "A Discriminative Feature Learning Approach for Deep Face
 * Recognition", ECCV 2016, section 3.2. For a batch of m features x_i [m, d] with labels y_i [m]
 * and centers c [classes, d] (d = 2 in the paper's figures; nothing below depends on it):
 *
 * <pre>
 *   L_C = 1/(2m) sum_i |x_i - c_{y_i}|^2        (eq. 2, divided by m as in the authors' Caffe code)
 * </pre>
 *
 * so lambda here is the paper's lambda for a loss averaged over the batch. Other conventions map to
 * it: a loss without the 1/2 weighted by w is lambda = 2w; the common PyTorch CenterLoss, which
 * sums |x_i - c|^2 / m without the 1/2, weighted by 0.1, equals lambda = 0.2 here. The centers are
 * not learned by back-propagation; after each batch they follow its features.
 */
final class CenterLoss {
  private CenterLoss() {}

  /** L_C as a scalar tensor; its gradient reaches the features, (x_i - c_{y_i}) / m. */
  static Tensor loss(Tensor features, Tensor centers, Tensor labels) {
    long batch = features.size(0);
    Tensor difference = features.sub(centers.index_select(0, labels));
    return difference.square().sum().div(new Scalar(2.0 * batch));
  }

  /**
   * The per-batch center update, computed under no-grad from the features of this step's forward
   * pass. Both rules share sum_j = sum over class-j samples of (c_j - x_i):
   *
   * <ul>
   *   <li>{@link CenterRule#PAPER}, eq. 4 and Algorithm 1: delta_c_j = sum_j / (1 + n_j); c_j -=
   *       alpha delta_c_j. The +1 keeps a class absent from the batch still and damps classes with
   *       few samples.
   *   <li>{@link CenterRule#SGD}: the centers treated as parameters of L_C, plain SGD with learning
   *       rate alpha on the gradient scaled by 1/lambda, which is dL_C/dc_j = sum_j / m; c_j -=
   *       alpha sum_j / m. Computed directly, so lambda = 0 needs no division.
   * </ul>
   *
   * @param counts n_j per class, from the batch labels
   */
  static Update update(
      Tensor features, Tensor centers, Tensor labels, int[] counts, CenterRule rule, double alpha) {
    try (NoGradGuard noGrad = new NoGradGuard()) {
      long batch = features.size(0);
      Tensor x = features.detach();
      Tensor sums =
          zeros_like(centers).index_add_(0, labels, centers.index_select(0, labels).sub(x));
      float[] onePlusCounts = new float[counts.length];
      for (int j = 0; j < counts.length; j++) {
        onePlusCounts[j] = 1 + counts[j];
      }
      Tensor paperDelta =
          sums.div(
              Torch.floats(onePlusCounts, counts.length, 1).to(centers.device(), ScalarType.Float));
      Tensor step =
          switch (rule) {
            case PAPER -> paperDelta.mul(new Scalar(alpha));
            case SGD -> sums.div(new Scalar((double) batch)).mul(new Scalar(alpha));
          };
      return new Update(Torch.toFloats(paperDelta), Torch.toFloats(centers.sub(step)));
    }
  }

  /** Row-major [classes, d] arrays: the paper's delta_c_j and the centers after the chosen rule. */
  record Update(float[] paperDeltas, float[] centersAfter) {}
}
