package lab.centerloss.train;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import lab.centerloss.text.Message;

/**
 * What a front end may ask of a trainer, the window's and the comparison's alike ({@link Trainer});
 * every method returns at once, from any thread, and what it asks is done on the trainer's thread
 * in the order asked. A request that replaces another still waiting (a new run, new settings, a
 * pace, a drawing) takes its place: the latest wins.
 */
public interface TrainerControls extends AutoCloseable {
  void play();

  void pause();

  /**
   * Trains until the run reaches this step, then pauses there (a guided lesson's "train to step
   * 300"): the check is made on the trainer's thread before every step, so it stops exactly there.
   */
  void playUntil(long step);

  /** Exactly one batch (of every run), then pause. */
  void step();

  /** The run again from the seed of the current hyperparameters, paused at step 0. */
  void reset();

  /**
   * Goes on from an earlier step of a run, then pauses there (see {@link Trainer.BranchRequest}).
   */
  void branch(Trainer.BranchRequest request);

  /**
   * Replaces the runs trained by a plan's (a comparison's): they are built (from the seed, or
   * re-trained from the start's checkpoint) and shown at their first step, paused.
   *
   * @return the plan's run number, which everything it publishes carries
   */
  long setPlan(Comparison.Plan plan);

  /**
   * The feature of a drawn digit, already prepared as MNIST's were, under the (first run's) network
   * as it is now; it completes on the trainer's thread. A newer drawing cancels one still waiting;
   * a trainer that has stopped (or never got its data) fails it.
   */
  CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image);

  /** Takes effect at the next step of a plan of one run; model size and seed at the next reset. */
  void setHyperparameters(Hyperparameters hyperparameters);

  /** 0 for as fast as possible. */
  void setStepsPerSecond(double rate);

  /** Probe the test images every this many steps; 0 for as often as costs a fifth of the time. */
  void setProbeEvery(int steps);

  void addListener(TrainerListener listener);

  /** The last step published of the first pane, empty before the first step and after a reset. */
  Optional<StepSnapshot> latest();

  TrainerStatus status();

  /** Something to say once beside the status (e.g. that the GPU asked for is not there). */
  Optional<Message> notice();

  @Override
  void close();
}
