package lab.centerloss.train;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Message;
import lab.centerloss.train.TrainerStatus.State;

/**
 * The actor that trains: one thread that makes every libtorch call of its runs (the window's one
 * run, or a comparison's runs, {@link Comparison}), a mailbox of commands from any thread, one
 * handler per command, and the run's state in one object that only that thread touches. A command
 * carries what it needs; one that replaces another still waiting (a new run, new settings, a pace,
 * a drawing) takes its place, so clicks faster than the trainer never queue up work nor leave a
 * command without its request. After each step an immutable {@link StepSnapshot} per pane is
 * published without blocking.
 */
public final class Trainer implements TrainerControls {
  /** Loads the data set on the trainer's thread, so that a slow disk never stalls the caller. */
  @FunctionalInterface
  public interface DataSource {
    MnistDataSet load() throws DataSetException;
  }

  /** How the trainer is set up; the hyperparameters can change later, these cannot. */
  public record Settings(DeviceChoice device, int threads, int probeSize) {
    public static Settings defaults() {
      return new Settings(DeviceChoice.AUTO, 0, 2000);
    }
  }

  /**
   * Go on from a checkpoint of a run: restore it, train the recorded steps after it again with
   * their recorded settings (the same batches: this is deterministic on the CPU), then pause at the
   * last of them. Nothing of the replayed steps is published: the run already has them.
   *
   * @param start the run's settings at its start (model, seed, center start)
   * @param replay the settings of each step from the checkpoint's to the branch point, in order
   */
  public record BranchRequest(
      Checkpoint checkpoint, Hyperparameters start, List<Hyperparameters> replay) {
    public BranchRequest {
      replay = List.copyOf(replay);
    }

    /** The step the branch continues from. */
    public long step() {
      return checkpoint.step() + replay.size();
    }

    /**
     * The settings of the step the branch continues from (its checkpoint's when none is replayed).
     */
    public Hyperparameters settingsAtBranch() {
      return replay.isEmpty() ? start : replay.get(replay.size() - 1);
    }
  }

  /** What the mailbox carries: each command with the data it needs. */
  private interface Command {}

  private record Play() implements Command {}

  private record PlayUntil(long step) implements Command {}

  private record Pause() implements Command {}

  private record Step() implements Command {}

  private record Probe() implements Command {}

  private record Stop() implements Command {}

  /** The run again from the seed; {@code run} is its number. */
  private record Reset(long run) implements Command {}

  private record Branch(BranchRequest request, long run) implements Command {}

  private record NewPlan(Comparison.Plan plan, long run) implements Command {}

  private record Drawing(byte[] image, CompletableFuture<DrawnFeature> result) implements Command {}

  private record NewSettings(Hyperparameters hyperparameters) implements Command {}

  private record Pace(double stepsPerSecond) implements Command {}

  private record ProbeEvery(int steps) implements Command {}

  /** Where a request that replaces its predecessor waits: one of each at most. */
  private enum Slot {
    /** Reset, branch and a new plan: each replaces the runs, so the latest wins. */
    RUNS,
    SETTINGS,
    PACE,
    PROBE_EVERY,
    DRAWING
  }

  /** Everything the trainer's thread knows of the run; no other thread touches it. */
  private static final class RunState implements AutoCloseable {
    final TrainingEngine engine;
    final Optional<Message> device;
    final ProbePacing probePacing = new ProbePacing();

    /** The runs trained; null until the first plan (a comparison's trainer starts without). */
    Comparison runs;

    /** The number the runs' publications carry. */
    long run;

    /** The settings of a plan of one run for its next step (and for the next reset). */
    Hyperparameters hyperparameters;

    boolean running;

    /** Why the runs stopped, once every one of them diverged; null while they train. */
    Message divergence;

    /** The step after which a run started by {@link #playUntil} pauses; 0 for none. */
    long pauseAt;

    double stepsPerSecond;
    long nextStepAt = System.nanoTime();

    /** What was last published, for a probe asked for later to republish. */
    List<Comparison.PaneStep> lastSteps = List.of();

    RunState(TrainingEngine engine, Hyperparameters hyperparameters) {
      this.engine = engine;
      this.device = Optional.of(engine.deviceDescription());
      this.hyperparameters = hyperparameters;
    }

