package lab.centerloss.ui.lesson;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonAction;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.lesson.LessonStep;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.Setups;
import lab.centerloss.ui.model.ViewOptions;

/**
 * A guided lesson in progress: which step is shown, its narration and question in the window's
 * language, and what entering a step does (its settings, then its action) to the live run and the
 * window. Leaving the lesson changes nothing: the run, the settings and the view stay for free
 * play.
 */
public final class LessonViewModel {

  /** What a lesson asks of the window beyond the live run: the comparison of several runs. */
  public interface Comparisons {
    /**
     * Shows the comparison with this preset's runs, built afresh, trained to the step (0: not
     * trained).
     */
    void open(ComparisonPreset preset, long untilStep);

    /** Back to the one live run. */
    void close();

    /**
     * Whether the comparison shown has its runs built and stands paused at this step or later (0:
     * built); observable, so that the step knows when its action is complete.
     */
    ObservableBooleanValue trainedTo(long step);

    /**
     * Shows the comparison's recorded runs, one per pane, at the step they were recorded to; they
     * do not train on (a live comparison, {@link #open}, replaces them).
     */
    void showRecorded(LessonRecordings.ComparisonRecording recording);
  }

  /**
   * Where the window takes a step's recording from (issue 27): read in the background, then handed
   * to the live run.
   */
  public interface Recordings {
    /**
     * Reads the recording of this train step off the JavaFX thread; it completes exceptionally with
     * {@link LessonRecordings.Unusable} (why the step trains live) when there is none to use.
     */
    CompletableFuture<LessonRecordings.Recording> load(Lesson lesson, int step);

    /** Reads the recording of this compare step off the JavaFX thread, as {@link #load} does. */
    CompletableFuture<LessonRecordings.ComparisonRecording> loadComparison(Lesson lesson, int step);

    /** The live run goes on from the recording at this step; why it cannot, or empty. */
    Optional<Message> adopt(LessonRecordings.Recording recording, long step);
  }

  private final LiveTraining training;
  private final RunHistory history;
  private final ViewOptions options;
  private final Comparisons comparisons;
  private final Setups setups;
  private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper narration = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper actionText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper recordingText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canTrainLive = new ReadOnlyBooleanWrapper(false);
  private int index = -1;

  /** Reads recordings; null: every step trains live, as before recordings (issue 27). */
  private Recordings recordings;

  /** What the panel says of the step's recording (how it was made, or why it trains live). */
  private Message recordingNote;

  /** Counts recordings asked for: one that arrives after the class moved on is not used. */
  private long recordingRequests;

  /**
   * The reset step that starts the part of the lesson the teacher chose to train live; -1 while
   * recordings play. A reset step starts over with recordings.
   */
  private int liveFrom = -1;

  /** The compare step whose comparison the teacher chose to train live; -1 when none. */
  private int liveComparison = -1;

  /** Training asked for before the trainer could train (still loading): done when it can. */
  private Runnable pendingTraining;

  /** The probe accuracy a "train until accuracy" step waits for; NaN when none. */
  private double awaitedAccuracy = Double.NaN;

  /** Whether the accuracy awaited was reached (the training then pauses). */
  private boolean accuracyReached;

  /**
   * Whether the step entered has done what it does: trained to its step or accuracy and paused,
   * reset, stepped once, or built and trained its comparison. Steps that only show are done at
   * once. {@code bench --lesson} measures the seconds from entering a step until this holds.
   */
  private final ReadOnlyBooleanWrapper actionDone = new ReadOnlyBooleanWrapper(true);

  /** What the step entered waits for; null when it waits for nothing. */
  private BooleanSupplier awaited;

  /** The comparison's progress that the step entered waits on, watched until the step is left. */
  private ObservableBooleanValue awaitedComparison;

  /** A change listener, not an invalidation one: a value no one reads is then still watched. */
  private final ChangeListener<Object> recheck = (o, was, now) -> checkDone();

