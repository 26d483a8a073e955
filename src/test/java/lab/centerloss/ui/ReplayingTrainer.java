package lab.centerloss.ui;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.centerloss.store.RunRecord;
import lab.centerloss.testing.FakeTrainer;
import lab.centerloss.testing.TestData;
import lab.centerloss.text.Message;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;

/**
 * A trainer that looks as if it trained: it replays the committed short run ({@link
 * TestData#shortRun()}, real steps of the default recipe) as the real trainer publishes a run, on a
 * thread of its own, one command after another: the origin and "Ready." first, a step per Step,
 * steps paced by the rate while playing, pausing exactly at the step asked for. For the window's
 * tests of its wiring, which need steps arriving, not a network learning. Past the run's last step
 * it replays the run again, numbering on; every step carries the settings last handed to it. The
 * window's tests hand it to {@link FakeTrainer#passingTo}, which writes the calls down.
 */
final class ReplayingTrainer implements TrainerControls {
  /** "As fast as possible" replays at a lite network's pace on a fast machine. */
  private static final double FASTEST_STEPS_PER_SECOND = 100;

  private final RunRecord run = TestData.shortRun().record();
  private final List<TrainerListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "replaying trainer");
            t.setDaemon(true);
            return t;
          });

  private volatile Hyperparameters hyperparameters;
  private volatile double stepsPerSecond;
  private volatile TrainerStatus status = status(State.PAUSED, "trainer.ready");
  private volatile StepSnapshot latest;

  // on the replaying thread only
  private long step;
  private long pauseAt = Long.MAX_VALUE;

  /** Counts the plays: a paced step of an earlier play finds it changed and does nothing. */
  private long play;

  /** Counts the runs (resets), as the real trainer numbers what it publishes. */
  private long runNumber;

  ReplayingTrainer(Hyperparameters initial) {
    hyperparameters = initial;
  }

  @Override
  public void addListener(TrainerListener listener) {
    listeners.add(listener);
    thread.execute(
        () -> {
          listener.onOrigins(runNumber, List.of(run.origin()));
          listener.onCheckpoint(run.checkpoints().get(0));
          listener.onStatus(status);
        });
  }

  @Override
  public void play() {
    playUntil(Long.MAX_VALUE);
  }

  @Override
  public void playUntil(long until) {
    thread.execute(
        () -> {
          pauseAt = until;
          if (step >= until) {
            say(State.PAUSED, "trainer.paused");
            return;
          }
          long thisPlay = ++play;
          say(State.RUNNING, "trainer.training");
          thread.execute(() -> playOn(thisPlay));
        });
  }

  private void playOn(long thisPlay) {
    if (thisPlay != play) {
      return;
    }
    publishNextStep();
    if (step >= pauseAt) {
      play++;
      say(State.PAUSED, "trainer.paused");
      return;
    }
    double rate = stepsPerSecond > 0 ? stepsPerSecond : FASTEST_STEPS_PER_SECOND;
    thread.schedule(() -> playOn(thisPlay), (long) (1e6 / rate), TimeUnit.MICROSECONDS);
  }

  @Override
  public void pause() {
    thread.execute(
        () -> {
          play++;
          say(State.PAUSED, "trainer.paused");
        });
  }

  @Override
  public void step() {
    thread.execute(
        () -> {
          play++;
          publishNextStep();
          say(State.PAUSED, "trainer.paused");
        });
  }

  @Override
  public void reset() {
    thread.execute(
        () -> {
          play++;
          runNumber++;
          step = 0;
          latest = null;
          for (TrainerListener listener : listeners) {
            listener.onOrigins(runNumber, List.of(run.origin()));
            listener.onCheckpoint(run.checkpoints().get(0));
          }
          say(State.PAUSED, "trainer.ready");
        });
  }

  /** A replayed run has no checkpoints to go on from but its first. */
  @Override
  public void branch(Trainer.BranchRequest request) {
    throw new UnsupportedOperationException("a replayed run does not branch");
  }

  /** A replayed run is the window's one run. */
  @Override
  public long setPlan(Comparison.Plan plan) {
    throw new UnsupportedOperationException("a replayed run is no comparison");
  }

  /** A replayed run has no network to draw with. */
  @Override
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("a replayed run has no network"));
  }

  @Override
  public void setProbeEvery(int steps) {}

  @Override
  public Optional<Message> notice() {
    return Optional.empty();
  }

  @Override
  public void setHyperparameters(Hyperparameters next) {
    hyperparameters = next;
  }

  @Override
  public void setStepsPerSecond(double rate) {
    stepsPerSecond = rate;
  }

  @Override
  public Optional<StepSnapshot> latest() {
    return Optional.ofNullable(latest);
  }

  @Override
  public TrainerStatus status() {
    return status;
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private void publishNextStep() {
    step++;
    StepSnapshot recorded = run.atIndex((int) ((step - 1) % run.size()));
    StepSnapshot next =
        new StepSnapshot(
            step,
            recorded.epoch(),
            hyperparameters,
            recorded.marginInForce(),
            recorded.learningRateInForce(),
            recorded.scalars(),
            recorded.batch(),
            recorded.centers(),
            recorded.head(),
            recorded.headAfter(),
            recorded.stepMillis(),
            recorded.probe(),
            recorded.divergence());
    latest = next;
    long ofRun = runNumber;
    listeners.forEach(
        listener -> listener.onSteps(ofRun, List.of(new Comparison.PaneStep(0, next))));
  }

  private void say(State state, String key) {
    status = status(state, key);
    listeners.forEach(listener -> listener.onStatus(status));
  }

  /** A status as the real trainer says it, naming the processors it would train on. */
  private static TrainerStatus status(State state, String key) {
    return new TrainerStatus(
        state,
        Message.of(key),
        Optional.of(Message.of("device.cpu", Runtime.getRuntime().availableProcessors())));
  }
}
