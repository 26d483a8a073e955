package lab.centerloss.testing;

import java.nio.file.Path;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunRecord;

/**
 * Makes a trained network's fixture small: of a run file written by {@code train --save-run}, keeps
 * the origin, the last step with its probe, and the last checkpoint (a lite network's parameters
 * and optimizer state, about 300 kB), and drops the rest (the steps' batches and the earlier
 * checkpoints, megabytes that the tests restoring the network do not read). Run by {@code
 * scripts/make_test_fixtures.sh}.
 */
public final class KeepLastCheckpoint {
  private KeepLastCheckpoint() {}

  /**
   * @param args the run file to read, and the file to write
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: KeepLastCheckpoint <run.clab> <kept.clab>");
      System.exit(2);
    }
    RunFile.Contents contents = RunFile.read(Path.of(args[0]));
    RunRecord full = contents.record();
    RunRecord kept = new RunRecord(full.origin());
    kept.add(full.latest().orElseThrow());
    kept.addCheckpoint(full.checkpoints().get(full.checkpoints().size() - 1));
    if (kept.checkpoints().get(0).step() != kept.lastStep()) {
      throw new IllegalStateException(
          "the last checkpoint is at step "
              + kept.checkpoints().get(0).step()
              + ", the last step is "
              + kept.lastStep()
              + ": train a multiple of the checkpoint spacing");
    }
    RunFile.write(kept, Path.of(args[1]), contents.appVersion());
  }
}
