package lab.centerloss.train;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What a front end may ask of a trainer; every method returns at once, from any thread. */
public interface TrainerControls extends AutoCloseable {
  void play();

  void pause();

  /**
   * Trains until the run reaches this step, then pauses there (a guided lesson's "train to step
   * 300"): the check is made on the trainer's thread after every step, so it stops exactly there.
   */
  default void playUntil(long step) {
    throw new UnsupportedOperationException("this trainer cannot stop at a step");
  }

  /** Exactly one batch, then pause. */
  void step();

  /** Rebuild from the seed of the current hyperparameters. */
  void reset();

  /**
   * Goes on from an earlier step of a run, then pauses there (see {@link Trainer.BranchRequest}).
   */
  default void branch(Trainer.BranchRequest request) {
    throw new UnsupportedOperationException("this trainer cannot branch");
  }

  /**
   * The feature of a drawn digit, already prepared as MNIST's were, under the network as it is now;
   * it completes on the trainer's thread. A newer drawing cancels one still waiting; a trainer that
   * has stopped (or never got its data) fails it.
   */
  default CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this trainer cannot run a drawing"));
  }

  /** Says its state again (in the language now in use). */
  default void refreshStatus() {}

  /** Takes effect at the next step; model size and seed at the next reset. */
  void setHyperparameters(Hyperparameters hyperparameters);

  /** 0 for as fast as possible. */
  void setStepsPerSecond(double rate);

  /** Probe the test images every this many steps. */
  void setProbeEvery(int steps);

  void addListener(TrainerListener listener);

  Optional<StepSnapshot> latest();

  TrainerStatus status();

  /**
   * A sentence to show once beside the status (e.g. that the GPU asked for is not there), or empty.
   */
  default String notice() {
    return "";
  }

  @Override
  void close();
}