    boolean canStep() {
      return runs != null && !runs.allDiverged();
    }

    @Override
    public void close() {
      try {
        if (runs != null) {
          runs.close();
        }
      } finally {
        engine.close();
      }
    }
  }

  private final DataSource dataSource;
  private final Settings settings;

  /** The window's run to build at start; empty for a comparison, which waits for its plan. */
  private final Optional<Hyperparameters> initial;

  private final TrainerMailbox<Command> mailbox = new TrainerMailbox<>();
  private final AtomicReference<StepSnapshot> latest = new AtomicReference<>();
  private final AtomicReference<TrainerStatus> status =
      new AtomicReference<>(TrainerStatus.loading());
  private final List<TrainerListener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /**
   * Counts runs (resets, branches, plans). A step already under way when a new run is asked for
   * belongs to the old one and is not published; this lock makes that check and the publishing one
   * act, so no stale snapshot can appear after {@link #reset()} returns.
   */
  private final Object publication = new Object();

  private long run;

  /** Something to say once (e.g. the GPU fallback); null for nothing. */
  private volatile Message notice;

  /** The window's trainer: builds its run from these settings and waits, ready. */
  public Trainer(DataSource dataSource, Settings settings, Hyperparameters initial) {
    this(dataSource, settings, Optional.of(initial.validated()), "trainer");
  }

  private Trainer(
      DataSource dataSource,
      Settings settings,
      Optional<Hyperparameters> initial,
      String threadName) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.settings = settings;
    this.initial = initial;
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  /**
   * A comparison's trainer: it waits for a plan ({@link #setPlan}); with several runs, each trains
   * on a worker of its own (see {@link Comparison}).
   */
  public static Trainer forComparison(DataSource dataSource, Settings settings) {
    return new Trainer(dataSource, settings, Optional.empty(), "comparison-trainer");
  }

  /** Starts the trainer's thread, which loads libtorch and the data and then waits, paused. */
  public Trainer launch() {
    thread.start();
    return this;
  }

  @Override
  public void addListener(TrainerListener listener) {
    listeners.add(listener);
  }

  @Override
  public void play() {
    mailbox.post(new Play());
  }

  @Override
  public void pause() {
    mailbox.post(new Pause());
  }

  @Override
  public void playUntil(long step) {
    mailbox.post(new PlayUntil(step));
  }

  /** Trains exactly one batch, then pauses. */
  @Override
  public void step() {
    mailbox.post(new Step());
  }

  /** Rebuilds the model from the seed of the current hyperparameters: same seed, same start. */
  @Override
  public void reset() {
    mailbox.replace(Slot.RUNS, new Reset(nextRun()));
  }

  /** Goes on from an earlier step of a run: see {@link BranchRequest}. Pauses there. */
  @Override
  public void branch(BranchRequest request) {
    mailbox.replace(Slot.RUNS, new Branch(Objects.requireNonNull(request), nextRun()));
  }

  @Override
  public long setPlan(Comparison.Plan plan) {
    long number = nextRun();
    mailbox.replace(Slot.RUNS, new NewPlan(Objects.requireNonNull(plan), number));
    return number;
  }

  /** A new run number: from now on, what an older run publishes is dropped. */
  private long nextRun() {
    synchronized (publication) {
      run++;
      latest.set(null);
      return run;
    }
  }

