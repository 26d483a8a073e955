package lab.centerloss.train;

import java.util.List;
import lab.centerloss.text.Message;

/**
 * Everything a teacher can change, as one immutable value. The trainer reads the latest record
 * between two steps; {@code model}, {@code featureDim}, {@code centerInit} and {@code seed} take
 * effect at the next reset, everything else at the next step.
 *
 * <p>Each component is described once in {@link Settings} (its range, default, JSON field, option
 * and control): a new setting is a component, its wither and its descriptor.
 *
 * @param featureDim d, the size of the feature LeNet++ ends in (2 as in the paper's figures); the
 *     heads and the centers work in d dimensions, and above 2 the plane draws a projection ({@link
 *     FeatureProjection})
 * @param lambda weight of the center loss L_C in L = L_S + lambda L_C (0 turns it off); L_C is
 *     normalised as 1/(2m) sum_i |x_i - c_{y_i}|^2, see {@link CenterLoss}
 * @param alpha center learning rate, in [0, 1] (Wen et al., ECCV 2016, section 3.2, eq. 4 and
 *     Algorithm 1)
 * @param centerInit where the centers start
 * @param learningRateWarmupSteps the learning rate grows linearly from lr/W to lr over the first W
 *     steps (0: none); see {@link #learningRateAt}
 * @param gradientClipNorm the network's gradient is scaled down to this norm when it is longer (0:
 *     never); a guard against the rare spike that would blow a run up
 * @param scale s of the normalized heads: logits are s cos(theta)
 * @param margin m: radians for ArcFace (an angle added to theta), cosine units for CosFace (a
 *     number subtracted from cos theta); in [0, pi/2]
 * @param marginWarmupSteps the margin grows linearly from 0 to m over this many steps (0: at once)
 * @param knownDigits the label values training sees, as bits (bit d for digit d); the head has one
 *     class per known digit. All ten: the closed set; fewer: the open-set protocol, where the test
 *     digits left out are the unknowns to reject
 */
