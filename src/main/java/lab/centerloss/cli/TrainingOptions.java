package lab.centerloss.cli;

import java.nio.file.Path;
import java.util.List;
import lab.centerloss.data.DataLocation;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Message;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import picocli.CommandLine.Option;

/**
 * The options that choose what to train, shared by every command that trains. An option left out
 * takes the recommended value for the chosen head ({@link Hyperparameters#recommendedFor}).
 */
public final class TrainingOptions {
  @Option(
      names = "--model",
      paramLabel = "lite|paper",
      description =
          "LeNet++ size: lite (8/16/32 channels) or paper (32/64/128). Default: lite on a CPU, paper on a GPU.")
  ModelSize model;

  // Four options take lists for `sweep`; every other command takes one value of each.
  @Option(
      names = "--head",
      split = ",",
      paramLabel = "softmax|normface|cosface|arcface",
      description = "Classifier head (default: softmax); sweep takes a list.")
  List<HeadKind> heads;

  @Option(
      names = "--lambda",
      split = ",",
      paramLabel = "LAMBDA",
      description = "Center-loss weight, 0 or more; 0 turns center loss off; sweep takes a list.")
  List<Double> lambdas;

  @Option(
      names = "--alpha",
      split = ",",
      paramLabel = "ALPHA",
      description = "Center learning rate, in [0, 1]; sweep takes a list.")
  List<Double> alphas;

  @Option(
      names = "--center-rule",
      paramLabel = "paper|sgd",
      description = "How centers follow the features (default: paper).")
  CenterRule centerRule;

  @Option(
      names = "--center-init",
      paramLabel = "zero|normal",
      description =
          "Where the centers start: at the origin (default), or drawn from a standard normal as torch.randn does.")
  CenterInit centerInit;

  @Option(
      names = "--optimizer",
      paramLabel = "sgd|adam",
      description = "Optimizer (default: sgd for softmax, adam for the normalized heads).")
  OptimizerKind optimizer;

  @Option(
      names = "--lr",
      description =
          "Learning rate (default: 0.02 with sgd, reached after --lr-warmup steps; 0.001 with adam).")
  Double learningRate;

  @Option(
      names = "--lr-warmup",
      paramLabel = "STEPS",
      description = "Grow the learning rate linearly over the first STEPS steps (default: 100).")
  Integer learningRateWarmup;

  @Option(
      names = "--clip-grad-norm",
      paramLabel = "NORM",
      description =
          "Scale the network's gradient down to this length when longer; 0 never (default: 10).")
  Double gradientClipNorm;

  @Option(names = "--momentum", description = "SGD momentum (default: 0.9).")
  Double momentum;

  @Option(names = "--weight-decay", description = "Weight decay (default: 5e-4).")
  Double weightDecay;

  @Option(names = "--s", description = "Scale s of the normalized heads (default: 16).")
  Double scale;

  @Option(
      names = "--m",
      split = ",",
      paramLabel = "M",
      description =
          "Margin m, in [0, pi/2]: radians for arcface, cosine units for cosface; sweep takes a list.")
  List<Double> margins;

  @Option(
      names = "--margin-warmup",
      paramLabel = "STEPS",
      description = "Grow the margin linearly from 0 over this many steps.")
  Integer marginWarmup;

  @Option(names = "--batch-size", description = "Images per batch (default: 128).")
  Integer batchSize;

  @Option(
      names = "--seed",
      description = "Seed of the initial weights and the batch order (default: 1).")
  Long seed;

  @Option(
      names = "--known",
      split = ",",
      paramLabel = "DIGITS",
      description =
          "The digits training sees; the others are the unknowns of the open-set test (e.g. 2,3,4,5,8,9).")
  List<String> known;

  @Option(
      names = "--device",
      paramLabel = "auto|cpu|cuda",
      defaultValue = "auto",
      description = "Where to train (default: auto).")
  DeviceChoice device;

  @Option(
      names = "--threads",
      defaultValue = "0",
      description = "libtorch CPU threads; 0 for one per processor.")
  int threads;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Folder with the four MNIST IDX files (default: the bundled datasets/mnist).")
  Path data;

  @Option(
      names = "--unknown-data",
      paramLabel = "DIR",
      description =
          "A second IDX data set (its two t10k files, e.g. Fashion-MNIST) whose test images join the test set as unknowns.")
  Path unknownData;

  /**
   * The data set these options name: the data folder, with the unknown data's test images when
   * given.
   */
  MnistDataSet loadData() {
    return TrainCommand.loadData(dataFolder(), unknownData);
  }

  /** The record these options ask for; the model size waits for the device when not given. */
  Hyperparameters hyperparameters(boolean onGpu) {
    HeadKind head = single("--head", heads);
    return hyperparameters(onGpu, head == null ? HeadKind.SOFTMAX : head);
  }

