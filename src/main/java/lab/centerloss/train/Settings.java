package lab.centerloss.train;

import static lab.centerloss.train.SettingDescriptor.Kind.CHOICE;
import static lab.centerloss.train.SettingDescriptor.Kind.DIGITS;
import static lab.centerloss.train.SettingDescriptor.Kind.LONG;
import static lab.centerloss.train.SettingDescriptor.Kind.REAL;
import static lab.centerloss.train.SettingDescriptor.Kind.WHOLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lab.centerloss.text.Message;
import lab.centerloss.train.SettingDescriptor.FormControl;
import lab.centerloss.train.SettingDescriptor.Range;

/**
 * Every setting of {@link Hyperparameters}, one descriptor each, in the record's order (which is
 * also the order of the JSON fields). The numbers and sentences of each setting live here and
 * nowhere else: {@link Hyperparameters#problems()}, the settings JSON, the command line's options
 * and the window's settings panel are all made from this list.
 */
public final class Settings {
  /** One sentence for any choice left unmade, however many. */
  static final String CHOICES_PROBLEM = "problem.choices";

  private static final HeadKind[] NORMALIZED = {
    HeadKind.NORMFACE, HeadKind.COSFACE, HeadKind.ARCFACE
  };

  public static final SettingDescriptor<ModelSize> MODEL =
      SettingDescriptor.builder("model", CHOICE, ModelSize.class)
          .defaultValue(ModelSize.LITE)
          .option("--model")
          .control(FormControl.choice())
          .build();

  /**
   * d of the feature (issue 28): 2 as in the paper's figures, where the plane is the feature; more
   * for verification of unseen classes, which a plane cannot give room to. Written to JSON only
   * when it is not 2, so that files of 2-D runs stay as they were (and a reader without it takes 2,
   * which they are).
   */
  public static final SettingDescriptor<Integer> FEATURE_DIM =
      SettingDescriptor.builder("featureDim", WHOLE, Integer.class)
          .defaultValue(2)
          .range(Range.closed(2, Hyperparameters.MAX_FEATURE_DIM, "problem.featureDim"))
          .json("feature_dim")
          .writtenWhenNotDefault()
          .option("--feature-dim", "D")
          .control(FormControl.list(2, 3, 16, 128))
          .build();

  public static final SettingDescriptor<HeadKind> HEAD =
      SettingDescriptor.builder("head", CHOICE, HeadKind.class)
          .defaultValue(HeadKind.SOFTMAX)
          .sweepableOption("--head", null)
          .control(FormControl.choice())
          .build();

  /** The margin heads train without center loss: the margin is what they teach. */
  public static final SettingDescriptor<Double> LAMBDA =
      SettingDescriptor.builder("lambda", REAL, Double.class)
          .defaultValue(0.1)
          .forHeads(0.0, NORMALIZED)
          .range(
              new Range(
                  0,
                  true,
                  Hyperparameters.MAX_LAMBDA,
                  true,
                  "problem.lambda",
                  Optional.of("problem.lambdaMax")))
          .sweepableOption("--lambda", "LAMBDA")
          .control(FormControl.switchedLogSlider(1e-4, 1, 0.04))
          .build();

  public static final SettingDescriptor<Double> ALPHA =
      SettingDescriptor.builder("alpha", REAL, Double.class)
          .defaultValue(0.5)
          .range(Range.closed(0, 1, "problem.alpha"))
          .sweepableOption("--alpha", "ALPHA")
          .control(FormControl.slider(0, 1, 2))
          .build();

  public static final SettingDescriptor<CenterRule> CENTER_RULE =
      SettingDescriptor.builder("centerRule", CHOICE, CenterRule.class)
          .defaultValue(CenterRule.PAPER)
          .json("center_rule")
          .option("--center-rule")
          .control(FormControl.choice())
          .build();

  public static final SettingDescriptor<CenterInit> CENTER_INIT =
      SettingDescriptor.builder("centerInit", CHOICE, CenterInit.class)
          .defaultValue(CenterInit.ZERO)
          .json("center_init")
          .option("--center-init")
          .control(FormControl.choice())
          .build();

