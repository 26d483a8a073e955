package lab.centerloss.ui.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Message;
import lab.centerloss.ui.common.FxThread;
import lab.centerloss.ui.model.RunHistory;

/**
 * The live run kept between sessions: written to one file every half minute while it changes and
 * when the window closes, so that a crash or a closed lid loses at most the last seconds. A run the
 * last session left there is offered for reopening, and nothing overwrites it until the teacher has
 * answered.
 */
public final class RunAutosave {
  /** The live run is written about this often while it changes. */
  static final long EVERY_NANOS = 30_000_000_000L;

  private final RunHistory history;
  private final Consumer<Message> messages;
  private final ReadOnlyBooleanWrapper reopenOffered = new ReadOnlyBooleanWrapper(false);
  private Path file;
  private long savedRevision = -1;
  private long lastSave;

  /**
   * @param messages where a failed write is said (the timeline's message line)
   */
  RunAutosave(RunHistory history, Consumer<Message> messages) {
    this.history = history;
    this.messages = messages;
  }

  /**
   * Keeps the live run in {@code target}; a run the last session left there is offered for
   * reopening.
   */
  public void keepIn(Path target) {
    file = target;
    reopenOffered.set(Files.isRegularFile(target));
  }

  /**
   * Writes the live run in the background when it changed and the time has come; call once a frame.
   */
  public void saveIfDue(long now, Consumer<Runnable> inBackground) {
    RunRecord live = history.liveRecord();
    if (file == null
        || live == null
        || live.size() == 0
        || now - lastSave < EVERY_NANOS
        || reopenOffered.get()) {
      return;
    }
    long revision = history.revisionProperty().get();
    if (revision == savedRevision) {
      return;
    }
    lastSave = now;
    savedRevision = revision;
    RunRecord copy = live.copy();
    Path target = file;
    inBackground.accept(
        () -> {
          try {
            write(copy, target);
          } catch (RunFileException e) {
            FxThread.run(() -> messages.accept(e.reason()));
          } catch (IOException e) {
            FxThread.run(
                () ->
                    messages.accept(
                        Message.of(
                            "timeline.autosaveFolder",
                            target.getParent().toString(),
                            String.valueOf(e.getMessage()))));
          }
        });
  }

  /** Writes the live run now (the window is closing): at most the last seconds are lost. */
  public void saveNow() {
    RunRecord live = history.liveRecord();
    if (file != null && live != null && live.size() > 0 && !reopenOffered.get()) {
      try {
        write(live.copy(), file);
      } catch (RunFileException | IOException e) {
        System.err.println(e.getMessage()); // the window is gone: the console is all that is left
      }
    }
  }

  private static void write(RunRecord run, Path target) throws IOException, RunFileException {
    // the user's data folder does not exist on a fresh machine until the first save
    Files.createDirectories(target.toAbsolutePath().getParent());
    RunFile.write(run, target, AppInfo.VERSION);
  }

  /**
   * The teacher declined the last session's run, or reopened it: from now on the live run is kept
   * there.
   */
  public void answerReopen() {
    reopenOffered.set(false);
  }

  /**
   * Training started while the last session's run was still offered: the offer leaves the screen
   * (it described a choice the teacher has made by playing), and that run is moved beside this
   * one's file, not overwritten, so that nothing is lost; the message says where it is.
   */
  public void setOfferAside() {
    if (!reopenOffered.get()) {
      return;
    }
    reopenOffered.set(false);
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path aside =
        file.resolveSibling(
            (dot > 0 ? name.substring(0, dot) : name)
                + "-previous"
                + (dot > 0 ? name.substring(dot) : ""));
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      messages.accept(Message.of("timeline.reopenSetAside", aside.toString()));
    } catch (IOException e) {
      // it could not be moved: keep it where it is and do not overwrite it this session
      file = null;
      messages.accept(Message.of("timeline.reopenKept", String.valueOf(e.getMessage())));
    }
  }

  /** Whether the last session's run waits to be reopened. */
  public ReadOnlyBooleanProperty reopenOfferedProperty() {
    return reopenOffered.getReadOnlyProperty();
  }

  /** Where the live run is kept; null until {@link #keepIn} was called. */
  public Path file() {
    return file;
  }
}
