package lab.centerloss.ui.controls;

import java.util.List;
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

/**
 * The settings as the controls hold them, turned into the immutable record and back. Each control
 * edits one property; the record is a pure function of them all and is published whenever it is
 * valid. Loading a record sets the properties; nothing reacts to a property by setting another, so
 * no change can echo. Choosing a head is a command of its own, because it also applies that head's
 * recommended settings.
 */
public final class HyperparameterForm {
  public static final SliderScale LAMBDA_SCALE = SliderScale.logWithZero(1e-4, 1, 0.04);
  public static final SliderScale LEARNING_RATE_SCALE = SliderScale.log(1e-4, 0.1);

  /** The margin slider's range in radians (ArcFace) or cosine units (CosFace). */
  public static final double MAX_MARGIN = 0.8;

  public static final List<Integer> BATCH_SIZES = List.of(32, 64, 128, 256);
  public static final List<Integer> WARMUP_STEPS = List.of(0, 250, 500, 1000, 1500, 2000, 3000);

  private Hyperparameters base;
  private final ObjectProperty<HeadKind> head = new SimpleObjectProperty<>();
  private final BooleanProperty centerLoss = new SimpleBooleanProperty();
  private final DoubleProperty lambdaPosition = new SimpleDoubleProperty();
  private final DoubleProperty alpha = new SimpleDoubleProperty();
  private final ObjectProperty<CenterRule> centerRule = new SimpleObjectProperty<>();
  private final ObjectProperty<CenterInit> centerInit = new SimpleObjectProperty<>();
  private final DoubleProperty learningRatePosition = new SimpleDoubleProperty();
  private final ObjectProperty<OptimizerKind> optimizer = new SimpleObjectProperty<>();
  private final DoubleProperty margin = new SimpleDoubleProperty();
  private final DoubleProperty scale = new SimpleDoubleProperty();
  private final ObjectProperty<Integer> marginWarmup = new SimpleObjectProperty<>(0);
  private final ObjectProperty<ModelSize> model = new SimpleObjectProperty<>();
  private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>();
  private final StringProperty seedText = new SimpleStringProperty("");

  private final ReadOnlyObjectWrapper<Hyperparameters> record = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

  public HyperparameterForm(Hyperparameters initial) {
    load(initial);
    for (Observable control :
        List.of(
            head,
            centerLoss,
            lambdaPosition,
            alpha,
            centerRule,
            centerInit,
            learningRatePosition,
            optimizer,
            margin,
            scale,
            marginWarmup,
            model,
            batchSize,
            seedText)) {
      control.addListener(o -> recompute());
    }
  }

  /** Shows a record in the controls (at start, or a record from elsewhere). */
  public void load(Hyperparameters hp) {
    base = hp.validated();
    head.set(hp.head());
    centerLoss.set(hp.lambda() > 0);
    lambdaPosition.set(LAMBDA_SCALE.toPosition(hp.lambda() > 0 ? hp.lambda() : 0.1));
    alpha.set(hp.alpha());
    centerRule.set(hp.centerRule());
    centerInit.set(hp.centerInit());
    learningRatePosition.set(LEARNING_RATE_SCALE.toPosition(hp.learningRate()));
    optimizer.set(hp.optimizer());
    margin.set(Math.min(MAX_MARGIN, hp.margin()));
    scale.set(hp.scale());
    marginWarmup.set(hp.marginWarmupSteps());
    model.set(hp.model());
    batchSize.set(hp.batchSize());
    seedText.set(Long.toString(hp.seed()));
    recompute();
  }

