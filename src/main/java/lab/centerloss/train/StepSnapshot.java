package lab.centerloss.train;

import java.util.Optional;
import lab.centerloss.text.Message;

/**
 * What one training step did, copied out of libtorch so that any thread can read it. Vectors of one
 * row per class hold row j for class j.
 *
 * <p>The step follows Wen et al. (ECCV 2016), Algorithm 1: one forward pass gives the batch's
 * features x_i and the losses; the network's parameters move by back-propagation of L = L_S +
 * lambda L_C; the centers move by the rule in force, from the same x_i. The record keeps both
 * moves: {@link Batch#features()} and {@link Batch#featuresAfter()} for the network's, {@link
 * CenterMove#before()} and {@link CenterMove#after()} for the centers'.
 *
 * @param step steps done, this one included (1 for the first)
 * @param epoch passes over the training set begun so far (1 during the first)
 * @param hyperparameters the record in force for this step
 * @param marginInForce m after the margin warm-up
 * @param learningRateInForce the learning rate after the learning-rate warm-up
 * @param head the head's parameters that produced this step's logits and losses
 * @param headAfter the head's parameters after the optimizer step
 * @param stepMillis wall time of the step: forward, backward, optimizer, centers, copies
 * @param probe the latest probe of test images, possibly from an earlier step
 * @param divergence why the step was refused (a loss that is NaN or infinite), if it was; then
 *     nothing was updated and every after-value equals its before-value
 */
public record StepSnapshot(
    long step,
    int epoch,
    Hyperparameters hyperparameters,
    double marginInForce,
    double learningRateInForce,
    Scalars scalars,
    Batch batch,
    CenterMove centers,
    HeadParameters head,
    HeadParameters headAfter,
    double stepMillis,
    Optional<ProbeResult> probe,
    Optional<Message> divergence) {

  /**
   * Why a step was refused: its number and its losses, which are not all finite. A run file keeps
   * the step and its losses, so a step read back says it again in the reader's language.
   */
  public static Message divergenceReason(long step, Scalars scalars) {
    return Message.of(
        "trainer.diverged",
        step,
        String.valueOf(scalars.lossTotal()),
        String.valueOf(scalars.lossSoftmax()),
        String.valueOf(scalars.lossCenter()));
  }

  /**
   * @param lossSoftmax L_S, the head's cross-entropy (with the margin in force)
   * @param lossCenter L_C with the centers as they were before the update
   * @param lossTotal L_S + lambda L_C
   * @param batchAccuracy fraction of the batch predicted right by the parameters in force (the
   *     logits without margin, as at test time)
   * @param gradientNorm the length of the network's whole gradient, before any clipping (NaN when
   *     the step was refused)
   */
  public record Scalars(
      double lossSoftmax,
      double lossCenter,
      double lossTotal,
      double batchAccuracy,
      double gradientNorm) {}

  /**
   * @param labels the batch's labels y_i
   * @param features x_i from this step's forward pass: the ones the losses and the center update
   *     used
   * @param featuresAfter the same images' features after the optimizer step (one more forward pass,
   *     without gradients); empty when that pass was skipped for speed
   * @param classCounts n_j, samples of class j in the batch
   */
  public record Batch(
      IntVector labels,
      Vec2List features,
      Optional<Vec2List> featuresAfter,
      IntVector classCounts) {
    public int size() {
      return labels.size();
    }
  }

  /**
   * @param before c_j before the update
   * @param after c_j after the update of the rule in force
   * @param paperDeltas delta_c_j = sum(c_j - x_i) / (1 + n_j) (Wen et al. 2016, eq. 4), whatever
   *     rule is in force, so that the two rules can be compared
   */
  public record CenterMove(Vec2List before, Vec2List after, Vec2List paperDeltas) {}

  /**
   * @param weights the class weight vectors W_j
   * @param bias the softmax head's bias, empty for the normalized heads (which have none)
   */
  public record HeadParameters(Vec2List weights, Optional<FloatVector> bias) {}

  public boolean diverged() {
    return divergence.isPresent();
  }

  /** The number of classes the head has. */
  public int classes() {
    return centers.before().size();
  }

  /**
   * Whether the batch's labels and features are here (a long history keeps them for recent steps
   * only).
   */
  public boolean hasBatchDetails() {
    return batch.size() > 0;
  }

  /**
   * The same step without the batch's labels and features (its class counts stay): what a long
   * history keeps of an older step.
   */
  public StepSnapshot withoutBatchDetails() {
    IntVector none = IntVector.owning(new int[0]);
    Vec2List nothing = Vec2List.owning(new float[0]);
    return new StepSnapshot(
        step,
        epoch,
        hyperparameters,
        marginInForce,
        learningRateInForce,
        scalars,
        new Batch(none, nothing, Optional.empty(), batch.classCounts()),
        centers,
        head,
        headAfter,
        stepMillis,
        Optional.empty(),
        divergence);
  }

  /** This snapshot with the latest probe at or before its step, or none. */
  public StepSnapshot withProbe(Optional<ProbeResult> result) {
    return new StepSnapshot(
        step,
        epoch,
        hyperparameters,
        marginInForce,
        learningRateInForce,
        scalars,
        batch,
        centers,
        head,
        headAfter,
        stepMillis,
        result,
        divergence);
  }

  /** This snapshot with a probe taken after its step. */
  public StepSnapshot withProbe(ProbeResult result) {
    return new StepSnapshot(
        step,
        epoch,
        hyperparameters,
        marginInForce,
        learningRateInForce,
        scalars,
        batch,
        centers,
        head,
        headAfter,
        stepMillis,
        Optional.of(result),
        divergence);
  }
}
