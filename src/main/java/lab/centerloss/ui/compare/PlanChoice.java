package lab.centerloss.ui.compare;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OneChange;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Trainer;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;

/**
 * What the teacher picks for a comparison (a preset, or "copy this run and change one thing" with
 * the setting and its new value; from the seed or from the step shown) and the runs that makes,
 * from the live run's settings.
 */
final class PlanChoice {
  private final LiveTraining live;
  private final RunHistory liveHistory;
  private final ObjectProperty<ComparisonPreset> preset =
      new SimpleObjectProperty<>(ComparisonPreset.LAMBDA);

  /** For "copy this run and change one thing": the setting, and the value the copy takes. */
  private final ObjectProperty<OneChange.Setting> changedSetting =
      new SimpleObjectProperty<>(OneChange.Setting.LAMBDA);

  private final StringProperty changedValue = new SimpleStringProperty("");
  private final BooleanProperty fromShownStep = new SimpleBooleanProperty(false);

  PlanChoice(LiveTraining live, RunHistory liveHistory) {
    this.live = live;
    this.liveHistory = liveHistory;
    changedValue.set(offeredValue(changedSetting.get()));
    changedSetting.addListener((o, was, now) -> changedValue.set(offeredValue(now)));
  }

  /**
   * A plan the trainer can build, with what its panes are called.
   *
   * @param plan the runs; null when the choice was refused (the notice says why)
   * @param notice a sentence to show once, or empty: why the runs could not start from the step
   *     shown (they start from the seed instead), or why the change was refused
   */
  record Chosen(Comparison.Plan plan, ComparisonPreset preset, OneChange change, String notice) {
    /** What pane {@code pane}'s run is, by the setting the plan changes. */
    String title(int pane) {
      Hyperparameters hp = plan.runs().get(plan.trainAndTest() ? 0 : pane);
      if (change != null) {
        OneChange.Setting setting = change.setting();
        return Messages.text(
            pane == 0 ? "compare.title.original" : "compare.title.copy",
            Messages.label(setting),
            PaneCaptions.valueLabel(setting, setting.of(hp)));
      }
      return PaneCaptions.title(preset, hp, pane);
    }

    /** Where the runs start: the seed, or a step of the run shown (as siblings of it). */
    String startText() {
      return plan.start().isPresent()
          ? Messages.text("compare.siblings", plan.firstStep())
          : Messages.text("compare.fromSeed");
    }
  }

  /**
   * The runs of the chosen preset from the live run's settings (or, from the step shown, from that
   * step's settings, re-trained exactly to it so that the runs are its siblings).
   */
  Chosen choose() {
    String notice = "";
    Hyperparameters base = live.hyperparametersProperty().get();
    Optional<Trainer.BranchRequest> start = Optional.empty();
    if (fromShownStep.get()) {
      StepSnapshot shown = liveHistory.shownProperty().getValue();
      if (shown != null) {
        LiveTraining.BranchPoint point = live.branchPointAt(shown.step());
        if (point.problem() != null) {
          notice = point.problem().render();
        } else {
          start = Optional.of(point.request());
          base = shown.hyperparameters();
        }
      }
    }
    ComparisonPreset chosen = preset.get();
    List<Hyperparameters> runs = chosen.runs(base);
    OneChange change = null;
    if (chosen.needsChange()) {
      change =
          new OneChange(changedSetting.get(), Objects.requireNonNullElse(changedValue.get(), ""));
      Optional<Message> problem = change.problem(base);
      if (problem.isPresent()) {
        return new Chosen(null, chosen, change, problem.get().render());
      }
      runs = change.runs(base);
    }
    return new Chosen(
        new Comparison.Plan(runs, chosen.trainAndTest(), start), chosen, change, notice);
  }

  /**
   * The value first offered for a setting: the first of its choices that differs from the live
   * run's own, so that "Apply" at once compares something.
   */
  private String offeredValue(OneChange.Setting setting) {
    String own = setting.of(live.hyperparametersProperty().get());
    return setting.choices().stream().filter(v -> !v.equals(own)).findFirst().orElse(own);
  }

  ObjectProperty<ComparisonPreset> presetProperty() {
    return preset;
  }

  ObjectProperty<OneChange.Setting> changedSettingProperty() {
    return changedSetting;
  }

  StringProperty changedValueProperty() {
    return changedValue;
  }

  BooleanProperty fromShownStepProperty() {
    return fromShownStep;
  }
}
