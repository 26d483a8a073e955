package lab.centerloss.ui.stepthrough;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.text.Messages;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.WhileShown;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.ViewOptions;

/**
 * Walks a class through one step of Wen et al. (ECCV 2016), Algorithm 1, in four phases, on the
 * step the run history's cursor shows: the batch; the pull of center loss on the features; the move
 * of every center by the rule in force; the plane after, where the network moved the features while
 * the rule moved the centers. Every number comes from that step's snapshot.
 */
public final class StepThroughViewModel {
  /** The four phases of one update. */
  public enum Phase {
    BATCH,
    PULL,
    UPDATE,
    AFTER;

    public int number() {
      return ordinal() + 1;
    }
  }

  private final RunHistory history;
  private final LiveTraining training;
  private final ViewOptions options;
  private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.BATCH);
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
  private final BooleanProperty allArrows = new SimpleBooleanProperty(true);
  private final ObservableList<CenterUpdateRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper lossesText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper ruleText = new ReadOnlyStringWrapper("");
  private StepSnapshot rowsOf;
  private final WhileShown refreshing = new WhileShown(this::refresh);

  public StepThroughViewModel(RunHistory history, LiveTraining training, ViewOptions options) {
    this.history = history;
    this.training = training;
    this.options = options;
    training
        .singleStepDoneProperty()
        .addListener(
            (o, was, step) -> {
              if (step != null) {
                showStep(step.step());
              }
            });
    training
        .runningProperty()
        .addListener(
            (o, was, running) -> {
              if (running) {
                leave();
              }
            });
    history.shownProperty().addListener((o, was, now) -> refreshing.request());
    phase.addListener((o, was, now) -> refreshing.request());
    options.selectedClassProperty().addListener((o, was, now) -> refreshing.request());
    refreshing.request();
  }

  /** Enter the step-through on a kept step, at its first phase. */
  public void showStep(long step) {
    history.showStep(step);
    active.set(true);
    phase.set(Phase.BATCH);
    refreshing.request();
  }

  /** Back to the live plane. */
  public void leave() {
    active.set(false);
  }

  /** The next phase; false when already at the last one or not active. */
  public boolean nextPhase() {
    if (!active.get() || shown() == null || phase.get() == Phase.AFTER) {
      return false;
    }
    phase.set(Phase.values()[phase.get().ordinal() + 1]);
    return true;
  }

  /** The previous phase, or the last phase of the previous kept step. */
  public boolean previousPhase() {
    StepSnapshot s = shown();
    if (!active.get() || s == null) {
      return false;
    }
    if (phase.get() != Phase.BATCH) {
      phase.set(Phase.values()[phase.get().ordinal() - 1]);
      return true;
    }
    return history
        .neighbour(s.step(), -1)
        .map(
            earlier -> {
              history.showStep(earlier.step());
              phase.set(Phase.AFTER);
              return true;
            })
        .orElse(false);
  }

  public void earlierStep() {
    moveStep(-1);
  }

  public void laterStep() {
    moveStep(1);
  }

  private void moveStep(int delta) {
    StepSnapshot s = shown();
    if (s != null) {
      history.neighbour(s.step(), delta).ifPresent(other -> history.showStep(other.step()));
    }
  }

  private StepSnapshot shown() {
    return history.shownProperty().getValue();
  }

  /**
   * The plane for the shown step and phase on the live scene's view, while the step-through is
   * active.
   */
  public PlaneScene scene(PlaneScene live) {
    StepSnapshot s = shown();
    if (!active.get() || s == null || s.hyperparameters().isProjected()) {
      // a projected plane would draw the pulls and moves of other vectors than the real ones
      return live;
    }
    return StepOverlay.scene(
        s, phase.get(), options.selectedClassProperty().get(), allArrows.get(), live);
  }

  /** The rows as CSV, for the teacher's notes. */
  public String tableCsv() {
    StringBuilder csv =
        new StringBuilder(
            "step,digit,n,old_x,old_y,mean_x,mean_y,sum_x,sum_y,delta_x,delta_y,alpha,paper_new_x,paper_new_y,"
                + "new_x,new_y,rule,effective_alpha\n");
    long step = shown() == null ? 0 : shown().step();
    for (CenterUpdateRow r : rows) {
      csv.append(step).append(',').append(r.digit()).append(',').append(r.count());
      for (double v :
          new double[] {
            r.oldX(),
            r.oldY(),
            r.meanX(),
            r.meanY(),
            r.sumX(),
            r.sumY(),
            r.deltaX(),
            r.deltaY(),
            r.alpha(),
            r.paperNewX(),
            r.paperNewY(),
            r.appliedNewX(),
            r.appliedNewY()
          }) {
        csv.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
      }
      csv.append(',').append(r.rule().id()).append(',').append(r.effectiveAlpha()).append('\n');
    }
    return csv.toString();
  }

  private void refresh() {
    StepSnapshot s = shown();
    if (s != rowsOf) {
      rowsOf = s;
      if (s == null || s.hyperparameters().isProjected()) {
        rows.clear();
      } else {
        rows.setAll(CenterUpdateRow.of(s));
      }
    }
    if (s == null) {
      title.set(Messages.text("step.pressStep"));
      phaseText.set("");
      detail.set("");
      lossesText.set("");
      ruleText.set("");
      return;
    }
    boolean paper = s.hyperparameters().centerRule() == CenterRule.PAPER;
    title.set(Messages.text("step.title", s.step(), history.size()));
    phaseText.set(
        s.hyperparameters().isProjected()
            ? onlyTwoDimensional(s.hyperparameters())
            : Messages.text(
                "step.phase", phase.get().number(), phaseDescription(phase.get(), paper)));
    double lambda = s.hyperparameters().lambda();
    lossesText.set(
        Messages.text(
            "step.losses",
            Messages.label(s.hyperparameters().head()),
            CenterUpdateRow.number(s.scalars().lossSoftmax()),
            CenterUpdateRow.number(s.scalars().lossCenter()),
            CenterUpdateRow.number(lambda),
            CenterUpdateRow.number(lambda * s.scalars().lossCenter()),
            CenterUpdateRow.number(s.scalars().lossTotal())));
    ruleText.set(
        paper
            ? Messages.text("step.rulePaper", CenterUpdateRow.number(s.hyperparameters().alpha()))
            : Messages.text(
                "step.ruleSgd",
                CenterUpdateRow.number(s.hyperparameters().alpha()),
                s.batch().size()));
    if (s.hyperparameters().isProjected()) {
      detail.set("");
      return;
    }
    int selected = options.selectedClassProperty().get();
    if (selected < 0 || selected >= rows.size()) {
      detail.set(
          phase.get() == Phase.AFTER && s.batch().featuresAfter().isEmpty()
              ? Messages.text("step.afterNotRecorded") + "\n" + Messages.text("step.chooseClass")
              : Messages.text("step.chooseClass"));
      return;
    }
    CenterUpdateRow row = rows.get(selected);
    List<String> lines = new ArrayList<>(row.explanation());
    if (phase.get() == Phase.PULL && row.count() > 0) {
      double m = s.batch().size();
      lines.add(
          Messages.text(
              "step.pullMean",
              CenterUpdateRow.number(lambda),
              CenterUpdateRow.pair(row.oldX() - row.meanX(), row.oldY() - row.meanY()),
              (int) m,
              CenterUpdateRow.pair(
                  lambda * (row.oldX() - row.meanX()) / m,
                  lambda * (row.oldY() - row.meanY()) / m)));
    }
    if (phase.get() == Phase.AFTER) {
      lines.add(
          s.batch().featuresAfter().isPresent()
              ? Messages.text("step.afterShown")
              : Messages.text("step.afterNotRecorded"));
    }
    detail.set(String.join("\n", lines));
  }

  /**
   * The one sentence the step-through says for a feature of more than two dimensions: its arrows
   * and its table of x and y are the arithmetic of 2-D vectors, which a projection would fake.
   */
  static String onlyTwoDimensional(Hyperparameters hp) {
    return Messages.text("step.only2d", hp.featureDim());
  }

  private static String phaseDescription(Phase phase, boolean paperRule) {
    return switch (phase) {
      case BATCH -> Messages.text("step.phaseBatch");
      case PULL -> Messages.text("step.phasePull");
      case UPDATE -> Messages.text(paperRule ? "step.phaseUpdatePaper" : "step.phaseUpdateSgd");
      case AFTER -> Messages.text("step.phaseAfter");
    };
  }

  /**
   * Whether the panel is on screen: while it is not, its table and texts wait (see {@link
   * WhileShown}).
   */
  public BooleanProperty panelShownProperty() {
    return refreshing.shownProperty();
  }

  public ObjectProperty<Phase> phaseProperty() {
    return phase;
  }

  public ReadOnlyBooleanProperty activeProperty() {
    return active.getReadOnlyProperty();
  }

  public BooleanProperty allArrowsProperty() {
    return allArrows;
  }

  public ObservableList<CenterUpdateRow> rows() {
    return rows;
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty phaseTextProperty() {
    return phaseText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty detailProperty() {
    return detail.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lossesTextProperty() {
    return lossesText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty ruleTextProperty() {
    return ruleText.getReadOnlyProperty();
  }

  public LiveTraining training() {
    return training;
  }

  public ViewOptions options() {
    return options;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    refreshing.request();
  }
}
