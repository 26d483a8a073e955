package lab.centerloss.ui.controls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.CenterInit;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.Recipes;
import lab.centerloss.train.SettingDescriptor;
import lab.centerloss.train.SettingDescriptor.ControlKind;
import lab.centerloss.train.SettingDescriptor.FormControl;
import lab.centerloss.train.Settings;

/**
 * The settings as the controls hold them, turned into the immutable record and back. Each setting
 * that has a control ({@link SettingDescriptor#control()}) gets one field here, of its control's
 * kind; a setting without one keeps the value of the record loaded. Each control edits one
 * property; the record is a pure function of them all and is published whenever it is valid.
 * Loading a record sets the properties; nothing reacts to a property by setting another, so no
 * change can echo. Choosing a head is a command of its own, because it also applies that head's
 * recommended settings.
 */
public final class HyperparameterForm {
  public static final SliderScale LAMBDA_SCALE = scale(Settings.LAMBDA.control());
  public static final SliderScale LEARNING_RATE_SCALE = scale(Settings.LEARNING_RATE.control());

  /** The margin slider's range in radians (ArcFace) or cosine units (CosFace). */
  public static final double MAX_MARGIN = Settings.MARGIN.control().max();

  public static final List<Integer> BATCH_SIZES = Settings.BATCH_SIZE.control().values();

  /** The feature sizes the panel offers (another, from a file or the command line, still shows). */
  public static final List<Integer> FEATURE_DIMS = Settings.FEATURE_DIM.control().values();

  public static final List<Integer> WARMUP_STEPS = Settings.MARGIN_WARMUP_STEPS.control().values();

  private Hyperparameters base;
  private final Map<SettingDescriptor<?>, Field<?>> fields = new LinkedHashMap<>();
  private final ReadOnlyObjectWrapper<Hyperparameters> record = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  public HyperparameterForm(Hyperparameters initial) {
    for (SettingDescriptor<?> setting : Settings.ALL) {
      field(setting).ifPresent(field -> fields.put(setting, field));
    }
    load(initial);
    for (Field<?> field : fields.values()) {
      for (Observable control : field.properties()) {
        control.addListener(o -> recompute());
      }
    }
  }

  /** Shows a record in the controls (at start, or a record from elsewhere). */
  public void load(Hyperparameters hp) {
    base = hp.validated();
    for (Field<?> field : fields.values()) {
      load(field, hp);
    }
    recompute();
  }

  private static <T> void load(Field<T> field, Hyperparameters hp) {
    field.load(field.setting.of(hp));
  }

  /**
   * Switches the head and applies its recommended settings from the one source the command line
   * uses too ({@link Recipes#recommendedFor}): every setting whose recommendation depends on the
   * head and that acts for the chosen one (a head without a margin leaves the margin where it was).
   * Says in one sentence what it applied. Choosing the head in force changes nothing.
   */
  public Optional<Message> chooseHead(HeadKind chosen) {
    if (chosen == null || chosen == headProperty().get()) {
      return Optional.empty();
    }
    Hyperparameters recommended = Recipes.recommendedFor(chosen);
    headProperty().set(chosen);
    for (Field<?> field : fields.values()) {
      if (field.setting.dependsOnHead() && field.setting.actsFor(chosen)) {
        recommend(field, recommended);
      }
    }
    return Optional.of(recommendationNotice(recommended));
  }

  private static <T> void recommend(Field<T> field, Hyperparameters recommended) {
    field.recommend(field.setting.of(recommended));
  }

  /** "ArcFace: Adam 0.001, margin warm-up 1,000 steps, center loss off; change any of them." */
  static Message recommendationNotice(Hyperparameters hp) {
    return Message.of(
        "form.recommended",
        Messages.label(hp.head()),
        Messages.label(hp.optimizer()),
        shortNumber(hp.learningRate()),
        hp.marginWarmupSteps(),
        hp.lambda() > 0
            ? Message.of("form.centerLossOn", shortNumber(hp.lambda())).render()
            : Message.of("form.centerLossOff").render());
  }

  private void recompute() {
    Hyperparameters hp = base;
    for (Field<?> field : fields.values()) {
      Optional<Hyperparameters> next = apply(field, hp);
      if (next.isEmpty()) {
        problem.set(field.problem().render());
        return;
      }
      hp = next.get();
    }
    List<Message> problems = hp.problems();
    if (!problems.isEmpty()) {
      problem.set(problems.get(0).render());
      return;
    }
    problem.set("");
    record.set(hp);
  }

  /** The record with the field's value; empty when the field does not hold a value now. */
  private static <T> Optional<Hyperparameters> apply(Field<T> field, Hyperparameters hp) {
    return field.readable() ? Optional.of(field.setting.with(hp, field.value())) : Optional.empty();
  }