  public LessonViewModel(
      LiveTraining training,
      RunHistory history,
      ViewOptions options,
      Setups setups,
      Comparisons comparisons) {
    this.setups = setups;
    this.training = training;
    this.history = history;
    this.options = options;
    this.comparisons = comparisons;
    training
        .canTrainProperty()
        .addListener(
            (o, was, can) -> {
              if (can && pendingTraining != null) {
                Runnable pending = pendingTraining;
                pendingTraining = null;
                pending.run();
              }
            });
    history.latestProperty().addListener((o, was, latest) -> checkAccuracy(latest));
    // what a step waits for changes only with these (the run's steps, its state, a new run)
    history.latestProperty().addListener(recheck);
    history.runsStartedProperty().addListener(recheck);
    training.runningProperty().addListener(recheck);
    training.canTrainProperty().addListener(recheck);
    training.singleStepDoneProperty().addListener(recheck);
  }

  /** Steps with a recording play it from now on (the window's); without, every step is live. */
  public void setRecordings(Recordings source) {
    this.recordings = source;
  }

  /**
   * Opens a built-in lesson by name or a lesson file by path; a lesson that cannot be used is one
   * sentence in {@link #problemProperty()}.
   */
  public boolean open(String nameOrFile) {
    try {
      start(LessonFile.byNameOrFile(nameOrFile));
      return true;
    } catch (LessonFile.LessonException e) {
      problem.set(e.getMessage());
      return false;
    }
  }

  /** Starts a lesson at its first step, doing what that step does. */
  public void start(Lesson next) {
    problem.set("");
    lesson.set(next);
    liveFrom = -1;
    liveComparison = -1;
    active.set(true);
    go(0, true);
  }

  /** The next step (Page Down): its settings and its action. */
  public void next() {
    if (canNext.get()) {
      go(index + 1, true);
    }
  }

  /**
   * The previous step (Page Up): its words and what it shows, but the run is not trained or reset
   * again; {@link #again()} does that.
   */
  public void back() {
    if (canBack.get()) {
      go(index - 1, false);
    }
  }

  /** Does the step shown once more: its settings and its action. */
  public void again() {
    if (active.get()) {
      go(index, true);
    }
  }

  /** Ends the lesson; everything it set up stays as it is, for free play. */
  public void leave() {
    lesson.set(null);
    active.set(false);
    index = -1;
    pendingTraining = null;
    awaitedAccuracy = Double.NaN;
    await(null, null);
    recordingRequests++;
    recordingNote = null;
    liveFrom = -1;
    liveComparison = -1;
    options.highlightedControlProperty().set("");
    refreshTexts();
  }

  /** The sentence of a lesson that could not be opened has been read. */
  public void dismissProblem() {
    problem.set("");
  }

  private void go(int to, boolean act) {
    index = to;
    LessonStep step = lesson.get().steps().get(index);
    pendingTraining = null;
    awaitedAccuracy = Double.NaN;
    accuracyReached = false;
    await(null, null);
    options.highlightedControlProperty().set("");
    recordingRequests++;
    recordingNote = null;
    canTrainLive.set(false);
    if (act) {
      if (step.action() instanceof LessonAction.Reset) {
        liveFrom = -1;
        liveComparison = -1;
      }
      step.scenario().ifPresent(setups::apply); // the setup first; the step's own settings over it
      Hyperparameters now = training.hyperparametersProperty().get();
      Hyperparameters next = lesson.get().settingsAt(index, now);
      if (!next.equals(now)) {
        training.setHyperparameters(next);
      }
      perform(step.action());
    } else {
      show(step.action());
    }
    refreshTexts();
  }

  private void perform(LessonAction action) {
    if (action instanceof LessonAction.Compare compare
        && recordings != null
        && liveComparison != index) {
      Optional<LessonRecordings.ComparisonPart> part =
          LessonRecordings.comparisonAt(lesson.get(), index);
      if (part.isPresent()) {
        playComparison(compare);
        return;
      }
    }
    if (isTraining(action) && recordings != null) {
      Optional<LessonRecordings.Segment> segment = LessonRecordings.segmentOf(lesson.get(), index);
      if (segment.isPresent() && segment.get().start() != liveFrom) {
        comparisons.close();
        play(action);
        return;
      }
    }
    performLive(action);
  }

