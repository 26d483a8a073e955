package lab.centerloss.ui.timeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.LiveTraining;
import lab.centerloss.ui.model.RunHistory;
import lab.centerloss.ui.model.RunLibrary;

/**
 * The timeline under the plane: a scrubber from step 1 to the run's last step, playback of the past
 * at a chosen pace (backwards too), Live, "Continue from here", the run shown (live, an earlier
 * continuation, or a file), and saving and opening run files; the live run is kept between sessions
 * by {@link RunAutosave}. Training goes on in the background while the class looks at the past.
 */
public final class TimelineViewModel {
  /** Steps per second of playback; negative plays backwards. */
  public static final List<Double> PLAYBACK_SPEEDS = List.of(10.0, 30.0, 100.0, 300.0, 1000.0);

  private final RunHistory history;
  private final LiveTraining training;
  private final ReadOnlyDoubleWrapper lastStep = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyDoubleWrapper shownStep = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
  private final BooleanProperty backwards = new SimpleBooleanProperty(false);
  private final ObjectProperty<Double> speed = new SimpleObjectProperty<>(30.0);
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

  /** What {@link #message} says, said again in the language in force; null: nothing. */
  private Message said;

  private final ObservableList<Object> runChoices = FXCollections.observableArrayList();
  private final ObjectProperty<Object> runChoice = new SimpleObjectProperty<>();
  private final StringBinding positionText;
  private final StringBinding memoryText;
  private final BooleanBinding live;
  private final RunAutosave autosave;

  /**
   * Whether the message says where the live run continues from: true only until the run is
   * replaced.
   */
  private boolean describesRun;

  /** A position between kept steps while playing: steps move by fractions per frame. */
  private double playhead;

  private long lastFrame = -1;

  /** The live run in the run selector. */
  public static final Object LIVE = new Object();

  public TimelineViewModel(RunHistory history, LiveTraining training) {
    this.history = history;
    this.training = training;
    autosave = new RunAutosave(history, this::say);
    training
        .runningProperty()
        .addListener(
            (o, was, running) -> {
              if (running) {
                autosave.setOfferAside();
              }
            });
    // a message about the run (where it continues from) ends with that run: a reset starts another
    history
        .runsStartedProperty()
        .addListener(
            (o, was, now) -> {
              if (describesRun) {
                describesRun = false;
                say(null);
              }
            });
    live =
        Bindings.createBooleanBinding(
            () -> history.cursorProperty().get() == null && history.showingLiveProperty().get(),
            history.cursorProperty(),
            history.showingLiveProperty());
    history.revisionProperty().addListener(o -> refresh());
    history.cursorProperty().addListener(o -> refresh());
    positionText =
        Bindings.createStringBinding(
            () -> Messages.text("timeline.position", (long) shownStep.get(), (long) lastStep.get()),
            shownStep,
            lastStep);
    memoryText =
        Bindings.createStringBinding(
            () -> {
              RunRecord record = history.record();
              return record == null
                  ? ""
                  : Messages.text("timeline.memory", record.size(), record.estimatedBytes() / 1e6);
            },
            history.revisionProperty());
    runChoices.add(LIVE);
    runChoice.set(LIVE);
    training
        .library()
        .runs()
        .addListener(
            (ListChangeListener<RunLibrary.KeptRun>)
                c -> {
                  runChoices.setAll(LIVE);
                  runChoices.addAll(training.library().runs());
                });
    runChoice.addListener(
        (o, was, now) -> {
          if (now == LIVE || now == null) {
            history.showLive();
          } else if (now instanceof RunLibrary.KeptRun kept) {
            history.show(kept.record());
          }
        });
    history
        .showingLiveProperty()
        .addListener(
            (o, was, showingLive) -> {
              if (showingLive) {
                runChoice.set(LIVE);
              }
            });
    refresh();
  }

  private void refresh() {
    RunRecord record = history.record();
    lastStep.set(record == null ? 0 : record.lastStep());
    StepSnapshot shown = history.shownProperty().getValue();
    shownStep.set(shown == null ? 0 : shown.step());
  }

  /** Shows a step (the slider was dragged there); past the last step means live. */
  public void scrubTo(double position) {
    RunRecord record = history.record();
    if (record == null || record.size() == 0) {
      return;
    }
    long step = Math.max(record.steps().get(0).step(), Math.round(position));
    if (step >= record.lastStep() && history.showingLiveProperty().get()) {
      history.goLive();
    } else {
      history.showStep(nearestKept(record, step));
    }
  }

  private static long nearestKept(RunRecord record, long step) {
    int index = record.indexOf(step);
    if (index >= 0) {
      return step;
    }
    for (int i = record.size() - 1; i >= 0; i--) {
      if (record.steps().get(i).step() <= step) {
        return record.steps().get(i).step();
      }
    }
    return record.steps().get(0).step();
  }

  /** One step earlier or later (Shift + arrow keys). */
  public void stepBy(int delta) {
    stopPlayback();
    scrubTo(shownStep.get() + delta);
  }