public record Hyperparameters(
    ModelSize model,
    int featureDim,
    HeadKind head,
    double lambda,
    double alpha,
    CenterRule centerRule,
    CenterInit centerInit,
    OptimizerKind optimizer,
    double learningRate,
    int learningRateWarmupSteps,
    double momentum,
    double weightDecay,
    double gradientClipNorm,
    double scale,
    double margin,
    int marginWarmupSteps,
    int batchSize,
    long seed,
    int knownDigits) {

  public static final double MAX_MARGIN = Math.PI / 2;

  /** The largest feature size: far above what MNIST needs, small enough for a run file's probe. */
  public static final int MAX_FEATURE_DIM = 512;

  public static final int MAX_BATCH_SIZE = 4096;
  public static final int MAX_WARMUP_STEPS = 1_000_000;
  /*
   * The largest values training can use (issue 25): each must fit a float, as libtorch takes it,
   * and keep the step's arithmetic finite; far above anything that trains well (a larger one only
   * diverges), far below Float.MAX_VALUE.
   */
  public static final double MAX_LAMBDA = 1000;
  public static final double MAX_LEARNING_RATE = 10;
  public static final double MAX_WEIGHT_DECAY = 1;
  public static final double MAX_GRADIENT_CLIP = 1e6;
  public static final double MAX_SCALE = 1000;

  /** The ten digits of MNIST, all known: the closed set ({@link DigitSet#ALL}). */
  public static final int ALL_DIGITS = DigitSet.ALL;

  /** The 6/4 open-set protocol on MNIST ({@link DigitSet#OPEN_SET}). */
  public static final int OPEN_SET_DIGITS = DigitSet.OPEN_SET;

  /** The paper's settings with two measured changes: see {@link Recipes#defaults()}. */
  public static Hyperparameters defaults() {
    return Recipes.defaults();
  }

  /** The recommended settings for a head: see {@link Recipes#recommendedFor}. */
  public static Hyperparameters recommendedFor(HeadKind head) {
    return Recipes.recommendedFor(head);
  }

  /**
   * One sentence per impossible value, from each setting's range ({@link Settings}); empty when the
   * record can be trained with.
   */
  public List<Message> problems() {
    return Settings.problems(this);
  }

  /**
   * @throws IllegalArgumentException naming the first impossible value
   */
  public Hyperparameters validated() {
    List<Message> problems = problems();
    if (!problems.isEmpty()) {
      throw new SettingsRefusedException(problems.get(0));
    }
    return this;
  }

  /** The bits of the given digits ({@link DigitSet#of}). */
  public static int digits(int... values) {
    return DigitSet.of(values);
  }

  /** "2, 3, 4, 5, 8, 9" ({@link DigitSet#describe}). */
  public static String describeDigits(int mask) {
    return DigitSet.describe(mask);
  }

  /** The digit of each class of the head, ascending: class j is digit classDigits()[j]. */
  public int[] classDigits() {
    return DigitSet.digits(knownDigits);
  }

  /** Whether training sees this digit. */
  public boolean isKnown(int digit) {
    return DigitSet.contains(knownDigits, digit);
  }

  /**
   * Whether a digit is in a mask of known digits (bit d for digit d); the other data's label is
   * never known ({@link DigitSet#contains}).
   */
  public static boolean isKnown(int digit, int knownDigits) {
    return DigitSet.contains(knownDigits, digit);
  }

  /** Whether some digits are left out for the open-set test. */
  public boolean isOpenSet() {
    return knownDigits != ALL_DIGITS;
  }

  /** The margin in force at a step (counted from 0), after the linear warm-up. */
  public double marginAt(long step) {
    if (marginWarmupSteps <= 0 || step >= marginWarmupSteps) {
      return margin;
    }
    return margin * step / marginWarmupSteps;
  }

  /**
   * The learning rate in force at a step (counted from 0): lr (t + 1) / W during a warm-up of W
   * steps, then lr. Warm-up is beyond the paper (Goyal et al., "Accurate, Large Minibatch SGD",
   * 2017, section 2.2, "gradual warmup").
   */
  public double learningRateAt(long step) {
    if (learningRateWarmupSteps <= 0 || step >= learningRateWarmupSteps) {
      return learningRate;
    }
    return learningRate * (step + 1) / learningRateWarmupSteps;
  }

  public Hyperparameters withModel(ModelSize v) {
    return Settings.MODEL.with(this, v);
  }

  public Hyperparameters withFeatureDim(int v) {
    return Settings.FEATURE_DIM.with(this, v);
  }

  /** Whether the plane shows a projection of the features rather than the features themselves. */
  public boolean isProjected() {
    return featureDim > 2;
  }

  public Hyperparameters withHead(HeadKind v) {
    return Settings.HEAD.with(this, v);
  }

  public Hyperparameters withLambda(double v) {
    return Settings.LAMBDA.with(this, v);
  }

  public Hyperparameters withAlpha(double v) {
    return Settings.ALPHA.with(this, v);
  }

  public Hyperparameters withCenterRule(CenterRule v) {
    return Settings.CENTER_RULE.with(this, v);
  }

  public Hyperparameters withCenterInit(CenterInit v) {
    return Settings.CENTER_INIT.with(this, v);
  }

  public Hyperparameters withOptimizer(OptimizerKind v) {
    return Settings.OPTIMIZER.with(this, v);
  }

  public Hyperparameters withLearningRate(double v) {
    return Settings.LEARNING_RATE.with(this, v);
  }

  public Hyperparameters withLearningRateWarmupSteps(int v) {
    return Settings.LEARNING_RATE_WARMUP_STEPS.with(this, v);
  }

  public Hyperparameters withMomentum(double v) {
    return Settings.MOMENTUM.with(this, v);
  }

  public Hyperparameters withWeightDecay(double v) {
    return Settings.WEIGHT_DECAY.with(this, v);
  }

  public Hyperparameters withGradientClipNorm(double v) {
    return Settings.GRADIENT_CLIP_NORM.with(this, v);
  }

  public Hyperparameters withScale(double v) {
    return Settings.SCALE.with(this, v);
  }

  public Hyperparameters withMargin(double v) {
    return Settings.MARGIN.with(this, v);
  }

  public Hyperparameters withMarginWarmupSteps(int v) {
    return Settings.MARGIN_WARMUP_STEPS.with(this, v);
  }

  public Hyperparameters withBatchSize(int v) {
    return Settings.BATCH_SIZE.with(this, v);
  }

  /**
   * Whether going from {@code before} to these settings needs the run built again from the seed: a
   * new model size, feature size, seed, center start or set of known digits cannot take effect
   * mid-run.
   */
  public boolean needsRebuildFrom(Hyperparameters before) {
    return model != before.model
        || featureDim != before.featureDim
        || seed != before.seed
        || centerInit != before.centerInit
        || knownDigits != before.knownDigits;
  }

  /**
   * These settings with the network-shaping ones of {@code run} (model, feature size, seed, center
   * start, known digits): what a run continued from a checkpoint of {@code run} can train with, the
   * other settings taken from these.
   */
  public Hyperparameters withStructureOf(Hyperparameters run) {
    return withModel(run.model)
        .withFeatureDim(run.featureDim)
        .withSeed(run.seed)
        .withCenterInit(run.centerInit)
        .withKnownDigits(run.knownDigits);
  }

  public Hyperparameters withSeed(long v) {
    return Settings.SEED.with(this, v);
  }

  public Hyperparameters withKnownDigits(int v) {
    return Settings.KNOWN_DIGITS.with(this, v);
  }
}
