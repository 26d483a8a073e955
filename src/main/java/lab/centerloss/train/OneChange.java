package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.centerloss.text.Message;
import lab.centerloss.train.SettingDescriptor.Kind;

/**
 * "Copy this run and change one thing": one setting and the value it takes in the copy. Everything
 * else, the seed included, stays the run's, so the two runs start from the same weights and see the
 * same batches, and any difference between them is this setting's doing.
 *
 * @param value as a teacher types it: a number with a point, or one of {@link Setting#choices()}
 */
public record OneChange(Setting setting, String value) {

  /** The settings a copy may change, each with the values offered for it. */
  public enum Setting {
    LAMBDA(Settings.LAMBDA, "0", "0.01", "0.1", "1"),
    ALPHA(Settings.ALPHA, "0.1", "0.5", "0.9"),
    LEARNING_RATE(Settings.LEARNING_RATE, "0.001", "0.01", "0.02", "0.05"),
    MARGIN(Settings.MARGIN, "0.1", "0.35", "0.5"),
    SCALE(Settings.SCALE, "8", "16", "30", "64"),
    BATCH_SIZE(Settings.BATCH_SIZE, "32", "64", "128", "256"),
    SEED(Settings.SEED, "1", "2", "3"),
    HEAD(Settings.HEAD),
    CENTER_RULE(Settings.CENTER_RULE),
    CENTER_INIT(Settings.CENTER_INIT),
    OPTIMIZER(Settings.OPTIMIZER);

    private final SettingDescriptor<?> descriptor;
    private final List<String> offered;

    Setting(SettingDescriptor<?> descriptor, String... offered) {
      this.descriptor = descriptor;
      this.offered = List.of(offered);
    }

    /** The setting this one changes. */
    public SettingDescriptor<?> descriptor() {
      return descriptor;
    }

    /** The values offered for it: every choice of a kind, a few telling numbers for a number. */
    public List<String> choices() {
      return isChoice() ? ids(descriptor) : offered;
    }

    /** Whether the value is one of {@link #choices()} only, not any number. */
    public boolean isChoice() {
      return descriptor.kind() == Kind.CHOICE;
    }

    /**
     * For a choice setting, the choice of this id (for its label); empty for a number or an unknown
     * id.
     */
    public Optional<Enum<?>> choice(String id) {
      return descriptor.choice(id).map(choice -> (Enum<?>) choice);
    }

    /** The run's own value of this setting, written as {@link #choices()} are. */
    public String of(Hyperparameters hp) {
      return text(descriptor, hp);
    }

    private static <T> String text(SettingDescriptor<T> setting, Hyperparameters hp) {
      return setting.text(setting.of(hp));
    }

    private static <T> List<String> ids(SettingDescriptor<T> setting) {
      List<String> ids = new ArrayList<>();
      for (T choice : setting.choices()) {
        ids.add(setting.text(choice));
      }
      return List.copyOf(ids);
    }
  }

  /**
   * The copy's settings, or why there is none: not a number, not a choice, the run's own value, or
   * an impossible setting.
   */
  public Optional<Message> problem(Hyperparameters base) {
    try {
      Hyperparameters copy = applyTo(base);
      if (setting.of(copy).equals(setting.of(base))) {
        return Optional.of(Message.of("compare.change.same", setting.of(base)));
      }
      List<Message> problems = copy.problems();
      return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
    } catch (NumberFormatException e) {
      Kind kind = setting.descriptor().kind();
      return Optional.of(
          Message.of(
              kind == Kind.WHOLE || kind == Kind.LONG
                  ? "compare.change.notWhole"
                  : "compare.change.notNumber",
              value.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.of(
          Message.of(
              "compare.change.notChoice", value.strip(), String.join(", ", setting.choices())));
    }
  }

  /**
   * The copy: the base with this setting at this value.
   *
   * @throws NumberFormatException for a number setting given something else
   * @throws IllegalArgumentException for a choice setting given something not among its choices
   */
  public Hyperparameters applyTo(Hyperparameters base) {
    return applyTo(setting.descriptor(), base);
  }

  private <T> Hyperparameters applyTo(SettingDescriptor<T> descriptor, Hyperparameters base) {
    return descriptor.with(base, descriptor.parse(value));
  }

  /** The two runs compared: the run itself, then its copy with the one change. */
  public List<Hyperparameters> runs(Hyperparameters base) {
    return List.of(base, applyTo(base));
  }
}
