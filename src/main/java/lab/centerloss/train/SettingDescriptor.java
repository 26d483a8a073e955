package lab.centerloss.train;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Message;

/**
 * One setting of {@link Hyperparameters} as data: its record component, its kind, the values it may
 * take and the sentence that refuses the others, its default (and the heads whose recommended value
 * differs), its JSON field, its command-line option and its control in the window. Validation, the
 * JSON reader and writer, the command line and the form all walk {@link Settings#ALL}, so a new
 * setting is a record component, a wither and one of these.
 *
 * @param <T> the boxed type of the record component ({@code Double} for a {@code double}), an enum
 *     for a choice
 */
public final class SettingDescriptor<T> {
  /** How a setting's value is written, read and checked. */
  public enum Kind {
    /** A real number ({@code double}). */
    REAL,
    /** A whole number that fits an {@code int}. */
    WHOLE,
    /** A whole number that fits a {@code long} (the seed). */
    LONG,
    /** One constant of an enum, written as its id. */
    CHOICE,
    /** A set of digits 0 to 9 ({@link DigitSet}), written as a list. */
    DIGITS
  }

  private final String name;
  private final Kind kind;
  private final Class<T> type;
  private final T defaultValue;
  private final Map<HeadKind, T> perHead;
  private final Optional<Range> range;
  private final String jsonName;
  private final Optional<CliOption> option;
  private final FormControl control;
  private final Predicate<HeadKind> actsFor;
  private final boolean writtenWhenNotDefault;
  private final int component;
  private final MethodHandle accessor;

  private SettingDescriptor(Builder<T> b) {
    name = b.name;
    kind = b.kind;
    type = b.type;
    defaultValue = Objects.requireNonNull(b.defaultValue, b.name);
    perHead = Map.copyOf(b.perHead);
    range = Optional.ofNullable(b.range);
    jsonName = b.jsonName;
    option = Optional.ofNullable(b.option);
    control = b.control;
    actsFor = b.actsFor;
    writtenWhenNotDefault = b.writtenWhenNotDefault;
    component = Components.index(name);
    accessor = Components.ACCESSORS.get(component);
  }

  /** The record component's name, e.g. {@code learningRate}. */
  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The boxed type of the value; for a choice, its enum. */
  public Class<T> type() {
    return type;
  }

  /** The value of {@link Recipes#defaults()}. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The value {@link Recipes#recommendedFor} gives a head. */
  public T recommendedFor(HeadKind head) {
    return perHead.getOrDefault(head, defaultValue);
  }

  /** Whether some head's recommended value is not the default. */
  public boolean dependsOnHead() {
    return !perHead.isEmpty();
  }

  /** The numbers a number setting may take; empty for a choice, the seed and the digits. */
  public Optional<Range> range() {
    return range;
  }

  /** The field's name in settings JSON (run files, lessons, saved setups), e.g. {@code lr}. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Whether settings JSON leaves the field out when it holds the default: a setting added after
   * files were written, whose default is what those files meant, so they stay byte for byte.
   */
  public boolean writtenWhenNotDefault() {
    return writtenWhenNotDefault;
  }

  /** Its option on the command line; empty when it has none. */
  public Optional<CliOption> option() {
    return option;
  }

  /** How the window's settings panel edits it. */
  public FormControl control() {
    return control;
  }

  /** Whether the setting changes anything with this head (the margin acts for CosFace, ...). */
  public boolean actsFor(HeadKind head) {
    return head != null && actsFor.test(head);
  }

