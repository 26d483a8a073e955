package lab.centerloss.ui.compare;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;
import lab.centerloss.ui.plane.PlaneViewModel;

/** One plane of the comparison: its run, its plane and its caption. */
public final class ComparePane {
  private final RunHistory history = new RunHistory();
  private final PlaneViewModel plane;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper numbers = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);

  /** The step the numbers were made for: they are made again only when the step shown changes. */
  private StepSnapshot described;

  ComparePane(ViewOptions options) {
    plane = new PlaneViewModel(history, options);
    plane.showProbedStepsOnly(
        true); // probes are rare here: points and centers of one step, as the numbers are
  }

  /**
   * A new plan: the run starts empty; a pane the plan does not use is hidden ({@code title} null).
   */
  void startRun(String runTitle) {
    history.dropIncoming();
    history.clear();
    visible.set(runTitle != null);
    title.set(runTitle == null ? "" : runTitle);
    numbers.set("");
    described = null;
  }

  /** The language changed: a new title, and the numbers made again at the next frame. */
  void retitle(String runTitle) {
    title.set(runTitle);
    described = null;
  }

  /** Makes the caption's numbers for the step shown, if it changed (a hidden pane waits). */
  void describeShownStep() {
    StepSnapshot shown = history.shownProperty().getValue();
    if (shown != described && visible.get()) {
      described = shown;
      numbers.set(
          shown == null
              ? ""
              : PaneCaptions.numbers(shown, history.probedState(shown).orElse(null)));
    }
  }

  public RunHistory history() {
    return history;
  }

  public PlaneViewModel plane() {
    return plane;
  }

  /** What this pane's run is: the setting compared. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /**
   * Its live numbers: accuracy, spread, nearest centers, their ratio (and the angle for normalized
   * heads).
   */
  public ReadOnlyStringProperty numbersProperty() {
    return numbers.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty visibleProperty() {
    return visible.getReadOnlyProperty();
  }
}
