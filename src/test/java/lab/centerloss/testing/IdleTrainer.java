package lab.centerloss.testing;

import java.util.Optional;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;

/**
 * A trainer that never trains: for view-model tests that feed the run history themselves. A test
 * overrides what it watches (a pause, a drawing).
 */
public class IdleTrainer implements TrainerControls {
  @Override
  public void play() {}

  @Override
  public void pause() {}

  @Override
  public void step() {}

  @Override
  public void reset() {}

  @Override
  public void setHyperparameters(Hyperparameters hyperparameters) {}

  @Override
  public void setStepsPerSecond(double rate) {}

  @Override
  public void setProbeEvery(int steps) {}

  @Override
  public void addListener(TrainerListener listener) {}

  @Override
  public Optional<StepSnapshot> latest() {
    return Optional.empty();
  }

  @Override
  public TrainerStatus status() {
    return new TrainerStatus(TrainerStatus.State.PAUSED, "Ready.", "CPU");
  }

  @Override
  public void close() {}
}