  /** The normalized heads did not learn with SGD on a 2-D feature in our reference runs. */
  public static final SettingDescriptor<OptimizerKind> OPTIMIZER =
      SettingDescriptor.builder("optimizer", CHOICE, OptimizerKind.class)
          .defaultValue(OptimizerKind.SGD)
          .forHeads(OptimizerKind.ADAM, NORMALIZED)
          .option("--optimizer")
          .control(FormControl.choice())
          .build();

  public static final SettingDescriptor<Double> LEARNING_RATE =
      SettingDescriptor.builder("learningRate", REAL, Double.class)
          .defaultValue(Recipes.learningRateFor(OptimizerKind.SGD))
          .forHeads(Recipes.learningRateFor(OptimizerKind.ADAM), NORMALIZED)
          .range(
              new Range(
                  0,
                  false,
                  Hyperparameters.MAX_LEARNING_RATE,
                  true,
                  "problem.learningRate",
                  Optional.of("problem.learningRateMax")))
          .json("lr")
          .option("--lr")
          .control(FormControl.logSlider(1e-4, 0.1))
          .build();

  public static final SettingDescriptor<Integer> LEARNING_RATE_WARMUP_STEPS =
      SettingDescriptor.builder("learningRateWarmupSteps", WHOLE, Integer.class)
          .defaultValue(Recipes.WARMUP_STEPS)
          .range(Range.closed(0, Hyperparameters.MAX_WARMUP_STEPS, "problem.learningRateWarmup"))
          .json("lr_warmup")
          .option("--lr-warmup", "STEPS")
          .build();

  public static final SettingDescriptor<Double> MOMENTUM =
      SettingDescriptor.builder("momentum", REAL, Double.class)
          .defaultValue(0.9)
          .range(new Range(0, true, 1, false, "problem.momentum", Optional.empty()))
          .option("--momentum")
          .build();

  public static final SettingDescriptor<Double> WEIGHT_DECAY =
      SettingDescriptor.builder("weightDecay", REAL, Double.class)
          .defaultValue(5e-4)
          .range(
              new Range(
                  0,
                  true,
                  Hyperparameters.MAX_WEIGHT_DECAY,
                  true,
                  "problem.weightDecay",
                  Optional.of("problem.weightDecayMax")))
          .json("weight_decay")
          .option("--weight-decay")
          .build();

  public static final SettingDescriptor<Double> GRADIENT_CLIP_NORM =
      SettingDescriptor.builder("gradientClipNorm", REAL, Double.class)
          .defaultValue(Recipes.GRADIENT_CLIP)
          .range(
              new Range(
                  0,
                  true,
                  Hyperparameters.MAX_GRADIENT_CLIP,
                  true,
                  "problem.gradientClip",
                  Optional.of("problem.gradientClipMax")))
          .json("clip_grad_norm")
          .option("--clip-grad-norm", "NORM")
          .build();

  public static final SettingDescriptor<Double> SCALE =
      SettingDescriptor.builder("scale", REAL, Double.class)
          .defaultValue(16.0)
          .range(
              new Range(
                  0,
                  false,
                  Hyperparameters.MAX_SCALE,
                  true,
                  "problem.scale",
                  Optional.of("problem.scaleMax")))
          .json("s")
          .option("--s")
          .control(FormControl.slider(1, 64, 0))
          .actsFor(HeadKind::isNormalized)
          .build();

  /**
   * Radians for ArcFace, cosine units for CosFace. The slider stops at 0.8: beyond it nothing
   * trains well on a 2-D feature.
   */
  public static final SettingDescriptor<Double> MARGIN =
      SettingDescriptor.builder("margin", REAL, Double.class)
          .defaultValue(0.5)
          .forHeads(0.0, HeadKind.NORMFACE)
          .forHeads(0.1, HeadKind.COSFACE)
          .range(Range.closed(0, Hyperparameters.MAX_MARGIN, "problem.margin"))
          .json("m")
          .sweepableOption("--m", "M")
          .control(FormControl.slider(0, 0.8, 2))
          .actsFor(HeadKind::usesMargin)
          .build();

