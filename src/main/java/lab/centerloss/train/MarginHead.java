package lab.centerloss.train;

import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.matmul;
import static org.bytedeco.pytorch.global.torch.one_hot;

import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The classifier on the feature x (2-D, or d-dimensional: the formulas do not depend on d), with
 * one weight vector W_j per class. Writing cos(theta_j) = (x/|x|) . (W_j/|W_j|) and y for the
 * label:
 *
 * <ul>
 *   <li>softmax: logits W x + b (Wen et al., ECCV 2016, eq. 1);
 *   <li>NormFace (Wang, Xiang, Cheng, Yuille, "NormFace: L2 Hypersphere Embedding for Face
 *       Verification", ACM MM 2017, section 3.3): s cos(theta_j);
 *   <li>CosFace, an additive <em>cosine</em> margin (Wang et al., "CosFace: Large Margin Cosine
 *       Loss for Deep Face Recognition", CVPR 2018, eq. 4): as NormFace but the target logit is s
 *       (cos(theta_y) - m), m in cosine units;
 *   <li>ArcFace, an additive <em>angular</em> margin (Deng, Guo, Xue, Zafeiriou, "ArcFace: Additive
 *       Angular Margin Loss for Deep Face Recognition", CVPR 2019, eq. 3): the target logit is s
 *       cos(theta_y + m), m in radians. Past theta_y + m = pi that would increase again, rewarding
 *       a worse angle, so where theta_y > pi - m (cos(theta_y) &lt;= cos(pi - m)) it is s
 *       (cos(theta_y) - m sin m), as in the authors' code (insightface, {@code th} and {@code mm}).
 * </ul>
 *
 * Code that computes cos(theta) - m under the name ArcFace computes CosFace. The head kind can
 * change between steps: the weights are shared, the bias serves softmax only.
 */
final class MarginHead extends Module {
  /**
   * sqrt(1 - cos^2) has an infinite derivative at cos = +-1 (d/dc sqrt(1 - c^2) = -c/sqrt(1 -
   * c^2)); without this clamp ArcFace turned to NaN in our reference runs as soon as a feature lay
   * exactly on its class direction.
   */
  static final double COS_CLAMP_EPSILON = 1e-6;

  private static final double NORM_EPSILON = 1e-12;

  private final LinearImpl linear;
  private final int classes;

  MarginHead(int features, int classes) {
    this.classes = classes;
    linear = register_module("classifier", new LinearImpl(features, classes));
  }

  Tensor weight() {
    return linear.weight();
  }

  Tensor bias() {
    return linear.bias();
  }

  /** The logits the loss is computed from, margin included. Shapes: [B, d], [B] -> [B, classes]. */
  Tensor trainingLogits(
      Tensor features, Tensor labels, HeadKind kind, double scale, double margin) {
    if (!kind.isNormalized()) {
      return linear(features, linear.weight(), new TensorOptional(linear.bias()));
    }
    Tensor cos = cosines(features);
    Tensor target =
        switch (kind) {
          case NORMFACE -> cos;
          case COSFACE -> cos.sub(new Scalar(margin));
          case ARCFACE -> arcFaceTarget(cos, margin);
          case SOFTMAX -> throw new AssertionError("softmax is not normalized");
        };
    Tensor targetMask = one_hot(labels, classes).to(ScalarType.Float);
    // Only the label's logit carries the margin: cos + onehot * (phi - cos).
    return cos.add(targetMask.mul(target.sub(cos))).mul(new Scalar(scale));
  }

  /** Logits for predicting a class: no margin (the label is not known at test time). */
  Tensor predictionLogits(Tensor features, HeadKind kind) {
    if (!kind.isNormalized()) {
      return linear(features, linear.weight(), new TensorOptional(linear.bias()));
    }
    return cosines(features);
  }

  /** cos(theta_j) for every sample and class: [B, classes]. */
  private Tensor cosines(Tensor features) {
    return matmul(unitRows(features), unitRows(linear.weight()).t());
  }

  private static Tensor unitRows(Tensor rows) {
    long[] lastDimension = {1};
    Tensor norms =
        rows.square()
            .sum(lastDimension, true, new ScalarTypeOptional())
            .sqrt()
            .clamp(new ScalarOptional(new Scalar(NORM_EPSILON)));
    return rows.div(norms);
  }

  private static Tensor arcFaceTarget(Tensor cos, double margin) {
    Tensor clamped =
        cos.clamp(
            new ScalarOptional(new Scalar(-1 + COS_CLAMP_EPSILON)),
            new ScalarOptional(new Scalar(1 - COS_CLAMP_EPSILON)));
    Tensor sin = clamped.square().neg().add(new Scalar(1.0)).sqrt();
    Tensor cosThetaPlusM =
        clamped.mul(new Scalar(Math.cos(margin))).sub(sin.mul(new Scalar(Math.sin(margin))));
    Tensor fallback = clamped.sub(new Scalar(margin * Math.sin(margin)));
    Tensor inRange = clamped.gt(new Scalar(Math.cos(Math.PI - margin)));
    return cosThetaPlusM.where(inRange, fallback);
  }
}
