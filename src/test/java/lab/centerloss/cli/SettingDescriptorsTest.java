package lab.centerloss.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.DigitSet;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.Recipes;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.SettingDescriptor.Range;
import lab.centerloss.train.Settings;
import lab.centerloss.ui.controls.HyperparameterForm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Walks every setting's descriptor: the settings are data, so what one setting does right, each
 * must. For each, the ends of its range are taken and survive a JSON round trip, the command line
 * and the form; just outside is refused in one sentence; its option is on every training command.
 */
class SettingDescriptorsTest {
  private static final Hyperparameters BASE = Hyperparameters.defaults();

  @Command(name = "center-loss-lab")
  static final class Root {}

  static Stream<SettingDescriptor<?>> settings() {
    return Settings.ALL.stream();
  }

  @Test
  @DisplayName("every component of the record has one descriptor, in the record's order")
  void oneDescriptorPerComponent() {
    List<String> components =
        Arrays.stream(Hyperparameters.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();
    assertThat(Settings.ALL).extracting(SettingDescriptor::name).isEqualTo(components);
    assertThat(Settings.ALL.stream().map(SettingDescriptor::jsonName).distinct()).hasSize(19);
  }

  @Test
  @DisplayName("the defaults and recipes are the settings that were written out by hand before")
  void recipes() {
    assertThat(Recipes.defaults())
        .isEqualTo(
            new Hyperparameters(
                ModelSize.LITE,
                2,
                HeadKind.SOFTMAX,
                0.1,
                0.5,
                CenterRule.PAPER,
                CenterInit.ZERO,
                OptimizerKind.SGD,
                0.02,
                100,
                0.9,
                5e-4,
                10,
                16,
                0.5,
                0,
                128,
                1,
                DigitSet.ALL));
    Hyperparameters adam =
        BASE.withOptimizer(OptimizerKind.ADAM).withLearningRate(1e-3).withLambda(0);
    assertThat(Recipes.recommendedFor(HeadKind.SOFTMAX)).isEqualTo(BASE);
    assertThat(Recipes.recommendedFor(HeadKind.NORMFACE))
        .isEqualTo(adam.withHead(HeadKind.NORMFACE).withMargin(0).withMarginWarmupSteps(0));
    assertThat(Recipes.recommendedFor(HeadKind.COSFACE))
        .isEqualTo(adam.withHead(HeadKind.COSFACE).withMargin(0.1).withMarginWarmupSteps(1000));
    assertThat(Recipes.recommendedFor(HeadKind.ARCFACE))
        .isEqualTo(adam.withHead(HeadKind.ARCFACE).withMargin(0.5).withMarginWarmupSteps(1000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  @DisplayName("the values a setting takes survive JSON, the command line and the form")
  <T> void acceptedValues(SettingDescriptor<T> setting) {
    for (T value : accepted(setting)) {
      Hyperparameters hp = setting.with(BASE, value);
      assertThat(setting.of(hp)).isEqualTo(value);
      assertThat(hp.problems()).as("%s = %s", setting, value).isEmpty();
      assertThat(
              HyperparametersJson.fromJson(HyperparametersJson.toJson(hp), BASE).hyperparameters())
          .as("%s = %s through JSON", setting, value)
          .contains(hp);
      if (setting.option().isPresent()) {
        assertThat(fromCommandLine(setting, value))
            .as("%s = %s through the command line", setting, value)
            .isEqualTo(expectedFromCommandLine(setting, value));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  @DisplayName("the form shows and sends back every value its control offers, ends included")
  <T> void formValues(SettingDescriptor<T> setting) {
    for (T value : offeredByTheControl(setting)) {
      HyperparameterForm form = new HyperparameterForm(setting.with(BASE, value));
      assertThat(form.problemProperty().get()).isEmpty();
      assertThat(setting.of(form.recordProperty().get()))
          .as("%s = %s through the form", setting, value)
          .isEqualTo(value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  @DisplayName("just outside a setting's range is refused in one sentence, in JSON and on the line")
  <T> void refusedValues(SettingDescriptor<T> setting) {
    for (T value : refused(setting)) {
      Hyperparameters hp = setting.with(BASE, value);
      List<Message> problems = hp.problems();
      assertThat(problems).as("%s = %s", setting, value).hasSize(1);
      String sentence = problems.get(0).render();
      assertThat(sentence).isNotEqualTo(problems.get(0).key()).endsWith(".");
      assertThat(sentence.split("\\. ")).as("one sentence: %s", sentence).hasSize(1);
      ObjectNode json =
          setting.kind() == SettingDescriptor.Kind.CHOICE
              // an unmade choice cannot be written: a name that is no choice stands for it
              ? HyperparametersJson.toJson(BASE).put(setting.jsonName(), "none")
              : HyperparametersJson.toJson(hp);
      var read = HyperparametersJson.fromJson(json, BASE);
      assertThat(read.hyperparameters()).isEmpty();
      if (setting.kind() == SettingDescriptor.Kind.CHOICE) {
        assertThat(read.problem().orElseThrow().key()).isEqualTo("json.notChoice");
      } else if (setting.kind() != SettingDescriptor.Kind.DIGITS) {
        // a digit above 9 is refused as JSON already, as not a digit
        assertThat(read.problem()).contains(problems.get(0));
      }
      if (setting.option().isPresent()
          && setting.kind() != SettingDescriptor.Kind.DIGITS
          && setting.kind() != SettingDescriptor.Kind.CHOICE) {
        TrainingOptions options = parse(setting.option().get().name(), text(value));
        assertThatThrownBy(options::check).isInstanceOf(UserError.class).hasMessage(sentence);
      }
    }
  }

  @Test
  @DisplayName("each setting with an option has it on every training command, described")
  void optionsPresent() {
    CommandLine commandLine = CommandLineApp.create(new Root());
    for (String command : List.of("train", "sweep", "render", "bench")) {
      var spec = commandLine.getSubcommands().get(command).getCommandSpec();
      for (SettingDescriptor<?> setting : Settings.ALL) {
        setting
            .option()
            .ifPresent(
                option -> {
                  var found = spec.findOption(option.name());
                  assertThat(found).as("%s %s", command, option.name()).isNotNull();
                  String key = SettingDescriptor.CliOption.descriptionKey(setting);
                  assertThat(Messages.text(key)).isNotEqualTo(key);
                  assertThat(found.description()).containsExactly(Messages.text(key));
                });
      }
    }
  }

  /** The ends of the range where they are included, the nearest values inside where not. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> accepted(SettingDescriptor<T> setting) {
    List<T> values = new ArrayList<>();
    switch (setting.kind()) {
      case CHOICE -> values.addAll(setting.choices());
      case LONG -> values.addAll((List<T>) List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE));
      case DIGITS ->
          values.addAll((List<T>) List.of(DigitSet.of(0, 1), DigitSet.OPEN_SET, DigitSet.ALL));
      case REAL -> {
        Range r = setting.range().orElseThrow();
        values.add((T) (Double) (r.lowerIncluded() ? r.lower() : Math.nextUp(r.lower())));
        values.add((T) (Double) (r.upperIncluded() ? r.upper() : Math.nextDown(r.upper())));
      }
      case WHOLE -> {
        Range r = setting.range().orElseThrow();
        values.add((T) (Integer) (int) (r.lowerIncluded() ? r.lower() : r.lower() + 1));
        values.add((T) (Integer) (int) (r.upperIncluded() ? r.upper() : r.upper() - 1));
      }
    }
    return values;
  }

  /** Just outside each end; nothing for a setting whose every value is possible (the seed). */
  @SuppressWarnings("unchecked")
  private static <T> List<T> refused(SettingDescriptor<T> setting) {
    List<T> values = new ArrayList<>();
    switch (setting.kind()) {
      case CHOICE -> values.add(null);
      case LONG -> {}
      case DIGITS -> values.addAll((List<T>) List.of(DigitSet.of(4), 1 << 10 | 1));
      case REAL -> {
        Range r = setting.range().orElseThrow();
        values.add((T) (Double) (r.lowerIncluded() ? Math.nextDown(r.lower()) : r.lower()));
        values.add((T) (Double) (r.upperIncluded() ? Math.nextUp(r.upper()) : r.upper()));
      }
      case WHOLE -> {
        Range r = setting.range().orElseThrow();
        values.add((T) (Integer) (int) (r.lowerIncluded() ? r.lower() - 1 : r.lower()));
        values.add((T) (Integer) (int) (r.upperIncluded() ? r.upper() + 1 : r.upper()));
      }
    }
    assertThat(setting.kind() == SettingDescriptor.Kind.LONG || !values.isEmpty()).isTrue();
    return values;
  }

  /** The values a setting's control offers: its ends, its entries, its choices. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> offeredByTheControl(SettingDescriptor<T> setting) {
    var control = setting.control();
    return switch (control.kind()) {
      case NONE -> List.of();
      case CHOICE -> setting.choices();
      case SLIDER, LOG_SLIDER -> (List<T>) List.of(control.min(), control.max());
      case SWITCHED_LOG_SLIDER -> (List<T>) List.of(0.0, control.min(), control.max());
      case LIST -> (List<T>) control.values();
      case TEXT -> accepted(setting);
    };
  }

  private static <T> String text(T value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Enum<?> choice) {
      return choice.name().toLowerCase(Locale.ROOT);
    }
    return value.toString();
  }

  private static TrainingOptions parse(String... args) {
    CommandLine commandLine = CommandLineApp.create(new Root());
    String[] all = new String[args.length + 1];
    all[0] = "train";
    System.arraycopy(args, 0, all, 1, args.length);
    commandLine.parseArgs(all);
    TrainCommand train = commandLine.getSubcommands().get("train").getCommand();
    return train.training;
  }

  private static <T> Hyperparameters fromCommandLine(SettingDescriptor<T> setting, T value) {
    String text =
        setting.kind() == SettingDescriptor.Kind.DIGITS
            ? DigitSet.describe((Integer) value).replace(" ", "")
            : text(value);
    if (setting.kind() == SettingDescriptor.Kind.DIGITS && (Integer) value == DigitSet.ALL) {
      // all ten known needs another data set for the unknowns
      return parse(setting.option().get().name(), text, "--unknown-data", "elsewhere")
          .hyperparameters(false);
    }
    return parse(setting.option().get().name(), text).hyperparameters(false);
  }

  /** What the line gives: the head's recipe, and an optimizer brings its learning rate. */
  private static <T> Hyperparameters expectedFromCommandLine(
      SettingDescriptor<T> setting, T value) {
    if (setting == Settings.HEAD) {
      return Recipes.recommendedFor((HeadKind) value);
    }
    Hyperparameters hp = setting.with(BASE, value);
    if (setting == Settings.OPTIMIZER) {
      hp = hp.withLearningRate(Recipes.learningRateFor((OptimizerKind) value));
    }
    return hp;
  }
}