  /**
   * Switches the head and applies its recommended settings from the one source the command line
   * uses too ({@link Hyperparameters#recommendedFor}); says in one sentence what it applied.
   * Choosing the head in force changes nothing.
   */
  public Optional<Message> chooseHead(HeadKind chosen) {
    if (chosen == null || chosen == head.get()) {
      return Optional.empty();
    }
    Hyperparameters recommended = Hyperparameters.recommendedFor(chosen);
    head.set(chosen);
    optimizer.set(recommended.optimizer());
    learningRatePosition.set(LEARNING_RATE_SCALE.toPosition(recommended.learningRate()));
    centerLoss.set(recommended.lambda() > 0);
    if (recommended.lambda() > 0) {
      lambdaPosition.set(LAMBDA_SCALE.toPosition(recommended.lambda()));
    }
    if (chosen.usesMargin()) {
      margin.set(recommended.margin());
    }
    marginWarmup.set(recommended.marginWarmupSteps());
    return Optional.of(recommendationNotice(recommended));
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
    Optional<Long> seed = parseSeed();
    if (seed.isEmpty()) {
      problem.set(Message.of("form.seedNotNumber").render());
      return;
    }
    Hyperparameters hp =
        base.toBuilder()
            .head(head.get())
            .lambda(centerLoss.get() ? lambda() : 0)
            .alpha(hundredths(alpha.get()))
            .centerRule(centerRule.get())
            .centerInit(centerInit.get())
            .optimizer(optimizer.get())
            .learningRate(learningRate())
            .margin(hundredths(margin.get()))
            .scale(Math.rint(scale.get()))
            .marginWarmupSteps(marginWarmup.get() == null ? 0 : marginWarmup.get())
            .model(model.get())
            .batchSize(batchSize.get() == null ? 0 : batchSize.get())
            .seed(seed.get())
            .build();
    List<Message> problems = hp.problems();
    if (!problems.isEmpty()) {
      problem.set(problems.get(0).render());
      return;
    }
    problem.set("");
    record.set(hp);
  }

  /** Values go out as their labels show them: alpha and m to two decimals, s whole. */
  static double hundredths(double value) {
    return Math.rint(value * 100) / 100;
  }

  private Optional<Long> parseSeed() {
    try {
      return Optional.of(Long.parseLong(seedText.get().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public double lambda() {
    return LAMBDA_SCALE.toValue(lambdaPosition.get());
  }

  public double learningRate() {
    return LEARNING_RATE_SCALE.toValue(learningRatePosition.get());
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
    return Bindings.createBooleanBinding(centerLoss::get, centerLoss);
  }

  /** Whether the margin m acts: CosFace and ArcFace. */
  public BooleanBinding marginActs() {
    return Bindings.createBooleanBinding(() -> head.get() != null && head.get().usesMargin(), head);
  }

  /** Whether the scale s acts: the normalized heads. */
  public BooleanBinding scaleActs() {
    return Bindings.createBooleanBinding(
        () -> head.get() != null && head.get().isNormalized(), head);
  }

  public ObjectProperty<HeadKind> headProperty() {
    return head;
  }

  public BooleanProperty centerLossProperty() {
    return centerLoss;
  }

  public DoubleProperty lambdaPositionProperty() {
    return lambdaPosition;
  }

  public DoubleProperty alphaProperty() {
    return alpha;
  }

  public ObjectProperty<CenterRule> centerRuleProperty() {
    return centerRule;
  }

  public ObjectProperty<CenterInit> centerInitProperty() {
    return centerInit;
  }

  public DoubleProperty learningRatePositionProperty() {
    return learningRatePosition;
  }

  public ObjectProperty<OptimizerKind> optimizerProperty() {
    return optimizer;
  }

  public DoubleProperty marginProperty() {
    return margin;
  }

  public DoubleProperty scaleProperty() {
    return scale;
  }

  public ObjectProperty<Integer> marginWarmupProperty() {
    return marginWarmup;
  }

  public ObjectProperty<ModelSize> modelProperty() {
    return model;
  }

  public ObjectProperty<Integer> batchSizeProperty() {
    return batchSize;
  }

  public StringProperty seedTextProperty() {
    return seedText;
  }

  /** The latest valid record the controls describe. */
  public ReadOnlyObjectProperty<Hyperparameters> recordProperty() {
    return record.getReadOnlyProperty();
  }

  /** Why the controls do not describe a valid record now, or empty. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }
}
