package lab.centerloss.ui.model;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Message;

/**
 * The runs of this window besides the live one: earlier continuations kept when the class went back
 * and branched, and runs opened from files. The timeline offers them; the comparison shows them
 * side by side.
 */
public final class RunLibrary {
  /** A kept run and how it is named on screen. */
  public record KeptRun(Message name, RunRecord record, long branchedFrom) {
    public String label() {
      return name.render();
    }
  }

  private final ObservableList<KeptRun> runs = FXCollections.observableArrayList();
  private int count;

  /** Keeps a run under a new number: "Run 2 (steps 1–3,200)". */
  public KeptRun keep(RunRecord record, long branchedFrom) {
    count++;
    KeptRun kept =
        new KeptRun(Message.of("runs.kept", count, record.lastStep()), record, branchedFrom);
    runs.add(kept);
    return kept;
  }

  /** Keeps a run opened from a file, named by the file. */
  public KeptRun keepOpened(RunRecord record, String fileName) {
    KeptRun kept = new KeptRun(Message.of("runs.opened", fileName, record.lastStep()), record, -1);
    runs.add(kept);
    return kept;
  }

  public ObservableList<KeptRun> runs() {
    return runs;
  }
}
