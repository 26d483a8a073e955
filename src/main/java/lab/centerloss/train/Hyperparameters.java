package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;
import lab.centerloss.text.Message;

/**
 * Everything a teacher can change, as one immutable value. The trainer reads the latest record
 * between two steps; {@code model}, {@code centerInit} and {@code seed} take effect at the next
 * reset, everything else at the next step.
 *
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

  /** The ten digits of MNIST, all known: the closed set. */
  public static final int ALL_DIGITS = (1 << 10) - 1;

  /** The common 6/4 open-set protocol on MNIST: 2, 3, 4, 5, 8, 9 known; 0, 1, 6, 7 unknown. */
  public static final int OPEN_SET_DIGITS = digits(2, 3, 4, 5, 8, 9);

  /** The paper's learning rate for its MNIST experiment (Wen et al. 2016, section 4.1). */
  public static final double PAPER_LEARNING_RATE = 0.01;

  /**
   * Beyond the paper: a linear warm-up over these steps to a doubled rate (see {@link
   * #defaults()}).
   */
  public static final int DEFAULT_WARMUP_STEPS = 100;

  /** Beyond the paper: the gradient's length is capped here (see {@link #defaults()}). */
  public static final double DEFAULT_CLIP = 10;

  /**
   * Softmax + center loss with the settings of the paper's MNIST experiment (Wen et al. 2016,
   * section 4.1: SGD, momentum 0.9, weight decay 5e-4, batch 128, lambda 0.1 in their figure, alpha
   * 0.5), with two changes, measured (README, "Measured figures"):
   *
   * <ul>
   *   <li>the learning rate grows linearly over the first 100 steps to 0.02, twice the paper's
   *       0.01: the same picture in a third fewer steps (about 430 instead of 640 to 95%);
   *   <li>the network's gradient is scaled down to length 10 when longer. At 0.01 one seed in
   *       sixteen blew up around step 170 on another machine's arithmetic (L_C 1.4 to 215 in two
   *       steps); at 0.02 without warm-up a seed blew up at step 13, and at 0.03 one in three. The
   *       gradient's length is 1 to 2 once training runs and up to 15 in the first steps, so the
   *       cap acts only where a step would throw the network away.
   * </ul>
   */
  public static Hyperparameters defaults() {
    return new Hyperparameters(
        ModelSize.LITE,
        HeadKind.SOFTMAX,
        0.1,
        0.5,
        CenterRule.PAPER,
        CenterInit.ZERO,
        OptimizerKind.SGD,
        2 * PAPER_LEARNING_RATE,
        DEFAULT_WARMUP_STEPS,
        0.9,
        5e-4,
        DEFAULT_CLIP,
        16,
        0.5,
        0,
        128,
        1,
        ALL_DIGITS);
  }

  /**
   * The one source of recommended settings for a head, used by the command line and the window. The
   * normalized heads did not learn with SGD on a 2-D feature in our reference runs; Adam at 1e-3
   * with s = 16 and a margin warm-up did. The margin heads train without center loss: the margin is
   * what they teach.
   */
  public static Hyperparameters recommendedFor(HeadKind head) {
    Hyperparameters base = defaults().withHead(head);
    return switch (head) {
      case SOFTMAX -> base;
      case NORMFACE ->
          base.withOptimizer(OptimizerKind.ADAM)
              .withLearningRate(1e-3)
              .withLambda(0)
              .withMargin(0)
              .withMarginWarmupSteps(0);
      case COSFACE ->
          base.withOptimizer(OptimizerKind.ADAM)
              .withLearningRate(1e-3)
              .withLambda(0)
              .withMargin(0.1)
              .withMarginWarmupSteps(1000);
      case ARCFACE ->
          base.withOptimizer(OptimizerKind.ADAM)
              .withLearningRate(1e-3)
              .withLambda(0)
              .withMargin(0.5)
              .withMarginWarmupSteps(1000);
    };
  }

  /** One sentence per impossible value; empty when the record can be trained with. */
  public List<Message> problems() {
    List<Message> problems = new ArrayList<>();
    if (model == null
        || head == null
        || centerRule == null
        || centerInit == null
        || optimizer == null) {
      problems.add(Message.of("problem.choices"));
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      problems.add(Message.of("problem.lambda", String.valueOf(lambda)));
    } else if (lambda > MAX_LAMBDA) {
      problems.add(Message.of("problem.lambdaMax", MAX_LAMBDA, String.valueOf(lambda)));
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      problems.add(Message.of("problem.alpha", String.valueOf(alpha)));
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      problems.add(Message.of("problem.learningRate", String.valueOf(learningRate)));
    } else if (learningRate > MAX_LEARNING_RATE) {
      problems.add(
          Message.of("problem.learningRateMax", MAX_LEARNING_RATE, String.valueOf(learningRate)));
    }
    if (learningRateWarmupSteps < 0 || learningRateWarmupSteps > MAX_WARMUP_STEPS) {
      problems.add(
          Message.of("problem.learningRateWarmup", String.valueOf(learningRateWarmupSteps)));
    }
    if (!(momentum >= 0 && momentum < 1)) {
      problems.add(Message.of("problem.momentum", String.valueOf(momentum)));
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      problems.add(Message.of("problem.weightDecay", String.valueOf(weightDecay)));
    } else if (weightDecay > MAX_WEIGHT_DECAY) {
      problems.add(
          Message.of("problem.weightDecayMax", MAX_WEIGHT_DECAY, String.valueOf(weightDecay)));
    }
    if (!(gradientClipNorm >= 0) || Double.isInfinite(gradientClipNorm)) {
      problems.add(Message.of("problem.gradientClip", String.valueOf(gradientClipNorm)));
    } else if (gradientClipNorm > MAX_GRADIENT_CLIP) {
      problems.add(
          Message.of(
              "problem.gradientClipMax", MAX_GRADIENT_CLIP, String.valueOf(gradientClipNorm)));
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      problems.add(Message.of("problem.scale", String.valueOf(scale)));
    } else if (scale > MAX_SCALE) {
      problems.add(Message.of("problem.scaleMax", MAX_SCALE, String.valueOf(scale)));
    }
    if (!(margin >= 0 && margin <= MAX_MARGIN)) {
      problems.add(Message.of("problem.margin", String.valueOf(margin)));
    }
    if (marginWarmupSteps < 0 || marginWarmupSteps > MAX_WARMUP_STEPS) {
      problems.add(Message.of("problem.marginWarmup", String.valueOf(marginWarmupSteps)));
    }
    if (Integer.bitCount(knownDigits) < 2 || (knownDigits & ~ALL_DIGITS) != 0) {
      problems.add(Message.of("problem.known", describeDigits(knownDigits)));
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      problems.add(
          Message.of(
              "problem.batchSize", String.valueOf(MAX_BATCH_SIZE), String.valueOf(batchSize)));
    }
    return problems;
  }

  /**
   * @throws IllegalArgumentException naming the first impossible value
   */
  public Hyperparameters validated() {
    List<Message> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).render());
    }
    return this;
  }

  /** The bits of the given digits. */
  public static int digits(int... values) {
    int mask = 0;
    for (int d : values) {
      mask |= 1 << d;
    }
    return mask;
  }

  /** "2, 3, 4, 5, 8, 9". */
  public static String describeDigits(int mask) {
    StringBuilder text = new StringBuilder();
    for (int d = 0; d < 31; d++) {
      if ((mask & (1 << d)) != 0) {
        text.append(text.length() == 0 ? "" : ", ").append(d);
      }
    }
    return text.toString();
  }

  /** The digit of each class of the head, ascending: class j is digit classDigits()[j]. */
  public int[] classDigits() {
    int[] digits = new int[Integer.bitCount(knownDigits)];
    int j = 0;
    for (int d = 0; d < 31; d++) {
      if ((knownDigits & (1 << d)) != 0) {
        digits[j++] = d;
      }
    }
    return digits;
  }

  /** Whether training sees this digit. */
  public boolean isKnown(int digit) {
    return isKnown(digit, knownDigits);
  }

  /**
   * Whether a digit is in a mask of known digits (bit d for digit d); the other data's label is
   * never known.
   */
  public static boolean isKnown(int digit, int knownDigits) {
    return digit >= 0 && digit < 31 && (knownDigits & (1 << digit)) != 0;
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
    return toBuilder().model(v).build();
  }

  public Hyperparameters withHead(HeadKind v) {
    return toBuilder().head(v).build();
  }

  public Hyperparameters withLambda(double v) {
    return toBuilder().lambda(v).build();
  }

  public Hyperparameters withAlpha(double v) {
    return toBuilder().alpha(v).build();
  }

  public Hyperparameters withCenterRule(CenterRule v) {
    return toBuilder().centerRule(v).build();
  }

  public Hyperparameters withCenterInit(CenterInit v) {
    return toBuilder().centerInit(v).build();
  }

  public Hyperparameters withOptimizer(OptimizerKind v) {
    return toBuilder().optimizer(v).build();
  }

  public Hyperparameters withLearningRate(double v) {
    return toBuilder().learningRate(v).build();
  }

  public Hyperparameters withLearningRateWarmupSteps(int v) {
    return toBuilder().learningRateWarmupSteps(v).build();
  }

  public Hyperparameters withMomentum(double v) {
    return toBuilder().momentum(v).build();
  }

  public Hyperparameters withWeightDecay(double v) {
    return toBuilder().weightDecay(v).build();
  }

  public Hyperparameters withGradientClipNorm(double v) {
    return toBuilder().gradientClipNorm(v).build();
  }

  public Hyperparameters withScale(double v) {
    return toBuilder().scale(v).build();
  }

  public Hyperparameters withMargin(double v) {
    return toBuilder().margin(v).build();
  }

  public Hyperparameters withMarginWarmupSteps(int v) {
    return toBuilder().marginWarmupSteps(v).build();
  }

  public Hyperparameters withBatchSize(int v) {
    return toBuilder().batchSize(v).build();
  }

  /**
   * Whether going from {@code before} to these settings needs the run built again from the seed: a
   * new model size, seed, center start or set of known digits cannot take effect mid-run.
   */
  public boolean needsRebuildFrom(Hyperparameters before) {
    return model != before.model
        || seed != before.seed
        || centerInit != before.centerInit
        || knownDigits != before.knownDigits;
  }

  public Hyperparameters withSeed(long v) {
    return toBuilder().seed(v).build();
  }

  public Hyperparameters withKnownDigits(int v) {
    return toBuilder().knownDigits(v).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy to change one field at a time; {@link #build()} makes the record. */
  public static final class Builder {
    private ModelSize model;
    private HeadKind head;
    private double lambda;
    private double alpha;
    private CenterRule centerRule;
    private CenterInit centerInit;
    private OptimizerKind optimizer;
    private double learningRate;
    private int learningRateWarmupSteps;
    private double momentum;
    private double weightDecay;
    private double gradientClipNorm;
    private double scale;
    private double margin;
    private int marginWarmupSteps;
    private int batchSize;
    private long seed;
    private int knownDigits;

    private Builder(Hyperparameters hp) {
      model = hp.model;
      head = hp.head;
      lambda = hp.lambda;
      alpha = hp.alpha;
      centerRule = hp.centerRule;
      centerInit = hp.centerInit;
      optimizer = hp.optimizer;
      learningRate = hp.learningRate;
      learningRateWarmupSteps = hp.learningRateWarmupSteps;
      momentum = hp.momentum;
      weightDecay = hp.weightDecay;
      gradientClipNorm = hp.gradientClipNorm;
      scale = hp.scale;
      margin = hp.margin;
      marginWarmupSteps = hp.marginWarmupSteps;
      batchSize = hp.batchSize;
      seed = hp.seed;
      knownDigits = hp.knownDigits;
    }

    public Builder model(ModelSize v) {
      model = v;
      return this;
    }

    public Builder head(HeadKind v) {
      head = v;
      return this;
    }

    public Builder lambda(double v) {
      lambda = v;
      return this;
    }

    public Builder alpha(double v) {
      alpha = v;
      return this;
    }

    public Builder centerRule(CenterRule v) {
      centerRule = v;
      return this;
    }

    public Builder centerInit(CenterInit v) {
      centerInit = v;
      return this;
    }

    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder learningRateWarmupSteps(int v) {
      learningRateWarmupSteps = v;
      return this;
    }

    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder gradientClipNorm(double v) {
      gradientClipNorm = v;
      return this;
    }

    public Builder scale(double v) {
      scale = v;
      return this;
    }

    public Builder margin(double v) {
      margin = v;
      return this;
    }

    public Builder marginWarmupSteps(int v) {
      marginWarmupSteps = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder knownDigits(int v) {
      knownDigits = v;
      return this;
    }

    public Hyperparameters build() {
      return new Hyperparameters(
          model,
          head,
          lambda,
          alpha,
          centerRule,
          centerInit,
          optimizer,
          learningRate,
          learningRateWarmupSteps,
          momentum,
          weightDecay,
          gradientClipNorm,
          scale,
          margin,
          marginWarmupSteps,
          batchSize,
          seed,
          knownDigits);
    }
  }
}