  public static final SettingDescriptor<Integer> MARGIN_WARMUP_STEPS =
      SettingDescriptor.builder("marginWarmupSteps", WHOLE, Integer.class)
          .defaultValue(0)
          .forHeads(1000, HeadKind.COSFACE, HeadKind.ARCFACE)
          .range(Range.closed(0, Hyperparameters.MAX_WARMUP_STEPS, "problem.marginWarmup"))
          .json("margin_warmup")
          .option("--margin-warmup", "STEPS")
          .control(FormControl.list(0, 250, 500, 1000, 1500, 2000, 3000))
          .build();

  public static final SettingDescriptor<Integer> BATCH_SIZE =
      SettingDescriptor.builder("batchSize", WHOLE, Integer.class)
          .defaultValue(128)
          .range(Range.closed(1, Hyperparameters.MAX_BATCH_SIZE, "problem.batchSize"))
          .json("batch_size")
          .option("--batch-size")
          .control(FormControl.list(32, 64, 128, 256))
          .build();

  public static final SettingDescriptor<Long> SEED =
      SettingDescriptor.builder("seed", LONG, Long.class)
          .defaultValue(1L)
          .option("--seed")
          .control(FormControl.text("form.seedNotNumber"))
          .build();

  /** All ten: the closed set; fewer: the open-set protocol. */
  public static final SettingDescriptor<Integer> KNOWN_DIGITS =
      SettingDescriptor.builder("knownDigits", DIGITS, Integer.class)
          .defaultValue(DigitSet.ALL)
          .json("known")
          .option("--known", "DIGITS")
          .build();

  /** Every setting, in the record's order. */
  public static final List<SettingDescriptor<?>> ALL =
      List.of(
          MODEL,
          FEATURE_DIM,
          HEAD,
          LAMBDA,
          ALPHA,
          CENTER_RULE,
          CENTER_INIT,
          OPTIMIZER,
          LEARNING_RATE,
          LEARNING_RATE_WARMUP_STEPS,
          MOMENTUM,
          WEIGHT_DECAY,
          GRADIENT_CLIP_NORM,
          SCALE,
          MARGIN,
          MARGIN_WARMUP_STEPS,
          BATCH_SIZE,
          SEED,
          KNOWN_DIGITS);

  private static final Hyperparameters DEFAULTS = make(Settings::defaultOf);

  private Settings() {}

  /** The record of every setting's default. */
  static Hyperparameters defaults() {
    return DEFAULTS;
  }

  /** The record of every setting's value for a head ({@link SettingDescriptor#recommendedFor}). */
  static Hyperparameters recommendedFor(HeadKind head) {
    return make(setting -> setting == HEAD ? head : setting.recommendedFor(head));
  }

  private static Object defaultOf(SettingDescriptor<?> setting) {
    return setting.defaultValue();
  }

  private static Hyperparameters make(Function<SettingDescriptor<?>, ?> value) {
    Object[] values = new Object[SettingDescriptor.Components.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.apply(named(SettingDescriptor.Components.name(i)));
    }
    return SettingDescriptor.Components.make(values);
  }

  /**
   * The descriptor of a record component.
   *
   * @throws IllegalArgumentException when there is none (a component added without its descriptor)
   */
  public static SettingDescriptor<?> named(String name) {
    for (SettingDescriptor<?> setting : ALL) {
      if (setting.name().equals(name)) {
        return setting;
      }
    }
    throw new IllegalArgumentException("no descriptor for the setting " + name);
  }

  /** One sentence per impossible value, unmade choices first; empty when all can be trained. */
  static List<Message> problems(Hyperparameters hp) {
    List<Message> problems = new ArrayList<>();
    for (SettingDescriptor<?> setting : ALL) {
      setting
          .problem(hp)
          .ifPresent(
              problem -> {
                if (problem.key().equals(CHOICES_PROBLEM)) {
                  if (!problems.contains(problem)) {
                    problems.add(0, problem);
                  }
                } else {
                  problems.add(problem);
                }
              });
    }
    return problems;
  }
}