  /** Values go out as their labels show them: alpha and m to two decimals, s whole. */
  static double rounded(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.rint(value * scale) / scale;
  }

  public double lambda() {
    return LAMBDA_SCALE.toValue(lambdaPositionProperty().get());
  }

  public double learningRate() {
    return LEARNING_RATE_SCALE.toValue(learningRatePositionProperty().get());
  }

  /** 0.1, 0.003, 1.0e-4: short, and without float noise. */
  static String shortNumber(double value) {
    return PlaneScenes.shortNumber(value);
  }

  /**
   * Whether lambda acts: only with center loss on. Alpha is not tied to it: the centers follow the
   * features at every step (Wen et al. 2016, Algorithm 1, line 6) whether or not they pull them.
   */
  public BooleanBinding centerLossActs() {
    BooleanProperty on = centerLossProperty();
    return Bindings.createBooleanBinding(on::get, on);
  }

  /** Whether the margin m acts: CosFace and ArcFace. */
  public BooleanBinding marginActs() {
    return acts(Settings.MARGIN);
  }

  /** Whether the scale s acts: the normalized heads. */
  public BooleanBinding scaleActs() {
    return acts(Settings.SCALE);
  }

  private BooleanBinding acts(SettingDescriptor<?> setting) {
    ObjectProperty<HeadKind> head = headProperty();
    return Bindings.createBooleanBinding(() -> setting.actsFor(head.get()), head);
  }

  public ObjectProperty<HeadKind> headProperty() {
    return choice(Settings.HEAD);
  }

  public BooleanProperty centerLossProperty() {
    return ((SwitchedLogSliderField) fields.get(Settings.LAMBDA)).on;
  }

  public DoubleProperty lambdaPositionProperty() {
    return ((SwitchedLogSliderField) fields.get(Settings.LAMBDA)).position;
  }

  public DoubleProperty alphaProperty() {
    return slider(Settings.ALPHA);
  }

  public ObjectProperty<CenterRule> centerRuleProperty() {
    return choice(Settings.CENTER_RULE);
  }

  public ObjectProperty<CenterInit> centerInitProperty() {
    return choice(Settings.CENTER_INIT);
  }

  public DoubleProperty learningRatePositionProperty() {
    return ((LogSliderField) fields.get(Settings.LEARNING_RATE)).position;
  }

  public ObjectProperty<OptimizerKind> optimizerProperty() {
    return choice(Settings.OPTIMIZER);
  }

  public DoubleProperty marginProperty() {
    return slider(Settings.MARGIN);
  }

  public DoubleProperty scaleProperty() {
    return slider(Settings.SCALE);
  }

  public ObjectProperty<Integer> marginWarmupProperty() {
    return ((ListField) fields.get(Settings.MARGIN_WARMUP_STEPS)).value;
  }

  public ObjectProperty<ModelSize> modelProperty() {
    return choice(Settings.MODEL);
  }

  /** d of the feature: a change builds the run again, as a new model size does. */
  public ObjectProperty<Integer> featureDimProperty() {
    return ((ListField) fields.get(Settings.FEATURE_DIM)).value;
  }

  public ObjectProperty<Integer> batchSizeProperty() {
    return ((ListField) fields.get(Settings.BATCH_SIZE)).value;
  }

  public StringProperty seedTextProperty() {
    return ((TextField<?>) fields.get(Settings.SEED)).text;
  }

  @SuppressWarnings("unchecked")
  private <T> ObjectProperty<T> choice(SettingDescriptor<T> setting) {
    return ((ChoiceField<T>) fields.get(setting)).value;
  }

  private DoubleProperty slider(SettingDescriptor<Double> setting) {
    return ((SliderField) fields.get(setting)).value;
  }

  /** The latest valid record the controls describe. */
  public ReadOnlyObjectProperty<Hyperparameters> recordProperty() {
    return record.getReadOnlyProperty();
  }

  /** Why the controls do not describe a valid record now, or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  private static SliderScale scale(FormControl control) {
    return control.kind() == ControlKind.SWITCHED_LOG_SLIDER
        ? SliderScale.logWithZero(control.min(), control.max(), control.zeroBand())
        : SliderScale.log(control.min(), control.max());
  }

  /** The field a setting's control kind asks for; empty for a setting not in the panel. */
  @SuppressWarnings("unchecked")
  private static Optional<Field<?>> field(SettingDescriptor<?> setting) {
    FormControl control = setting.control();
    return Optional.ofNullable(
        switch (control.kind()) {
          case NONE -> null;
          case CHOICE -> new ChoiceField<>(setting);
          case SLIDER -> new SliderField((SettingDescriptor<Double>) setting);
          case LOG_SLIDER -> new LogSliderField((SettingDescriptor<Double>) setting);
          case SWITCHED_LOG_SLIDER ->
              new SwitchedLogSliderField((SettingDescriptor<Double>) setting);
          case LIST -> new ListField((SettingDescriptor<Integer>) setting);
          case TEXT -> new TextField<>(setting);
        });
  }

