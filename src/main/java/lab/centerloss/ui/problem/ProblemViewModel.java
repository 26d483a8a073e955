package lab.centerloss.ui.problem;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import lab.centerloss.train.TrainerStatus.State;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;

/**
 * What lies over the plane when something stands in the way: libtorch loading, a folder without
 * data, a run that diverged, libtorch failing; each with the one way out it offers. Before the
 * first step, a line on what Play will do. The trainer's sentence follows the language by itself.
 */
public final class ProblemViewModel {
  private final LiveTraining training;
  private final BooleanBinding diverged;
  private final BooleanBinding noData;
  private final BooleanBinding failed;
  private final BooleanBinding loading;
  private final BooleanBinding beforeFirstStep;
  private final StringBinding problemText;

  public ProblemViewModel(LiveTraining training, RunHistory history) {
    this.training = training;
    diverged = training.stateProperty().isEqualTo(State.DIVERGED);
    noData = training.stateProperty().isEqualTo(State.NO_DATA);
    failed = training.stateProperty().isEqualTo(State.FAILED);
    loading = training.stateProperty().isEqualTo(State.LOADING);
    beforeFirstStep =
        training
            .stateProperty()
            .isEqualTo(State.PAUSED)
            .and(history.latestProperty().isNull())
            .and(history.originProperty().isNotNull());
    problemText =
        Bindings.createStringBinding(
            () ->
                diverged.get() || noData.get() || failed.get()
                    ? training.statusTextProperty().get()
                    : "",
            diverged,
            noData,
            failed,
            training.statusTextProperty());
  }

  public void reset() {
    training.reset();
  }

  public void restart() {
    training.restart();
  }

  public void useDataFolder(Path folder) {
    training.useDataFolder(folder);
  }

  public LiveTraining training() {
    return training;
  }

  public StringBinding problemTextProperty() {
    return problemText;
  }

  public BooleanBinding divergedProperty() {
    return diverged;
  }

  /** The data could not be read: another folder is the way out. */
  public BooleanBinding noDataProperty() {
    return noData;
  }

  /** libtorch failed: a new trainer is the way out. */
  public BooleanBinding failedProperty() {
    return failed;
  }

  public BooleanBinding loadingProperty() {
    return loading;
  }

  public BooleanBinding beforeFirstStepProperty() {
    return beforeFirstStep;
  }
}
