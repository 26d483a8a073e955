package lab.centerloss.ui;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;

/** Passes every call to a real trainer and remembers the hyperparameter records it was handed. */
final class RecordingTrainer implements TrainerControls {
  private final TrainerControls delegate;
  final List<Hyperparameters> records = new CopyOnWriteArrayList<>();

  RecordingTrainer(TrainerControls delegate) {
    this.delegate = delegate;
  }

  Hyperparameters lastRecord() {
    return records.get(records.size() - 1);
  }

  @Override
  public void play() {
    delegate.play();
  }

  @Override
  public void playUntil(long step) {
    delegate.playUntil(step);
  }

  @Override
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    return delegate.featureOfDrawing(image);
  }

  @Override
  public void pause() {
    delegate.pause();
  }

  @Override
  public void step() {
    delegate.step();
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  @Override
  public void setHyperparameters(Hyperparameters hyperparameters) {
    records.add(hyperparameters);
    delegate.setHyperparameters(hyperparameters);
  }

  @Override
  public void setStepsPerSecond(double rate) {
    delegate.setStepsPerSecond(rate);
  }

  @Override
  public void setProbeEvery(int steps) {
    delegate.setProbeEvery(steps);
  }

  @Override
  public void addListener(TrainerListener listener) {
    delegate.addListener(listener);
  }

  @Override
  public Optional<StepSnapshot> latest() {
    return delegate.latest();
  }

  @Override
  public TrainerStatus status() {
    return delegate.status();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