  /** The properties one setting's control edits, and how its value goes in and comes out. */
  private abstract static class Field<T> {
    final SettingDescriptor<T> setting;

    Field(SettingDescriptor<T> setting) {
      this.setting = setting;
    }

    abstract List<Observable> properties();

    /** Shows a record's value. */
    abstract void load(T value);

    /** Shows a head's recommended value ({@link #chooseHead}). */
    void recommend(T value) {
      load(value);
    }

    /** Whether the control describes a value now; when not, {@link #problem()} says why. */
    boolean readable() {
      return true;
    }

    /**
     * The value the control describes, when {@link #readable()}; an unmade choice is null, which
     * the record's problems() name.
     */
    abstract T value();

    Message problem() {
      return Message.of(setting.control().problemKey());
    }
  }

  private static final class ChoiceField<T> extends Field<T> {
    final ObjectProperty<T> value = new SimpleObjectProperty<>();

    ChoiceField(SettingDescriptor<T> setting) {
      super(setting);
    }

    @Override
    List<Observable> properties() {
      return List.of(value);
    }

    @Override
    void load(T v) {
      value.set(v);
    }

    @Override
    T value() {
      return value.get();
    }
  }

  /** A linear slider, its value sent rounded to the decimals its label shows. */
  private static final class SliderField extends Field<Double> {
    final DoubleProperty value = new SimpleDoubleProperty();

    SliderField(SettingDescriptor<Double> setting) {
      super(setting);
    }

    @Override
    List<Observable> properties() {
      return List.of(value);
    }

    @Override
    void load(Double v) {
      FormControl control = setting.control();
      value.set(Math.max(control.min(), Math.min(control.max(), v)));
    }

    @Override
    Double value() {
      return rounded(value.get(), setting.control().decimals());
    }
  }

  private static final class LogSliderField extends Field<Double> {
    final DoubleProperty position = new SimpleDoubleProperty();
    final SliderScale scale;

    LogSliderField(SettingDescriptor<Double> setting) {
      super(setting);
      scale = scale(setting.control());
    }

    @Override
    List<Observable> properties() {
      return List.of(position);
    }

    @Override
    void load(Double v) {
      position.set(scale.toPosition(v));
    }

    @Override
    Double value() {
      return scale.toValue(position.get());
    }
  }

  /**
   * A log slider with a switch: off sends 0 and leaves the slider where it was, so switching back
   * on returns to the same value.
   */
  private static final class SwitchedLogSliderField extends Field<Double> {
    final BooleanProperty on = new SimpleBooleanProperty();
    final DoubleProperty position = new SimpleDoubleProperty();
    final SliderScale scale;

    SwitchedLogSliderField(SettingDescriptor<Double> setting) {
      super(setting);
      scale = scale(setting.control());
    }

    @Override
    List<Observable> properties() {
      return List.of(on, position);
    }

    @Override
    void load(Double v) {
      on.set(v > 0);
      // off: the slider waits at the default, where switching on starts
      position.set(scale.toPosition(v > 0 ? v : setting.defaultValue()));
    }

    @Override
    void recommend(Double v) {
      on.set(v > 0);
      if (v > 0) {
        position.set(scale.toPosition(v));
      }
    }

    @Override
    Double value() {
      return on.get() ? scale.toValue(position.get()) : 0.0;
    }
  }

  /** A combo box of a few whole numbers; none chosen sends 0, which the record refuses. */
  private static final class ListField extends Field<Integer> {
    final ObjectProperty<Integer> value = new SimpleObjectProperty<>();

    ListField(SettingDescriptor<Integer> setting) {
      super(setting);
    }

    @Override
    List<Observable> properties() {
      return List.of(value);
    }

    @Override
    void load(Integer v) {
      value.set(v);
    }

    @Override
    Integer value() {
      return value.get() == null ? 0 : value.get();
    }
  }

  private static final class TextField<T> extends Field<T> {
    final StringProperty text = new SimpleStringProperty("");

    TextField(SettingDescriptor<T> setting) {
      super(setting);
    }

    @Override
    List<Observable> properties() {
      return List.of(text);
    }

    @Override
    void load(T v) {
      text.set(setting.text(v));
    }

    @Override
    boolean readable() {
      try {
        setting.parse(text.get());
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    @Override
    T value() {
      return setting.parse(text.get());
    }
  }
}
