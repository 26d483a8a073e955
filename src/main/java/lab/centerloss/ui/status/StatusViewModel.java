package lab.centerloss.ui.status;

import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.centerloss.text.Messages;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;

/**
 * The status bar: the trainer's state and device, the pace, and where the run stands, each in the
 * language the window speaks (they follow it).
 */
public final class StatusViewModel {
  private static final long RATE_WINDOW_NANOS = 2_000_000_000L;
  private final LiveTraining training;
  private final RunHistory history;
  private final StringBinding stateText;
  private final StringBinding progressText;
  private final StringBinding progressTip;
  private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper("");
  private final Deque<long[]> recentSteps = new ArrayDeque<>();

  public StatusViewModel(LiveTraining training, RunHistory history) {
    this.training = training;
    this.history = history;
    stateText =
        Bindings.createStringBinding(
            () -> Messages.label(training.stateProperty().get()),
            training.stateProperty(),
            training.language());
    progressText =
        Bindings.createStringBinding(
            this::progress,
            history.shownProperty(),
            history.latestProperty(),
            history.cursorProperty(),
            training.language());
    progressTip =
        Bindings.createStringBinding(
            () -> {
              StepSnapshot shown = history.shownProperty().getValue();
              return shown == null || shown.probe().isEmpty()
                  ? Messages.text("status.accuracyTipNone")
                  : Messages.text(
                      "status.accuracyTip",
                      shown.probe().get().labels().size(),
                      shown.probe().get().step());
            },
            history.shownProperty(),
            training.language());
    training
        .runningProperty()
        .addListener(
            (o, was, running) -> {
              if (!running) {
                recentSteps.clear();
                rateText.set("");
              }
            });
  }

  /**
   * "step 120 · epoch 1 · probe accuracy 93.5%", and which step is shown when it is not the latest.
   */
  private String progress() {
    StepSnapshot shown = history.shownProperty().getValue();
    StepSnapshot latest = history.latestProperty().get();
    if (shown == null) {
      return Messages.text("status.stepZero");
    }
    String accuracy =
        shown
            .probe()
            .map(p -> Messages.text("status.percent", 100 * p.accuracy()))
            .orElse(Messages.text("status.none"));
    String text = Messages.text("status.progress", shown.step(), shown.epoch(), accuracy);
    if (latest != null && shown.step() != latest.step()) {
      text += Messages.text("status.ofLatest", latest.step());
    }
    return text;
  }

  /** Measures the pace over the last two seconds; called once a frame. */
  public void onFrame(long now) {
    StepSnapshot latest = history.latestProperty().get();
    if (latest == null || !training.runningProperty().get()) {
      return;
    }
    if (recentSteps.isEmpty() || recentSteps.peekLast()[1] != latest.step()) {
      recentSteps.addLast(new long[] {now, latest.step()});
    }
    while (recentSteps.size() > 2 && now - recentSteps.peekFirst()[0] > RATE_WINDOW_NANOS) {
      recentSteps.removeFirst();
    }
    long[] first = recentSteps.peekFirst();
    long[] last = recentSteps.peekLast();
    double seconds = (last[0] - first[0]) / 1e9;
    if (recentSteps.size() >= 2 && seconds > 0.2) {
      rateText.set(Messages.text("status.rate", (last[1] - first[1]) / seconds));
    }
  }

  public LiveTraining training() {
    return training;
  }

  public StringBinding stateTextProperty() {
    return stateText;
  }

  public StringBinding progressTextProperty() {
    return progressText;
  }

  /** What the probe accuracy is measured on: how many test images, after which step. */
  public StringBinding progressTipProperty() {
    return progressTip;
  }

  public ReadOnlyStringProperty rateTextProperty() {
    return rateText.getReadOnlyProperty();
  }
}
