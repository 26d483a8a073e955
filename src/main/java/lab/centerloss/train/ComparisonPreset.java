package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The side-by-side figures the papers make their point with, as lists of runs that differ in one
 * setting and share everything else (seed, so the same initial weights and the same batch order).
 * The first: Wen et al., "A Discriminative Feature Learning Approach for Deep Face Recognition",
 * ECCV 2016, section 4.1, Fig. 3: the same network with lambda 0 to 1.
 */
public enum ComparisonPreset {
  /** lambda 0 / 0.01 / 0.1 / 1: softmax alone, then center loss ever stronger. */
  LAMBDA("lambda"),
  /** softmax / softmax + center loss / CosFace / ArcFace, each with its recommended settings. */
  HEADS("heads"),
  /** alpha 0.1 / 0.5 / 0.9: how fast the centers follow the features. */
  ALPHA("alpha"),
  /** The paper's center update (Algorithm 1, eq. 4) beside plain SGD on the centers. */
  CENTER_RULE("center-rule"),
  /** One run, drawn twice: a fixed set of training images beside the test images. */
  TRAIN_AND_TEST("train-test"),
  /**
   * The run beside a copy of it with one setting changed, chosen by the teacher (a {@link
   * OneChange}); {@link #runs(Hyperparameters)} gives the run twice until the change is known.
   */
  ONE_CHANGE("one-change");

  public static final double[] LAMBDAS = {0, 0.01, 0.1, 1};
  public static final double[] ALPHAS = {0.1, 0.5, 0.9};

  private final String id;

  ComparisonPreset(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static ComparisonPreset byId(String id) {
    for (ComparisonPreset preset : values()) {
      if (preset.id.equals(id)) {
        return preset;
      }
    }
    throw new IllegalArgumentException("no comparison preset " + id);
  }

  /**
   * The runs of this comparison, made from a base run by changing the one setting compared ("copy
   * this run and change one thing"). The heads preset takes each head's recommended settings but
   * keeps the base's model, seed, batch size, digits and center start.
   */
  public List<Hyperparameters> runs(Hyperparameters base) {
    List<Hyperparameters> runs = new ArrayList<>();
    switch (this) {
      case LAMBDA -> {
        for (double lambda : LAMBDAS) {
          runs.add(base.withLambda(lambda));
        }
      }
      case ALPHA -> {
        for (double alpha : ALPHAS) {
          runs.add(base.withAlpha(alpha));
        }
      }
      case CENTER_RULE -> {
        runs.add(base.withCenterRule(CenterRule.PAPER));
        runs.add(base.withCenterRule(CenterRule.SGD));
      }
      case HEADS -> {
        runs.add(sameRun(base, Hyperparameters.recommendedFor(HeadKind.SOFTMAX).withLambda(0)));
        runs.add(sameRun(base, Hyperparameters.recommendedFor(HeadKind.SOFTMAX)));
        runs.add(sameRun(base, Hyperparameters.recommendedFor(HeadKind.COSFACE)));
        runs.add(sameRun(base, Hyperparameters.recommendedFor(HeadKind.ARCFACE)));
      }
      case TRAIN_AND_TEST -> runs.add(base);
      case ONE_CHANGE -> {
        runs.add(base);
        runs.add(base);
      }
    }
    return List.copyOf(runs);
  }

  /** How many planes the comparison shows: one per run, or two for the train/test pair. */
  public int panes() {
    return this == TRAIN_AND_TEST ? 2 : runs(Hyperparameters.defaults()).size();
  }

  /**
   * Whether the runs need a {@link OneChange} to be made: lessons and setups cannot name this one.
   */
  public boolean needsChange() {
    return this == ONE_CHANGE;
  }

  public boolean trainAndTest() {
    return this == TRAIN_AND_TEST;
  }

  private static Hyperparameters sameRun(Hyperparameters base, Hyperparameters recommended) {
    return recommended
        .withModel(base.model())
        .withSeed(base.seed())
        .withBatchSize(base.batchSize())
        .withKnownDigits(base.knownDigits())
        .withCenterInit(base.centerInit());
  }
}