  /**
   * The record these options ask for, for a given head (its recommended settings under the
   * options).
   */
  Hyperparameters hyperparameters(boolean onGpu, HeadKind forHead) {
    Hyperparameters hp = Hyperparameters.recommendedFor(forHead);
    hp = hp.withModel(model != null ? model : onGpu ? ModelSize.PAPER : ModelSize.LITE);
    Double lambda = single("--lambda", lambdas);
    if (lambda != null) {
      hp = hp.withLambda(lambda);
    }
    Double alpha = single("--alpha", alphas);
    if (alpha != null) {
      hp = hp.withAlpha(alpha);
    }
    if (centerRule != null) {
      hp = hp.withCenterRule(centerRule);
    }
    if (centerInit != null) {
      hp = hp.withCenterInit(centerInit);
    }
    if (learningRateWarmup != null) {
      hp = hp.withLearningRateWarmupSteps(learningRateWarmup);
    }
    if (gradientClipNorm != null) {
      hp = hp.withGradientClipNorm(gradientClipNorm);
    }
    if (optimizer != null) {
      hp = hp.withOptimizer(optimizer);
      if (learningRate == null) {
        hp =
            hp.withLearningRate(
                optimizer == OptimizerKind.ADAM ? 1e-3 : Hyperparameters.defaults().learningRate());
      }
    }
    if (learningRate != null) {
      hp = hp.withLearningRate(learningRate);
    }
    if (momentum != null) {
      hp = hp.withMomentum(momentum);
    }
    if (weightDecay != null) {
      hp = hp.withWeightDecay(weightDecay);
    }
    if (scale != null) {
      hp = hp.withScale(scale);
    }
    Double margin = single("--m", margins);
    if (margin != null) {
      hp = hp.withMargin(margin);
    }
    if (marginWarmup != null) {
      hp = hp.withMarginWarmupSteps(marginWarmup);
    }
    if (batchSize != null) {
      hp = hp.withBatchSize(batchSize);
    }
    if (seed != null) {
      hp = hp.withSeed(seed);
    }
    if (known != null) {
      hp = hp.withKnownDigits(knownDigits());
    }
    return hp;
  }

  /** The one value of an option that takes a list only in `sweep`; null when not given. */
  private static <T> T single(String option, List<T> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw UserError.of("cli.oneValue", option);
    }
    return values.get(0);
  }

  /**
   * The settings of one combination of `sweep`: a head's recommended settings under the options.
   */
  Hyperparameters forSweep(HeadKind head, double lambda, double alpha, double margin, long seed) {
    List<HeadKind> h = heads;
    List<Double> l = lambdas;
    List<Double> a = alphas;
    List<Double> m = margins;
    try {
      heads = null;
      lambdas = null;
      alphas = null;
      margins = null;
      return hyperparameters(false, head)
          .withLambda(lambda)
          .withAlpha(alpha)
          .withMargin(margin)
          .withSeed(seed);
    } finally {
      heads = h;
      lambdas = l;
      alphas = a;
      margins = m;
    }
  }

  /**
   * The known digits as bits: a list of distinct digits 0 to 9, at least two, leaving at least one
   * unknown (all ten may be known when another data set gives the unknowns).
   */
  int knownDigits() {
    int mask = 0;
    for (String item : known) {
      int digit;
      try {
        digit = Integer.parseInt(item.trim());
      } catch (NumberFormatException e) {
        throw new UserError(Message.of("cli.knownNotDigit", item.trim()).render());
      }
      if (digit < 0 || digit > 9) {
        throw new UserError(Message.of("cli.knownNotDigit", item.trim()).render());
      }
      if ((mask & (1 << digit)) != 0) {
        throw new UserError(Message.of("cli.knownTwice", digit).render());
      }
      mask |= 1 << digit;
    }
    if (Integer.bitCount(mask) < 2) {
      throw new UserError(Message.of("cli.knownTooFew").render());
    }
    if (mask == Hyperparameters.ALL_DIGITS && unknownData == null) {
      throw new UserError(Message.of("cli.knownNoUnknown").render());
    }
    return mask;
  }

  /** Refuses impossible values, before any training: one sentence, exit code 2. */
  void check() {
    checkThreads(threads);
    List<Message> problems = hyperparameters(false).problems();
    if (!problems.isEmpty()) {
      throw new UserError(problems.get(0).render());
    }
  }

  /**
   * 0 (one per processor) up to the processors: more only slow libtorch down (issue 25: 1000
   * trained 14 times slower).
   */
  static void checkThreads(int threads) {
    if (threads < 0) {
      throw UserError.of("cli.threads", String.valueOf(threads));
    }
    int processors = Runtime.getRuntime().availableProcessors();
    if (threads > processors) {
      throw UserError.of("cli.threadsMax", processors, String.valueOf(threads));
    }
  }

  Path dataFolder() {
    return data != null ? data : DataLocation.defaultMnistFolder();
  }
}
