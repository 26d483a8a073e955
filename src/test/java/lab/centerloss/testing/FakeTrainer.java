package lab.centerloss.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import lab.centerloss.text.Message;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.DrawnFeature;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Trainer;
import lab.centerloss.train.TrainerControls;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;
import lab.centerloss.train.TrainerStatus.State;

/**
 * The one stand-in for a trainer in tests. It writes down every call ({@link #calls}, and each
 * hyperparameter record in {@link #records}), publishes to its listeners what a test asks (a
 * status, an origin, a step, a checkpoint), and, made with {@link #passingTo}, hands every call on
 * to a real trainer as well. Without one it never trains: a view-model test feeds the run itself.
 */
public final class FakeTrainer implements TrainerControls {
  /** "play", "pause", "playUntil 300", "step", "reset", "branch 12", "plan", "drawing", "close". */
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Every pace asked for, in steps per second (0: as fast as possible). */
  public final List<Double> rates = new CopyOnWriteArrayList<>();

  /** Every probe interval asked for. */
  public final List<Integer> probeIntervals = new CopyOnWriteArrayList<>();

  /** Every hyperparameter record handed over, in order. */
  public final List<Hyperparameters> records = new CopyOnWriteArrayList<>();

  private final List<TrainerListener> listeners = new CopyOnWriteArrayList<>();
  private final Optional<TrainerControls> real;
  private volatile TrainerStatus status = ready();
  private volatile Message notice;
  private volatile Function<byte[], CompletableFuture<DrawnFeature>> drawings =
      image -> CompletableFuture.failedFuture(new IllegalStateException("a fake cannot draw"));
  private volatile Runnable onClose = () -> {};
  private long plans;

  /** A trainer that is ready, paused, and never trains. */
  public FakeTrainer() {
    this.real = Optional.empty();
  }

  private FakeTrainer(TrainerControls real) {
    this.real = Optional.of(real);
  }

  /** Writes every call down and hands it on to a real trainer, whose answers it gives. */
  public static FakeTrainer passingTo(TrainerControls real) {
    return new FakeTrainer(real);
  }

  /** "Ready.", on a "CPU with 2 threads". */
  public static TrainerStatus ready() {
    return new TrainerStatus(
        State.PAUSED, Message.of("trainer.ready"), Optional.of(Message.of("device.cpu", 2)));
  }

  /** What {@link #status()} answers from now on (nothing is published). */
  public FakeTrainer withStatus(TrainerStatus next) {
    status = next;
    return this;
  }

  /** What {@link #notice()} answers from now on. */
  public FakeTrainer withNotice(Message next) {
    notice = next;
    return this;
  }

  /** How a drawing is answered (by default it fails: a fake has no network). */
  public FakeTrainer answeringDrawings(Function<byte[], CompletableFuture<DrawnFeature>> answer) {
    drawings = answer;
    return this;
  }

  /** Runs when the trainer is closed, after the call is written down. */
  public FakeTrainer onClose(Runnable action) {
    onClose = action;
    return this;
  }

  /** The last hyperparameter record handed over. */
  public Hyperparameters lastRecord() {
    return records.get(records.size() - 1);
  }

  /** How many times a call was made, e.g. {@code count("pause")}. */
  public long count(String call) {
    return calls.stream().filter(call::equals).count();
  }

  /** Publishes a step of the run (pane 0) to every listener, on the caller's thread. */
  public void publish(StepSnapshot snapshot) {
    listeners.forEach(l -> l.onSteps(0, List.of(new Comparison.PaneStep(0, snapshot))));
  }

  /** Publishes a new run's origin to every listener, on the caller's thread. */
  public void publish(RunOrigin origin) {
    listeners.forEach(l -> l.onOrigins(0, List.of(origin)));
  }

  public void publish(Checkpoint checkpoint) {
    listeners.forEach(l -> l.onCheckpoint(checkpoint));
  }

  /** Says a status (and answers it from now on), on the caller's thread. */
  public void publish(TrainerStatus next) {
    status = next;
    listeners.forEach(l -> l.onStatus(next));
  }

  /** Says a status from a thread of its own, as a real trainer does, and waits until it is said. */
  public void publishFromAnotherThread(TrainerStatus next) {
    Thread saying = new Thread(() -> publish(next), "fake-trainer");
    saying.start();
    try {
      saying.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void play() {
    calls.add("play");
    real.ifPresent(TrainerControls::play);
  }

  @Override
  public void pause() {
    calls.add("pause");
    real.ifPresent(TrainerControls::pause);
  }

  @Override
  public void playUntil(long step) {
    calls.add("playUntil " + step);
    real.ifPresent(t -> t.playUntil(step));
  }

  @Override
  public void step() {
    calls.add("step");
    real.ifPresent(TrainerControls::step);
  }

  @Override
  public void reset() {
    calls.add("reset");
    real.ifPresent(TrainerControls::reset);
  }

  @Override
  public void branch(Trainer.BranchRequest request) {
    calls.add("branch " + request.step());
    real.ifPresent(t -> t.branch(request));
  }

  @Override
  public synchronized long setPlan(Comparison.Plan plan) {
    calls.add("plan");
    return real.isPresent() ? real.get().setPlan(plan) : ++plans;
  }

  @Override
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    calls.add("drawing");
    return real.isPresent() ? real.get().featureOfDrawing(image) : drawings.apply(image);
  }

  @Override
  public void setHyperparameters(Hyperparameters hyperparameters) {
    records.add(hyperparameters);
    real.ifPresent(t -> t.setHyperparameters(hyperparameters));
  }

  @Override
  public void setStepsPerSecond(double rate) {
    rates.add(rate);
    real.ifPresent(t -> t.setStepsPerSecond(rate));
  }

  @Override
  public void setProbeEvery(int steps) {
    probeIntervals.add(steps);
    real.ifPresent(t -> t.setProbeEvery(steps));
  }

  @Override
  public void addListener(TrainerListener listener) {
    listeners.add(listener);
    real.ifPresent(t -> t.addListener(listener));
  }

  @Override
  public Optional<StepSnapshot> latest() {
    return real.isPresent() ? real.get().latest() : Optional.empty();
  }

  @Override
  public TrainerStatus status() {
    return real.isPresent() ? real.get().status() : status;
  }

  @Override
  public Optional<Message> notice() {
    return real.isPresent() ? real.get().notice() : Optional.ofNullable(notice);
  }

  @Override
  public void close() {
    calls.add("close");
    real.ifPresent(TrainerControls::close);
    onClose.run();
  }
}