  private static boolean isTraining(LessonAction action) {
    return action instanceof LessonAction.TrainUntilStep
        || action instanceof LessonAction.TrainUntilAccuracy;
  }

  /**
   * The step's recording, read in the background, shown at the step's end and continued live from
   * there; a recording that cannot be used trains the step live and says why.
   */
  private void play(LessonAction action) {
    playRecorded(recordings::load, recording -> whenReady(() -> adopt(recording, action)), action);
  }

  /**
   * Reads the step's recording in the background (the step is not done meanwhile: {@code bench
   * --lesson} times this too) and uses it on the JavaFX thread, unless the class has moved on; one
   * that cannot be used trains the step live and says why.
   */
  private <T> void playRecorded(
      BiFunction<Lesson, Integer, CompletableFuture<T>> load,
      Consumer<T> use,
      LessonAction action) {
    long request = recordingRequests;
    Lesson shown = lesson.get();
    recordingNote = Message.of("lesson.recording.loading");
    await(() -> false, null);
    CompletableFuture<T> reading = load.apply(shown, index);
    Runnable arrived =
        () -> {
          if (request != recordingRequests || lesson.get() != shown) {
            return; // the class has moved on
          }
          T recording;
          try {
            recording = reading.join();
          } catch (java.util.concurrent.CompletionException
              | java.util.concurrent.CancellationException e) {
            live(action, whyLive(e));
            return;
          }
          use.accept(recording);
        };
    if (reading.isDone()) {
      arrived.run(); // read already: no hop to the JavaFX thread
    } else {
      reading.whenComplete((recording, failure) -> FxThread.run(arrived));
    }
  }

  private void adopt(LessonRecordings.Recording recording, LessonAction action) {
    if (!recording
        .run()
        .origin()
        .hyperparameters()
        .equals(training.hyperparametersProperty().get())) {
      live(action, Message.of("lesson.recording.otherSettings"));
      return;
    }
    long end = recording.endOf(index);
    Optional<Message> problem = recordings.adopt(recording, end);
    if (problem.isPresent()) {
      live(action, Message.of("lesson.recording.notReady", problem.get()));
      return;
    }
    LessonRecordings.Made made = recording.made();
    recordingNote =
        made.device().equals("cpu")
            ? Message.of(
                "lesson.recording.made",
                made.appVersion(),
                made.libtorch(),
                made.threads(),
                made.recorded(),
                recording.seed(),
                end)
            : Message.of(
                "lesson.recording.madeOn",
                made.appVersion(),
                made.libtorch(),
                made.device(),
                made.threads(),
                made.recorded(),
                recording.seed(),
                end);
    canTrainLive.set(true);
    // done once the live run stands at the recording's end, paused
    await(() -> latestStep() >= end && idle(), null);
    refreshTexts();
  }

  /**
   * The comparison's recording, read in the background and shown in its panes at once; one that
   * cannot be used trains the comparison live and says why.
   */
  private void playComparison(LessonAction.Compare compare) {
    playRecorded(
        recordings::loadComparison, recording -> showComparison(recording, compare), compare);
  }

  private void showComparison(
      LessonRecordings.ComparisonRecording recording, LessonAction.Compare compare) {
    // the runs the window would compare now: the lesson's, unless the teacher moved a setting
    if (!compare
        .preset()
        .runs(training.hyperparametersProperty().get())
        .equals(recording.part().runs())) {
      live(compare, Message.of("lesson.recording.otherSettings"));
      return;
    }
    comparisons.showRecorded(recording);
    LessonRecordings.Made made = recording.made();
    recordingNote =
        Message.of(
            "lesson.recording.madeComparison",
            recording.runs().size(),
            recording.part().runs().get(0).seed(),
            made.appVersion(),
            made.libtorch(),
            made.device().equals("cpu") ? Message.of("lesson.recording.cpu") : made.device(),
            made.threads(),
            made.recorded(),
            recording.part().untilStep());
    canTrainLive.set(true);
    await(() -> true, null);
    refreshTexts();
  }