  /** This setting's value in a record. */
  public T of(Hyperparameters hp) {
    try {
      return type.cast(accessor.invoke(hp));
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** A copy of the record with this setting at {@code value} and every other setting kept. */
  public Hyperparameters with(Hyperparameters hp, T value) {
    return Components.copyWith(hp, component, value);
  }

  /**
   * A value as a teacher types it (a number with a point, a choice's id in any case), or thrown.
   *
   * @throws NumberFormatException for a number setting given something else
   * @throws IllegalArgumentException for a choice not among the choices, or the digits
   */
  public T parse(String text) {
    String v = text.strip();
    return switch (kind) {
      case REAL -> type.cast(Double.parseDouble(v));
      case WHOLE -> type.cast(Integer.parseInt(v));
      case LONG -> type.cast(Long.parseLong(v));
      case CHOICE ->
          choice(v).orElseThrow(() -> new IllegalArgumentException("not a choice: " + v));
      case DIGITS -> throw new IllegalArgumentException(name + " is not typed as one value");
    };
  }

  /** The choice of this id (any case); empty for an unknown id or a setting that is no choice. */
  public Optional<T> choice(String id) {
    if (kind != Kind.CHOICE) {
      return Optional.empty();
    }
    return parseChoice(type.asSubclass(Enum.class), id).map(type::cast);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Optional<? extends Enum<?>> parseChoice(Class<? extends Enum> type, String id) {
    return Ids.parse((Class) type, id);
  }

  /** Every choice of a choice setting, in declaration order; empty for any other. */
  public List<T> choices() {
    return kind == Kind.CHOICE ? List.of(type.getEnumConstants()) : List.of();
  }

  /**
   * The value written as a teacher reads it: a number without trailing zeros, a choice's id, the
   * digits as "2, 3, 4".
   */
  public String text(T value) {
    return switch (kind) {
      case REAL -> plain((Double) value);
      case WHOLE, LONG -> value.toString();
      case CHOICE -> Ids.of((Enum<?>) value);
      case DIGITS -> DigitSet.describe((Integer) value);
    };
  }

  /** Why a record's value of this setting cannot be trained with; empty when it can. */
  public Optional<Message> problem(Hyperparameters hp) {
    T value = of(hp);
    if (kind == Kind.CHOICE) {
      return value == null ? Optional.of(Message.of(Settings.CHOICES_PROBLEM)) : Optional.empty();
    }
    if (kind == Kind.DIGITS) {
      int bits = (Integer) value;
      return DigitSet.isTrainable(bits)
          ? Optional.empty()
          : Optional.of(Message.of("problem.known", DigitSet.describe(bits)));
    }
    return range.flatMap(r -> r.problem(((Number) value).doubleValue(), String.valueOf(value)));
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * A number as a teacher writes it: no trailing zeros, a point, no exponent for the usual range.
   */
  static String plain(double v) {
    return Double.isFinite(v)
        ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
        : String.valueOf(v);
  }

  /**
   * The numbers a setting may take, each end included or not, and the sentences that refuse the
   * others. {@code key} takes the value as typed ({0}) and the upper end ({1}); {@code upperKey},
   * when given, says a finite value above the upper end is more than training can use, with the
   * upper end ({0}) and the value ({1}).
   */
  public record Range(
      double lower,
      boolean lowerIncluded,
      double upper,
      boolean upperIncluded,
      String key,
      Optional<String> upperKey) {

    /** Within [lower, upper], both ends included. */
    public static Range closed(double lower, double upper, String key) {
      return new Range(lower, true, upper, true, key, Optional.empty());
    }

    /** Whether a number is one the setting takes. */
    public boolean contains(double v) {
      return (lowerIncluded ? v >= lower : v > lower) && (upperIncluded ? v <= upper : v < upper);
    }

    Optional<Message> problem(double v, String typed) {
      if (contains(v)) {
        return Optional.empty();
      }
      boolean aboveUpper = Double.isFinite(v) && (upperIncluded ? v > upper : v >= upper);
      if (aboveUpper && upperKey.isPresent()) {
        return Optional.of(Message.of(upperKey.get(), upper, typed));
      }
      return Optional.of(Message.of(key, typed, plain(upper)));
    }
  }

  /**
   * The setting's option on the command line.
   *
   * @param name e.g. {@code --lr}
   * @param paramLabel what the help shows for the value; empty: the choices for a choice ({@code
   *     sgd|adam}), else the setting's name in angle brackets
   * @param sweepable whether {@code sweep} takes a comma-separated list (every other command takes
   *     one value)
   */
  public record CliOption(String name, Optional<String> paramLabel, boolean sweepable) {
    /**
     * The bundle key of the option's description in the help: the command line's help key for the
     * option, shared by every command that has it.
     */
    public static String descriptionKey(SettingDescriptor<?> setting) {
      return "cli.help." + setting.option().orElseThrow().name().replaceFirst("^-+", "");
    }
  }

  /**
   * How the settings panel edits a setting. The window draws each kind with its own widget: a combo
   * box for a choice or a list, a slider for a slider, a text field for text.
   *
   * @param kind the widget
   * @param min a slider's lowest value
   * @param max a slider's highest value (the margin's slider stops below pi/2, where nothing trains
   *     well)
   * @param decimals the decimals a linear slider's value is sent with, as its label shows it
   * @param zeroBand for a log slider that can be switched off, the part of its track that means 0
   * @param values the entries of a list
   * @param problemKey for text, the sentence when it does not parse
   */
  public record FormControl(
      ControlKind kind,
      double min,
      double max,
      int decimals,
      double zeroBand,
      List<Integer> values,
      String problemKey) {
    public FormControl {
      values = List.copyOf(values);
    }

    /** Not in the settings panel: the value of the record loaded is kept. */
    public static FormControl none() {
      return new FormControl(ControlKind.NONE, 0, 0, 0, 0, List.of(), "");
    }

    /** A combo box of every choice. */
    public static FormControl choice() {
      return new FormControl(ControlKind.CHOICE, 0, 0, 0, 0, List.of(), "");
    }

    /** A linear slider whose value is sent rounded to {@code decimals}. */
    public static FormControl slider(double min, double max, int decimals) {
      return new FormControl(ControlKind.SLIDER, min, max, decimals, 0, List.of(), "");
    }

    /** A logarithmic slider: every decade the same length. */
    public static FormControl logSlider(double min, double max) {
      return new FormControl(ControlKind.LOG_SLIDER, min, max, 0, 0, List.of(), "");
    }

    /** A logarithmic slider with a switch that sends 0 (off). */
    public static FormControl switchedLogSlider(double min, double max, double zeroBand) {
      return new FormControl(ControlKind.SWITCHED_LOG_SLIDER, min, max, 0, zeroBand, List.of(), "");
    }

    /** A combo box of a few whole numbers. */
    public static FormControl list(Integer... values) {
      return new FormControl(ControlKind.LIST, 0, 0, 0, 0, List.of(values), "");
    }

    /** A text field that must parse as the setting's kind, else {@code problemKey}. */
    public static FormControl text(String problemKey) {
      return new FormControl(ControlKind.TEXT, 0, 0, 0, 0, List.of(), problemKey);
    }
  }

  /** The widgets of the settings panel. */
  public enum ControlKind {
    NONE,
    CHOICE,
    SLIDER,
    LOG_SLIDER,
    SWITCHED_LOG_SLIDER,
    LIST,
    TEXT
  }

  static <T> Builder<T> builder(String name, Kind kind, Class<T> type) {
    return new Builder<>(name, kind, type);
  }

  /** Collects a descriptor's parts; {@link Settings} makes each descriptor with one. */
  static final class Builder<T> {
    private final String name;
    private final Kind kind;
    private final Class<T> type;
    private T defaultValue;
    private final Map<HeadKind, T> perHead = new EnumMap<>(HeadKind.class);
    private Range range;
    private String jsonName;
    private CliOption option;
    private FormControl control = FormControl.none();
    private Predicate<HeadKind> actsFor = head -> true;
    private boolean writtenWhenNotDefault;

    private Builder(String name, Kind kind, Class<T> type) {
      this.name = name;
      this.kind = kind;
      this.type = type;
      this.jsonName = name;
    }

    Builder<T> defaultValue(T value) {
      defaultValue = value;
      return this;
    }

    /** The recommended value for these heads, where it is not the default. */
    Builder<T> forHeads(T value, HeadKind... heads) {
      for (HeadKind head : heads) {
        perHead.put(head, value);
      }
      return this;
    }

    Builder<T> range(Range r) {
      range = r;
      return this;
    }

    Builder<T> json(String field) {
      jsonName = field;
      return this;
    }

    Builder<T> writtenWhenNotDefault() {
      writtenWhenNotDefault = true;
      return this;
    }

    Builder<T> option(String optionName) {
      option = new CliOption(optionName, Optional.empty(), false);
      return this;
    }

    Builder<T> option(String optionName, String paramLabel) {
      option = new CliOption(optionName, Optional.of(paramLabel), false);
      return this;
    }

    Builder<T> sweepableOption(String optionName, String paramLabel) {
      option = new CliOption(optionName, Optional.ofNullable(paramLabel), true);
      return this;
    }

    Builder<T> control(FormControl c) {
      control = c;
      return this;
    }

    Builder<T> actsFor(Predicate<HeadKind> heads) {
      actsFor = heads;
      return this;
    }

    SettingDescriptor<T> build() {
      return new SettingDescriptor<>(this);
    }
  }

  /**
   * The record's components, read and copied through method handles: a setting's value and a copy
   * with one value changed, without a hand-written list of every field.
   */
  static final class Components {
    private static final RecordComponent[] COMPONENTS = Hyperparameters.class.getRecordComponents();
    static final List<MethodHandle> ACCESSORS;
    private static final MethodHandle CONSTRUCTOR;

    static {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      try {
        MethodHandle[] accessors = new MethodHandle[COMPONENTS.length];
        Class<?>[] types = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
          accessors[i] = lookup.unreflect(COMPONENTS[i].getAccessor());
          types[i] = COMPONENTS[i].getType();
        }
        ACCESSORS = List.of(accessors);
        CONSTRUCTOR =
            lookup
                .findConstructor(Hyperparameters.class, MethodType.methodType(void.class, types))
                .asSpreader(Object[].class, COMPONENTS.length);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private Components() {}

    static int count() {
      return COMPONENTS.length;
    }

    static String name(int index) {
      return COMPONENTS[index].getName();
    }

    static int index(String name) {
      for (int i = 0; i < COMPONENTS.length; i++) {
        if (COMPONENTS[i].getName().equals(name)) {
          return i;
        }
      }
      throw new IllegalArgumentException("Hyperparameters has no component " + name);
    }

    static Hyperparameters make(Object[] values) {
      try {
        return (Hyperparameters) CONSTRUCTOR.invoke(values);
      } catch (Throwable e) {
        throw new IllegalArgumentException("cannot make settings", e);
      }
    }

    static Hyperparameters copyWith(Hyperparameters hp, int index, Object value) {
      Object[] values = new Object[COMPONENTS.length];
      try {
        for (int i = 0; i < values.length; i++) {
          values[i] = i == index ? value : ACCESSORS.get(i).invoke(hp);
        }
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read settings", e);
      }
      return make(values);
    }
  }
}
