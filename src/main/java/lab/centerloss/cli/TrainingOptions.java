package lab.centerloss.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.centerloss.data.DataLocation;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.Recipes;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.Settings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options that choose what to train, shared by every command that trains. Each setting with an
 * option ({@link SettingDescriptor#option()}) becomes one, made from its descriptor when the
 * command line is built ({@link SettingOptions}); an option left out takes the recommended value
 * for the chosen head ({@link Recipes#recommendedFor}).
 */
public final class TrainingOptions {
  /** The values given for each setting's option: one, or a list for sweep's options. */
  private final Map<SettingDescriptor<?>, List<?>> given = new HashMap<>();

  @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto")
  DeviceChoice device;

  @Option(names = "--threads", defaultValue = "0")
  int threads;

  @Option(names = "--data", paramLabel = "DIR")
  Path data;

  @Option(names = "--unknown-data", paramLabel = "DIR")
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
    HeadKind head = single(Settings.HEAD);
    return hyperparameters(onGpu, head == null ? HeadKind.SOFTMAX : head);
  }

  /**
   * The record these options ask for, for a given head (its recommended settings under the
   * options).
   */
  Hyperparameters hyperparameters(boolean onGpu, HeadKind forHead) {
    return hyperparameters(onGpu, forHead, Set.of());
  }

  /** The same, leaving out the options of {@code ignored} (the lists a sweep walks itself). */
  private Hyperparameters hyperparameters(
      boolean onGpu, HeadKind forHead, Set<SettingDescriptor<?>> ignored) {
    Hyperparameters hp = Recipes.recommendedFor(forHead);
    hp = hp.withModel(onGpu ? ModelSize.PAPER : ModelSize.LITE);
    for (SettingDescriptor<?> setting : Settings.ALL) {
      if (setting != Settings.HEAD && !ignored.contains(setting) && given.containsKey(setting)) {
        hp = withGiven(hp, setting);
      }
    }
    // an optimizer without a rate takes the rate that goes with it, not the head's
    OptimizerKind optimizer = single(Settings.OPTIMIZER);
    if (optimizer != null && !given.containsKey(Settings.LEARNING_RATE)) {
      hp = hp.withLearningRate(Recipes.learningRateFor(optimizer));
    }
    return hp;
  }

  private <T> Hyperparameters withGiven(Hyperparameters hp, SettingDescriptor<T> setting) {
    if (setting.kind() == SettingDescriptor.Kind.DIGITS) {
      return setting.with(hp, setting.type().cast(knownDigits()));
    }
    return setting.with(hp, single(setting));
  }

  /** The values given for a setting (a list only in `sweep`); empty when not given. */
  <T> List<T> given(SettingDescriptor<T> setting) {
    List<?> values = given.getOrDefault(setting, List.of());
    List<T> typed = new ArrayList<>();
    for (Object value : values) {
      typed.add(setting.type().cast(value));
    }
    return typed;
  }

  /** The heads given (`sweep` takes a list); null when none. */
  List<HeadKind> heads() {
    return givenOrNull(Settings.HEAD);
  }

  List<Double> lambdas() {
    return givenOrNull(Settings.LAMBDA);
  }

  List<Double> alphas() {
    return givenOrNull(Settings.ALPHA);
  }

  List<Double> margins() {
    return givenOrNull(Settings.MARGIN);
  }

  /** The seed given; null when none. */
  Long seed() {
    return single(Settings.SEED);
  }

  /** The batch size given; null when none. */
  Integer batchSize() {
    return single(Settings.BATCH_SIZE);
  }

  private <T> List<T> givenOrNull(SettingDescriptor<T> setting) {
    List<T> values = given(setting);
    return values.isEmpty() ? null : values;
  }

  /** The one value of an option that takes a list only in `sweep`; null when not given. */
  private <T> T single(SettingDescriptor<T> setting) {
    List<T> values = given(setting);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw UserError.of("cli.oneValue", setting.option().orElseThrow().name());
    }
    return values.get(0);
  }

  /**
   * The settings of one combination of `sweep`: a head's recommended settings under the options,
   * with the lists sweep walks set to this combination's values.
   */
  Hyperparameters forSweep(HeadKind head, double lambda, double alpha, double margin, long seed) {
    return hyperparameters(
            false, head, Set.of(Settings.HEAD, Settings.LAMBDA, Settings.ALPHA, Settings.MARGIN))
        .withLambda(lambda)
        .withAlpha(alpha)
        .withMargin(margin)
        .withSeed(seed);
  }

  /**
   * The known digits as bits: a list of distinct digits 0 to 9, at least two, leaving at least one
   * unknown (all ten may be known when another data set gives the unknowns).
   */
  int knownDigits() {
    int mask = 0;
    for (Object given : given.get(Settings.KNOWN_DIGITS)) {
      String item = given.toString();
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
    if (mask == DigitSet.ALL && unknownData == null) {
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

  /**
   * Adds an option for each setting that has one to a command that mixes these options in, where
   * the mixin stands in its help: before {@code --device}. Its values go to {@link #given}. A
   * command without these options is left as it is.
   */
  static void addSettingOptions(CommandSpec spec) {
    TrainingOptions options = null;
    for (CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof TrainingOptions o) {
        options = o;
      }
    }
    if (options == null || spec.findOption("--device") == null) {
      return;
    }
    // the setting options go where the mixin's declared ones begin, so the help keeps its order
    List<OptionSpec> after = new ArrayList<>();
    boolean found = false;
    for (OptionSpec option : new ArrayList<>(spec.options())) {
      found |= option.longestName().equals("--device");
      if (found) {
        after.add(option);
        spec.remove(option);
      }
    }
    for (SettingDescriptor<?> setting : Settings.ALL) {
      if (setting.option().isPresent() && spec.findOption(setting.option().get().name()) == null) {
        spec.addOption(SettingOptions.option(setting, setting.option().get(), options.given));
      }
    }
    after.forEach(spec::addOption);
  }

  /** The option of one setting, its values kept by setting. */
  private static final class SettingOptions {
    private SettingOptions() {}

    private static OptionSpec option(
        SettingDescriptor<?> setting,
        SettingDescriptor.CliOption cli,
        Map<SettingDescriptor<?>, List<?>> given) {
      boolean list = cli.sweepable() || setting.kind() == SettingDescriptor.Kind.DIGITS;
      Class<?> type =
          setting.kind() == SettingDescriptor.Kind.DIGITS ? String.class : setting.type();
      OptionSpec.Builder b =
          OptionSpec.builder(cli.name())
              .paramLabel(cli.paramLabel().orElseGet(() -> defaultLabel(setting)))
              .description(Messages.text(SettingDescriptor.CliOption.descriptionKey(setting)))
              .setter(
                  new ISetter() {
                    @Override
                    public <T> T set(T value) {
                      if (value == null) {
                        given.remove(setting);
                      } else {
                        given.put(
                            setting, value instanceof List<?> l ? List.copyOf(l) : List.of(value));
                      }
                      return null;
                    }
                  })
              .getter(
                  new IGetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T get() {
                      List<?> values = given.get(setting);
                      return (T)
                          (values == null ? null : list ? new ArrayList<>(values) : values.get(0));
                    }
                  });
      if (list) {
        b.type(List.class).auxiliaryTypes(type).splitRegex(",");
      } else {
        b.type(type);
      }
      return b.build();
    }

    /** A choice's ids ({@code sgd|adam}); else the setting's name, as picocli labels a field. */
    private static String defaultLabel(SettingDescriptor<?> setting) {
      if (setting.kind() == SettingDescriptor.Kind.CHOICE) {
        return String.join("|", setting.choices().stream().map(c -> Ids.of((Enum<?>) c)).toList());
      }
      return "<" + setting.name() + ">";
    }
  }
}