  private static Message whyLive(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof LessonRecordings.Unusable unusable
        ? unusable.why()
        : Message.of("lesson.recording.bad", String.valueOf(cause.getMessage()));
  }

  /** The step trains live after all, and the panel says why. */
  private void live(LessonAction action, Message why) {
    recordingNote = why.key().equals(LessonRecordings.NONE) ? null : why;
    canTrainLive.set(false);
    performLive(action);
    refreshTexts();
  }

  /**
   * "Train it live": the part of the lesson this step belongs to trains for real from its seed,
   * from its reset on, to this step's end; the steps after it in that part train live too.
   */
  public void trainLive() {
    if (!active.get() || !canTrainLive.get()) {
      return;
    }
    LessonStep step = lesson.get().steps().get(index);
    if (step.action() instanceof LessonAction.Compare compare) {
      // the comparison's runs built afresh from the seed and trained here
      recordingRequests++;
      liveComparison = index;
      canTrainLive.set(false);
      recordingNote =
          Message.of("lesson.recording.live", training.hyperparametersProperty().get().seed());
      performLive(compare);
      refreshTexts();
      return;
    }
    Optional<LessonRecordings.Segment> segment = LessonRecordings.segmentOf(lesson.get(), index);
    if (segment.isEmpty()) {
      return;
    }
    recordingRequests++;
    liveFrom = segment.get().start();
    canTrainLive.set(false);
    recordingNote =
        Message.of("lesson.recording.live", training.hyperparametersProperty().get().seed());
    LessonAction action = step.action();
    whenReady(
        () -> {
          training.reset();
          performLive(action);
        });
    refreshTexts();
  }

  private void performLive(LessonAction action) {
    if (action instanceof LessonAction.Reset) {
      comparisons.close();
      long[] runsBefore = {Long.MAX_VALUE};
      whenReady(
          () -> {
            runsBefore[0] = history.runsStartedProperty().get();
            training.reset();
          });
      // done when the new run's origin has arrived
      await(() -> history.runsStartedProperty().get() > runsBefore[0] && idle(), null);
    } else if (action instanceof LessonAction.TrainUntilStep until) {
      comparisons.close();
      whenReady(
          () -> {
            if (latestStep() < until.step()) {
              training.playUntil(until.step());
            }
          });
      await(() -> latestStep() >= until.step() && idle(), null);
    } else if (action instanceof LessonAction.TrainUntilAccuracy until) {
      comparisons.close();
      whenReady(
          () -> {
            if (reached(history.latestProperty().get(), until.accuracy())) {
              accuracyReached = true;
            } else if (latestStep() < until.maxSteps()) {
              awaitedAccuracy = until.accuracy();
              training.playUntil(until.maxSteps());
            }
          });
      await(() -> (accuracyReached || latestStep() >= until.maxSteps()) && idle(), null);
    } else if (action instanceof LessonAction.StepThrough) {
      comparisons.close();
      StepSnapshot before = training.singleStepDoneProperty().get();
      whenReady(training::step);
      await(
          () -> {
            StepSnapshot done = training.singleStepDoneProperty().get();
            return done != null && done != before && idle();
          },
          null);
    } else if (action instanceof LessonAction.Compare compare) {
      comparisons.open(compare.preset(), compare.untilStep());
      ObservableBooleanValue trained = comparisons.trainedTo(compare.untilStep());
      await(trained::get, trained);
    } else {
      show(action);
    }
  }

  /** The live run is ready and paused, with nothing asked of it still waiting. */
  private boolean idle() {
    return pendingTraining == null
        && training.canTrainProperty().get()
        && !training.runningProperty().get();
  }

  /**
   * From now on the step waits for {@code condition} (null: for nothing), rechecked as the run
   * changes and, for a comparison, as {@code comparison} does.
   */
  private void await(BooleanSupplier condition, ObservableBooleanValue comparison) {
    if (awaitedComparison != null) {
      awaitedComparison.removeListener(recheck);
    }
    awaited = condition;
    awaitedComparison = comparison;
    if (comparison != null) {
      comparison.addListener(recheck);
    }
    checkDone();
  }

