package lab.centerloss.cli;

import lab.centerloss.store.RunRecord;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;

/** A driven run as a run file holds it: its origin, every step, the checkpoints kept. */
final class RunRecording implements RunDriver.Sink {
  private RunRecord record;

  @Override
  public void onOrigin(RunOrigin origin) {
    record = new RunRecord(origin);
  }

  @Override
  public void onSnapshot(StepSnapshot snapshot) {
    record().add(snapshot);
  }

  @Override
  public void onCheckpoint(Checkpoint checkpoint) {
    record().addCheckpoint(checkpoint);
  }

  /** The run so far; the driver's origin comes first. */
  RunRecord record() {
    if (record == null) {
      throw new IllegalStateException("a run is recorded from its origin on");
    }
    return record;
  }
}