  /**
   * The feature of a drawn digit (prepared as MNIST's were) under the network as it is now,
   * computed on the trainer thread between two steps. Only the newest drawing is kept: an older one
   * still waiting is cancelled, so a student drawing fast never queues up work.
   */
  @Override
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    Drawing drawing = new Drawing(image.clone(), new CompletableFuture<>());
    mailbox
        .replace(Slot.DRAWING, drawing)
        .ifPresent(
            never -> {
              if (never == drawing) {
                refuse(drawing); // the trainer has ended: no thread left to take it
              } else {
                ((Drawing) never).result().cancel(false);
              }
            });
    return drawing.result();
  }

  /** A drawing that no run will answer: it fails rather than waits without end. */
  private static void refuse(Drawing drawing) {
    drawing.result().completeExceptionally(new IllegalStateException("the trainer has stopped"));
  }

  /** Probes the test images now, after the current step. */
  public void requestProbe() {
    mailbox.post(new Probe());
  }

  /** Ends the thread after the current step; the trainer cannot be restarted. */
  public void stop() {
    mailbox.post(new Stop());
  }

  /** Takes effect at the next step (model size and seed at the next reset). */
  @Override
  public void setHyperparameters(Hyperparameters next) {
    mailbox.replace(Slot.SETTINGS, new NewSettings(next.validated()));
  }

  /**
   * Probe the test images every {@code steps} steps (0: automatically, up to a fifth of the time).
   */
  @Override
  public void setProbeEvery(int steps) {
    mailbox.replace(Slot.PROBE_EVERY, new ProbeEvery(steps));
  }

  /** Limits the pace so a class can follow; 0 trains as fast as possible. */
  @Override
  public void setStepsPerSecond(double rate) {
    mailbox.replace(Slot.PACE, new Pace(Math.max(0, rate)));
  }

  /**
   * The last published snapshot of the first pane, empty before the first step and after a reset.
   */
  @Override
  public Optional<StepSnapshot> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public TrainerStatus status() {
    return status.get();
  }

  @Override
  public Optional<Message> notice() {
    return Optional.ofNullable(notice);
  }

  @Override
  public void close() {
    stop();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      RunState state = open();
      if (state != null) {
        train(state);
      }
    } finally {
      // a drawing waiting when the thread ends gets a failure, not a wait without end
      for (Command left : mailbox.close()) {
        if (left instanceof Drawing drawing) {
          refuse(drawing);
        }
      }
    }
  }

  /** libtorch, the device and the data; null when they cannot be had (the status says why). */
  private RunState open() {
    try {
      // a comparison's trainer has no run of its own until its plan: a reset would train these
      return new RunState(
          openEngine(dataSource.load()), initial.orElse(Hyperparameters.defaults()));
    } catch (DataSetException e) {
      // the reader's sentence, as it said it
      publish(
          new TrainerStatus(
              State.NO_DATA, Message.of("trainer.noData", e.reason()), Optional.empty()));
      return null;
    } catch (RuntimeException | LinkageError e) {
      publish(
          new TrainerStatus(
              State.FAILED,
              Message.of("trainer.cannotStart", Torch.errorReason(e)),
              Optional.empty()));
      return null;
    }
  }

  private TrainingEngine openEngine(MnistDataSet dataSet) {
    try {
      return TrainingEngine.open(dataSet, settings.device(), settings.threads());
    } catch (DeviceUnavailableException e) {
      // The GPU was asked for on a machine without one: say so once, train on the CPU.
      notice = Message.of("device.fallback", e.reason());
      return TrainingEngine.open(dataSet, DeviceChoice.CPU, settings.threads());
    }
  }

  /** Builds the first run, then takes commands and trains until stopped or failed. */
  private void train(RunState state) {
    try (state) {
      if (initial.isPresent()) {
        build(state, new Comparison.Plan(List.of(state.hyperparameters), false, Optional.empty()));
        announce(state);
        publish(new TrainerStatus(State.PAUSED, Message.of("trainer.ready"), state.device));
      } else {
        publishState(state);
      }
      while (true) {
        Optional<Command> command =
            state.running ? mailbox.takeBefore(state.nextStepAt) : Optional.of(mailbox.take());
        if (command.isEmpty()) {
          trainOneStep(state);
        } else if (command.get() instanceof Stop) {
          break;
        } else {
          handle(command.get(), state);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // libtorch reports its errors as RuntimeException with the C++ message.
      publish(
          new TrainerStatus(
              State.FAILED, Message.of("trainer.failed", Torch.errorReason(e)), state.device));
      return;
    }
    // A failure stays on screen: "Stopped." must not replace its message.
    publish(new TrainerStatus(State.STOPPED, Message.of("trainer.stopped"), state.device));
  }

  private void handle(Command command, RunState state) {
    if (command instanceof Play) {
      onPlay(state);
    } else if (command instanceof PlayUntil until) {
      onPlayUntil(state, until);
    } else if (command instanceof Pause) {
      onPause(state);
    } else if (command instanceof Step) {
      onStep(state);
    } else if (command instanceof Probe) {
      onProbe(state);
    } else if (command instanceof Reset reset) {
      onReset(state, reset);
    } else if (command instanceof Branch branch) {
      onBranch(state, branch);
    } else if (command instanceof NewPlan plan) {
      onPlan(state, plan);
    } else if (command instanceof Drawing drawing) {
      onDrawing(state, drawing);
    } else if (command instanceof NewSettings next) {
      onSettings(state, next);
    } else if (command instanceof Pace pace) {
      onPace(state, pace);
    } else if (command instanceof ProbeEvery every) {
      onProbeEvery(state, every);
    } else {
      throw new IllegalStateException("no handler for " + command);
    }
  }

  private void onPlay(RunState state) {
    state.pauseAt = 0;
    state.running = state.canStep();
    publishState(state);
  }

  private void onPlayUntil(RunState state, PlayUntil until) {
    state.pauseAt = Math.max(1, until.step());
    state.running = state.canStep();
    publishState(state);
  }

  private void onPause(RunState state) {
    state.pauseAt = 0;
    state.running = false;
    publishState(state);
  }

  private void onStep(RunState state) {
    state.running = false;
    if (state.canStep()) {
      trainOneStep(state);
    } else {
      publishState(state);
    }
  }

  /** A new probe of the latest step of every pane, published again with it. */
  private void onProbe(RunState state) {
    if (state.runs != null && !state.lastSteps.isEmpty()) {
      state.lastSteps = state.runs.probe(state.lastSteps);
      publishSteps(state.run, state.lastSteps);
    }
    publishState(state);
  }

  private void onReset(RunState state, Reset reset) {
    state.run = reset.run();
    build(state, new Comparison.Plan(List.of(state.hyperparameters), false, Optional.empty()));
    announce(state);
    publishState(state);
  }

  /**
   * The run re-trained to the branch point; nothing is announced, the run already has its steps.
   */
  private void onBranch(RunState state, Branch branch) {
    state.run = branch.run();
    // the network the checkpoint holds decides its shape: settings of another shape (the window's
    // sliders before a run of another feature size or other known digits was opened) keep their
    // other values only
    state.hyperparameters =
        state.hyperparameters.withStructureOf(branch.request().settingsAtBranch());
    build(
        state,
        new Comparison.Plan(List.of(state.hyperparameters), false, Optional.of(branch.request())));
    state.runs.origins(); // for the probes that ride along the next steps
    publishState(state);
  }

  private void onPlan(RunState state, NewPlan plan) {
    state.run = plan.run();
    publish(new TrainerStatus(State.LOADING, Message.of("compare.building"), state.device));
    build(state, plan.plan());
    announce(state);
    publishState(state);
  }

  /** Replaces the runs by a plan's, paused at their first step. */
  private void build(RunState state, Comparison.Plan plan) {
    if (state.runs != null) {
      state.runs.close();
      state.runs = null;
    }
    state.running = false;
    state.pauseAt = 0;
    state.divergence = null;
    state.lastSteps = List.of();
    state.runs = Comparison.open(state.engine, plan, settings.probeSize());
    if (plan.runs().size() == 1) {
      state.hyperparameters = plan.runs().get(0);
    }
  }

  /** A new run's panes at their first step, and the checkpoint there of a plan of one run. */
  private void announce(RunState state) {
    publishOrigins(state.run, state.runs.origins());
    if (state.runs.plan().runs().size() == 1) {
      publishCheckpoint(state.run, state.runs.checkpoint(0));
    }
  }

  private void onDrawing(RunState state, Drawing drawing) {
    if (state.runs == null) {
      refuse(drawing);
      return;
    }
    try {
      drawing.result().complete(state.runs.featureOfDrawing(0, drawing.image()));
    } catch (IllegalArgumentException e) {
      // an image of the wrong size fails the drawing, not the run
      drawing.result().completeExceptionally(e);
    }
  }

  private void onSettings(RunState state, NewSettings next) {
    state.hyperparameters = next.hyperparameters();
    if (state.runs != null && state.runs.plan().runs().size() == 1) {
      state.runs.useSettings(0, next.hyperparameters());
    }
  }

  private void onProbeEvery(RunState state, ProbeEvery every) {
    state.probePacing.setEverySteps(every.steps());
  }

  private void onPace(RunState state, Pace pace) {
    state.stepsPerSecond = pace.stepsPerSecond();
    if (pace.stepsPerSecond() > 0) {
      // a faster pace starts now, not after the wait the slower one asked for
      state.nextStepAt =
          Math.min(state.nextStepAt, System.nanoTime() + (long) (1e9 / pace.stepsPerSecond()));
    } else {
      state.nextStepAt = System.nanoTime();
    }
  }

  /**
   * One step of every run: the pause asked for (decided here, between steps, so no step past the
   * limit is trained), the step, a probe when due ({@link ProbePacing}), a checkpoint when due
   * ({@link CheckpointPolicy}), and the stop when every run diverged.
   */
  private void trainOneStep(RunState state) {
    Comparison runs = state.runs;
    long step = runs.stepsDone() + 1;
    if (state.running && state.pauseAt > 0 && step >= state.pauseAt) {
      state.running = false; // this is the last step: it is probed, and the status says paused
      state.pauseAt = 0;
    }
    boolean single = runs.plan().runs().size() == 1;
    // A single step, or a paced run, has time for the extra forward pass that records where the
    // batch's features went; a run at full speed does not spend a third of its time on it.
    List<Comparison.PaneStep> steps = runs.step(!state.running || state.stepsPerSecond > 0);
    if (!state.running || state.probePacing.due(step)) {
      List<Comparison.PaneStep> stepped = steps;
      steps = state.probePacing.timed(() -> runs.probe(stepped));
    }
    state.lastSteps = steps;
    publishSteps(state.run, steps);
    if (single && CheckpointPolicy.due(step, runs.settings(0).model())) {
      publishCheckpoint(state.run, runs.checkpoint(0));
    }
    if (runs.allDiverged()) {
      state.running = false;
      state.divergence =
          runs.plan().panes() == 1
              ? steps.get(0).snapshot().divergence().orElseThrow()
              : Message.of("compare.allDiverged");
    }
    if (!state.running) {
      publishState(state);
    }
    double rate = state.stepsPerSecond;
    state.nextStepAt = rate > 0 ? System.nanoTime() + (long) (1e9 / rate) : System.nanoTime();
  }

  /** Says where the runs stand: none yet, diverged, training or paused. */
  private void publishState(RunState state) {
    if (state.runs == null) {
      publish(new TrainerStatus(State.PAUSED, Message.of("compare.noPlan"), state.device));
    } else if (state.divergence != null) {
      publish(new TrainerStatus(State.DIVERGED, state.divergence, state.device));
    } else if (state.running) {
      publish(new TrainerStatus(State.RUNNING, Message.of("trainer.training"), state.device));
    } else {
      publish(new TrainerStatus(State.PAUSED, Message.of("trainer.paused"), state.device));
    }
  }

  private void publishOrigins(long ofRun, List<RunOrigin> origins) {
    synchronized (publication) {
      if (ofRun != run) {
        return;
      }
      for (TrainerListener listener : listeners) {
        listener.onOrigins(ofRun, origins);
      }
    }
  }

  private void publishCheckpoint(long ofRun, Checkpoint checkpoint) {
    synchronized (publication) {
      if (ofRun != run) {
        return;
      }
      for (TrainerListener listener : listeners) {
        listener.onCheckpoint(checkpoint);
      }
    }
  }

  private void publishSteps(long ofRun, List<Comparison.PaneStep> steps) {
    synchronized (publication) {
      if (ofRun != run) {
        return; // a new run was asked for while this step ran
      }
      if (!steps.isEmpty() && steps.get(0).pane() == 0) {
        latest.set(steps.get(0).snapshot());
      }
      for (TrainerListener listener : listeners) {
        listener.onSteps(ofRun, steps);
      }
    }
  }

  private void publish(TrainerStatus next) {
    status.set(next);
    for (TrainerListener listener : listeners) {
      listener.onStatus(next);
    }
  }
}