  private void checkDone() {
    actionDone.set(awaited == null || awaited.getAsBoolean());
  }

  /**
   * What a step shows without training: the tab, the highlighted control, the comparison as it is.
   */
  private void show(LessonAction action) {
    if (action instanceof LessonAction.ShowTab tab) {
      comparisons.close();
      // set even when it is the same tab: the teacher may have changed tabs since
      options.shownTabProperty().set("");
      options.shownTabProperty().set(tab.tab().id());
    } else if (action instanceof LessonAction.Highlight highlight) {
      options.highlightedControlProperty().set(highlight.control());
    } else if (action instanceof LessonAction.Compare) {
      options.comparingProperty().set(true);
    }
  }

  private void whenReady(Runnable trainingAction) {
    if (training.canTrainProperty().get()) {
      trainingAction.run();
    } else {
      pendingTraining = trainingAction;
    }
  }

  private long latestStep() {
    StepSnapshot latest = history.latestProperty().get();
    return latest == null ? 0 : latest.step();
  }

  private void checkAccuracy(StepSnapshot latest) {
    if (!Double.isNaN(awaitedAccuracy) && reached(latest, awaitedAccuracy)) {
      awaitedAccuracy = Double.NaN;
      accuracyReached = true;
      training.pause();
    }
  }

  private static boolean reached(StepSnapshot snapshot, double accuracy) {
    return snapshot != null
        && snapshot.probe().isPresent()
        && snapshot.probe().get().step() == snapshot.step()
        && snapshot.probe().get().accuracy() >= accuracy;
  }

  /** Makes every text again, in the language now in use. */
  public void refreshTexts() {
    Lesson shown = lesson.get();
    if (shown == null || index < 0) {
      title.set("");
      progress.set("");
      narration.set("");
      question.set("");
      actionText.set("");
      recordingText.set("");
      canTrainLive.set(false);
      canBack.set(false);
      canNext.set(false);
      return;
    }
    LessonStep step = shown.steps().get(index);
    title.set(shown.title().in(Messages.language()));
    progress.set(Messages.text("lesson.progress", index + 1, shown.steps().size()));
    narration.set(step.narration().in(Messages.language()));
    question.set(
        step.question()
            .map(asked -> Messages.text("lesson.question", asked.in(Messages.language())))
            .orElse(""));
    actionText.set(LessonAction.describe(step.action()).map(Message::render).orElse(""));
    recordingText.set(recordingNote == null ? "" : recordingNote.render());
    canBack.set(index > 0);
    canNext.set(index < shown.steps().size() - 1);
  }

  public Optional<Lesson> lesson() {
    return Optional.ofNullable(lesson.get());
  }

  /** The step shown, counted from 0; -1 without a lesson. */
  public int index() {
    return index;
  }

  public ReadOnlyObjectProperty<Lesson> lessonProperty() {
    return lesson.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty activeProperty() {
    return active.getReadOnlyProperty();
  }

  /**
   * Whether the step shown has done what entering it does (see {@link #actionDone}); true when no
   * lesson is shown.
   */
  public ReadOnlyBooleanProperty actionDoneProperty() {
    return actionDone.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canBackProperty() {
    return canBack.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canNextProperty() {
    return canNext.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty narrationProperty() {
    return narration.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty questionProperty() {
    return question.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty actionTextProperty() {
    return actionText.getReadOnlyProperty();
  }

  /**
   * What the panel says of the step's recording: how it was made and where it is shown, or why the
   * step trains live; "" for a step without one.
   */
  public ReadOnlyStringProperty recordingTextProperty() {
    return recordingText.getReadOnlyProperty();
  }

  /** Whether the step shown plays a recording that "Train it live" can replace. */
  public ReadOnlyBooleanProperty canTrainLiveProperty() {
    return canTrainLive.getReadOnlyProperty();
  }

  /** Why the lesson asked for could not be opened, or "". */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }
}