  /** Plays the past forward (or backward) at the chosen speed, from the step shown. */
  public void togglePlayback() {
    if (playing.get()) {
      stopPlayback();
      return;
    }
    RunRecord record = history.record();
    if (record == null || record.size() == 0) {
      return;
    }
    playhead = shownStep.get();
    if (!backwards.get() && playhead >= record.lastStep()) {
      playhead = record.steps().get(0).step(); // from the start again
    }
    history.showStep(nearestKept(record, (long) playhead));
    lastFrame = -1;
    playing.set(true);
  }

  public void stopPlayback() {
    playing.set(false);
  }

  /** Moves the playhead by the time since the last frame; called once a frame. */
  public void onFrame(long now) {
    if (!playing.get()) {
      return;
    }
    RunRecord record = history.record();
    if (lastFrame < 0 || record == null || record.size() == 0) {
      lastFrame = now;
      return;
    }
    double seconds = Math.min(0.25, (now - lastFrame) / 1e9);
    lastFrame = now;
    double rate = speed.get() == null ? 30 : speed.get();
    playhead += (backwards.get() ? -rate : rate) * seconds;
    long first = record.steps().get(0).step();
    if (playhead <= first) {
      history.showStep(first);
      stopPlayback();
    } else if (playhead >= record.lastStep()) {
      scrubTo(record.lastStep());
      stopPlayback();
    } else {
      history.showStep(nearestKept(record, (long) playhead));
    }
  }

  /** Back to the training end of the live run. */
  public void goLive() {
    stopPlayback();
    runChoice.set(LIVE);
    history.showLive();
  }

  /** The live run goes on from the step shown, with the settings now on the sliders. */
  public void continueFromHere() {
    stopPlayback();
    long step = (long) shownStep.get();
    Optional<Message> problem = training.continueFrom(step);
    say(problem.orElse(Message.of("timeline.continued", step)));
    describesRun = problem.isEmpty();
  }

  /** Writes the run shown; the result is reported in {@link #messageProperty()}. */
  public void save(Path target, Consumer<Runnable> inBackground) {
    RunRecord record = history.record();
    if (record == null) {
      say(Message.of("runfile.nothingToSave", target.toString()));
      return;
    }
    RunRecord copy = record.copy();
    describesRun = false;
    say(Message.of("timeline.saving", target.toString()));
    inBackground.accept(
        () -> {
          Message result;
          try {
            RunFile.write(copy, target, AppInfo.VERSION);
            result = Message.of("timeline.saved", target.toString(), copy.lastStep());
          } catch (RunFileException e) {
            result = e.reason();
          }
          Message outcome = result;
          FxThread.run(() -> say(outcome));
        });
  }

  /**
   * What reading a run file gave: the run and whether it was trained on the data the trainer uses;
   * the view asks before it shows a run of other data.
   */
  public record Opened(RunFile.Contents contents, Path file, boolean otherData) {}

  /** Reads a run file (call off the JavaFX thread: a large run takes a moment). */
  public static Opened read(Path file, String trainerFingerprint) throws RunFileException {
    RunFile.Contents contents = RunFile.read(file);
    return new Opened(
        contents,
        file,
        trainerFingerprint != null && !trainerFingerprint.equals(contents.dataFingerprint()));
  }

  /** Shows a run read from a file, kept in the run list. */
  public void show(Opened opened) {
    RunLibrary.KeptRun kept =
        training
            .library()
            .keepOpened(opened.contents().record(), opened.file().getFileName().toString());
    runChoice.set(kept);
    say(
        opened.otherData()
            ? Message.of("timeline.openedOtherData", opened.file().toString())
            : Message.of(
                "timeline.opened",
                opened.file().toString(),
                opened.contents().record().lastStep()));
  }

  /** The data the live run trains on, by fingerprint, once known. */
  public String trainerFingerprint() {
    RunRecord live = history.liveRecord();
    return live == null || live.origin() == null ? null : live.origin().dataFingerprint();
  }

  /** The live run kept between sessions. */
  public RunAutosave autosave() {
    return autosave;
  }

  /** Says this under the timeline (null: nothing), again in another language when it changes. */
  public void showMessage(Message text) {
    describesRun = false;
    say(text);
  }

  private void say(Message text) {
    said = text;
    message.set(text == null ? "" : text.render());
  }

  public ReadOnlyDoubleProperty lastStepProperty() {
    return lastStep.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty shownStepProperty() {
    return shownStep.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty playingProperty() {
    return playing.getReadOnlyProperty();
  }

  public BooleanProperty backwardsProperty() {
    return backwards;
  }

  public ObjectProperty<Double> speedProperty() {
    return speed;
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ObservableList<Object> runChoices() {
    return runChoices;
  }

  public ObjectProperty<Object> runChoiceProperty() {
    return runChoice;
  }

  public StringBinding positionTextProperty() {
    return positionText;
  }

  /** "1,234 steps kept · 45.6 MB": what the run takes in memory. */
  public StringBinding memoryTextProperty() {
    return memoryText;
  }

  /** Whether the view follows the live run's end. */
  public BooleanBinding liveProperty() {
    return live;
  }

  public LiveTraining training() {
    return training;
  }

  public RunHistory history() {
    return history;
  }

  /** The language changed: every text this panel made is made again in it. */
  public void refreshTexts() {
    positionText.invalidate();
    memoryText.invalidate();
    message.set(said == null ? "" : said.render());
  }
}
