package lab.centerloss.train;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.centerloss.text.Message;

/**
 * "Copy this run and change one thing": one setting and the value it takes in the copy. Everything
 * else, the seed included, stays the run's, so the two runs start from the same weights and see the
 * same batches, and any difference between them is this setting's doing.
 *
 * @param value as a teacher types it: a number with a point, or one of {@link Setting#choices()}
 */
public record OneChange(Setting setting, String value) {

  /** The settings a copy may change. */
  public enum Setting {
    LAMBDA,
    ALPHA,
    LEARNING_RATE,
    MARGIN,
    SCALE,
    BATCH_SIZE,
    SEED,
    HEAD,
    CENTER_RULE,
    CENTER_INIT,
    OPTIMIZER;

    /** The values offered for it: every choice of a kind, a few telling numbers for a number. */
    public List<String> choices() {
      return switch (this) {
        case LAMBDA -> List.of("0", "0.01", "0.1", "1");
        case ALPHA -> List.of("0.1", "0.5", "0.9");
        case LEARNING_RATE -> List.of("0.001", "0.01", "0.02", "0.05");
        case MARGIN -> List.of("0.1", "0.35", "0.5");
        case SCALE -> List.of("8", "16", "30", "64");
        case BATCH_SIZE -> List.of("32", "64", "128", "256");
        case SEED -> List.of("1", "2", "3");
        case HEAD -> ids(HeadKind.values());
        case CENTER_RULE -> ids(CenterRule.values());
        case CENTER_INIT -> ids(CenterInit.values());
        case OPTIMIZER -> ids(OptimizerKind.values());
      };
    }

    /** Whether the value is one of {@link #choices()} only, not any number. */
    public boolean isChoice() {
      return this == HEAD || this == CENTER_RULE || this == CENTER_INIT || this == OPTIMIZER;
    }

    /**
     * For a choice setting, the choice of this id (for its label); empty for a number or an unknown
     * id.
     */
    public Optional<Enum<?>> choice(String id) {
      Enum<?>[] values =
          switch (this) {
            case HEAD -> HeadKind.values();
            case CENTER_RULE -> CenterRule.values();
            case CENTER_INIT -> CenterInit.values();
            case OPTIMIZER -> OptimizerKind.values();
            default -> new Enum<?>[0];
          };
      for (Enum<?> e : values) {
        if (idOf(e).equals(id)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    }

    /** The run's own value of this setting, written as {@link #choices()} are. */
    public String of(Hyperparameters hp) {
      return switch (this) {
        case LAMBDA -> number(hp.lambda());
        case ALPHA -> number(hp.alpha());
        case LEARNING_RATE -> number(hp.learningRate());
        case MARGIN -> number(hp.margin());
        case SCALE -> number(hp.scale());
        case BATCH_SIZE -> Integer.toString(hp.batchSize());
        case SEED -> Long.toString(hp.seed());
        case HEAD -> hp.head().id();
        case CENTER_RULE -> hp.centerRule().id();
        case CENTER_INIT -> hp.centerInit().id();
        case OPTIMIZER -> hp.optimizer().id();
      };
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
      return Optional.of(
          Message.of(
              setting == Setting.BATCH_SIZE || setting == Setting.SEED
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
    String v = value.strip();
    return switch (setting) {
      case LAMBDA -> base.withLambda(Double.parseDouble(v));
      case ALPHA -> base.withAlpha(Double.parseDouble(v));
      case LEARNING_RATE -> base.withLearningRate(Double.parseDouble(v));
      case MARGIN -> base.withMargin(Double.parseDouble(v));
      case SCALE -> base.withScale(Double.parseDouble(v));
      case BATCH_SIZE -> base.withBatchSize(Integer.parseInt(v));
      case SEED -> base.withSeed(Long.parseLong(v));
      case HEAD -> base.withHead((HeadKind) chosen(v));
      case CENTER_RULE -> base.withCenterRule((CenterRule) chosen(v));
      case CENTER_INIT -> base.withCenterInit((CenterInit) chosen(v));
      case OPTIMIZER -> base.withOptimizer((OptimizerKind) chosen(v));
    };
  }

  /** The two runs compared: the run itself, then its copy with the one change. */
  public List<Hyperparameters> runs(Hyperparameters base) {
    return List.of(base, applyTo(base));
  }

  /** The choice of the setting that this id names, in any case; thrown when there is none. */
  private Enum<?> chosen(String id) {
    return setting
        .choice(id.toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new IllegalArgumentException("not a choice: " + id));
  }

  private static String idOf(Enum<?> e) {
    if (e instanceof HeadKind h) {
      return h.id();
    } else if (e instanceof CenterRule r) {
      return r.id();
    } else if (e instanceof CenterInit i) {
      return i.id();
    }
    return ((OptimizerKind) e).id();
  }

  private static List<String> ids(Enum<?>[] values) {
    List<String> ids = new ArrayList<>();
    for (Enum<?> e : values) {
      ids.add(idOf(e));
    }
    return List.copyOf(ids);
  }

  /**
   * A number as a teacher writes it: no trailing zeros, a point, no exponent for the usual range.
   */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
