package lab.centerloss.train;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.text.Messages;
import lab.centerloss.train.TrainerStatus.State;

/**
 * Owns the one thread that makes every libtorch call. Commands (play, pause, step, reset, stop)
 * come from any thread and are queued; hyperparameters are read as one immutable record between two
 * steps; after each step an immutable {@link StepSnapshot} is published without blocking.
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

  private enum Command {
    PLAY,
    PAUSE,
    STEP,
    RESET,
    PROBE,
    BRANCH,
    DRAWING,
    STOP
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
  }

  private final AtomicReference<BranchRequest> branchRequest = new AtomicReference<>();

  private final DataSource dataSource;
  private final Settings settings;
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final AtomicReference<Hyperparameters> hyperparameters;
  private final AtomicReference<StepSnapshot> latest = new AtomicReference<>();
  private final AtomicReference<TrainerStatus> status =
      new AtomicReference<>(new TrainerStatus(State.LOADING, Messages.text("trainer.loading"), ""));
  private final List<TrainerListener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /** 0: probe as often as costs at most a fifth of the time (see {@code probeDue}). */
  private final ProbePacing probePacing = new ProbePacing();

  /**
   * Counts resets. A step already under way when reset is asked for belongs to the old run and is
   * not published; {@link #publication} makes that check and the publishing one act, so no stale
   * snapshot can appear after {@link #reset()} returns.
   */
  private final Object publication = new Object();

  private long run;
  private volatile double stepsPerSecond;

  /** The step after which a run started by {@link #playUntil} pauses, if one was set. */
  private final StopAtStep pauseAtStep = new StopAtStep();

  public Trainer(DataSource dataSource, Settings settings, Hyperparameters initial) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.settings = settings;
    this.hyperparameters = new AtomicReference<>(initial.validated());
    thread = new Thread(this::run, "trainer");
    thread.setDaemon(true);
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
    pauseAtStep.clear();
    commands.add(Command.PLAY);
  }

  @Override
  public void pause() {
    pauseAtStep.clear();
    commands.add(Command.PAUSE);
  }

  @Override
  public void playUntil(long step) {
    pauseAtStep.at(step);
    commands.add(Command.PLAY);
  }

  /** Trains exactly one batch, then pauses. */
  @Override
  public void step() {
    commands.add(Command.STEP);
  }

  /** Rebuilds the model from the seed of the current hyperparameters: same seed, same start. */
  @Override
  public void reset() {
    pauseAtStep.clear();
    synchronized (publication) {
      run++;
      latest.set(null);
    }
    commands.add(Command.RESET);
  }

  private long currentRun() {
    synchronized (publication) {
      return run;
    }
  }

  /** Goes on from an earlier step of a run: see {@link BranchRequest}. Pauses there. */
  @Override
  public void branch(BranchRequest request) {
    pauseAtStep.clear();
    synchronized (publication) {
      run++;
      latest.set(null);
    }
    branchRequest.set(request);
    commands.add(Command.BRANCH);
  }

  /** A drawn digit waiting for the trainer thread, and who waits for its feature. */
  private record PendingDrawing(byte[] image, CompletableFuture<DrawnFeature> result) {}

  private final AtomicReference<PendingDrawing> pendingDrawing = new AtomicReference<>();

  /**
   * The feature of a drawn digit (prepared as MNIST's were) under the network as it is now,
   * computed on the trainer thread between two steps. Only the newest drawing is kept: an older one
   * still waiting is cancelled, so a student drawing fast never queues up work.
   */
  @Override
  public CompletableFuture<DrawnFeature> featureOfDrawing(byte[] image) {
    CompletableFuture<DrawnFeature> result = new CompletableFuture<>();
    PendingDrawing older = pendingDrawing.getAndSet(new PendingDrawing(image.clone(), result));
    if (older != null) {
      older.result().cancel(false);
    }
    commands.add(Command.DRAWING);
    if (ended) {
      refusePendingDrawing(); // no thread left to take it
    }
    return result;
  }

  /** Probes the test images now, after the current step. */
  public void requestProbe() {
    commands.add(Command.PROBE);
  }

  /** A probe again, and with it the status: both in the language now in use. */
  @Override
  public void refreshStatus() {
    requestProbe();
  }

  /** Ends the thread after the current step; the trainer cannot be restarted. */
  public void stop() {
    commands.add(Command.STOP);
  }

  /** Takes effect at the next step (model size and seed at the next reset). */
  @Override
  public void setHyperparameters(Hyperparameters next) {
    hyperparameters.set(next.validated());
  }

  public Hyperparameters hyperparameters() {
    return hyperparameters.get();
  }

  /**
   * Probe the test images every {@code steps} steps (0: automatically, up to a fifth of the time).
   */
  @Override
  public void setProbeEvery(int steps) {
    probePacing.setEverySteps(steps);
  }

  /** Limits the pace so a class can follow; 0 trains as fast as possible. */
  @Override
  public void setStepsPerSecond(double rate) {
    stepsPerSecond = Math.max(0, rate);
  }

  /** The last published snapshot, empty before the first step and after a reset. */
  @Override
  public Optional<StepSnapshot> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public TrainerStatus status() {
    return status.get();
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

  /** The thread has ended (stopped, failed, or no data): a drawing can no longer be answered. */
  private volatile boolean ended;

  private void run() {
    try {
      trainUntilStopped();
    } finally {
      ended = true;
      refusePendingDrawing();
    }
  }

  /** A drawing waiting when the thread ends gets a failure, not a wait without end. */
  private void refusePendingDrawing() {
    PendingDrawing drawing = pendingDrawing.getAndSet(null);
    if (drawing != null) {
      drawing.result().completeExceptionally(new IllegalStateException("the trainer has stopped"));
    }
  }

  private void trainUntilStopped() {
    TrainingEngine engine;
    try {
      engine = openEngine(dataSource.load());
    } catch (DataSetException e) {
      publish(new TrainerStatus(State.NO_DATA, e.getMessage(), ""));
      return;
    } catch (RuntimeException | LinkageError e) {
      publish(
          new TrainerStatus(
              State.FAILED, Messages.text("trainer.cannotStart", Torch.errorMessage(e)), ""));
      return;
    }
    String device = engine.deviceDescription();
    try (engine) {
      loop(engine);
    }
    // A failure stays on screen: "Stopped." must not replace its message.
    if (status.get().state() != State.FAILED) {
      publish(new TrainerStatus(State.STOPPED, Messages.text("trainer.stopped"), device));
    }
  }

  private TrainingEngine openEngine(MnistDataSet dataSet) {
    try {
      return TrainingEngine.open(dataSet, settings.device(), settings.threads());
    } catch (DeviceUnavailableException e) {
      // A window asked for the GPU on a machine without one: say so once, train on the CPU.
      notice = Messages.text("device.fallback", e.getMessage());
      return TrainingEngine.open(dataSet, DeviceChoice.CPU, settings.threads());
    }
  }

  private void loop(TrainingEngine engine) {
    String device = engine.deviceDescription();
    long sessionRun = currentRun();
    TrainingSession session = null;
    ProbeResult probe = null;
    boolean running = false;
    boolean diverged = false;
    long nextStepAt = System.nanoTime();
    try {
      session = engine.newSession(hyperparameters.get());
      publishOrigin(session, sessionRun);
      publishCheckpoint(session, sessionRun);
      publish(new TrainerStatus(State.PAUSED, Messages.text("trainer.ready"), device));
      while (true) {
        Command command = nextCommand(running, nextStepAt);
        device = engine.deviceDescription(); // in the language now in use
        boolean stepNow = running && command == null;
        if (command != null) {
          switch (command) {
            case STOP -> {
              return;
            }
            case PLAY -> running = !diverged;
            case PAUSE -> running = false;
            case STEP -> {
              running = false;
              stepNow = !diverged;
            }
            case RESET -> {
              session.close();
              sessionRun = currentRun();
              session = engine.newSession(hyperparameters.get());
              publishOrigin(session, sessionRun);
              publishCheckpoint(session, sessionRun);
              probe = null;
              diverged = false;
              running = false;
            }
            case BRANCH -> {
              BranchRequest request = branchRequest.getAndSet(null);
              session.close();
              session = null;
              sessionRun = currentRun();
              session = engine.newSession(request.start());
              session.restore(request.checkpoint());
              for (Hyperparameters replayed : request.replay()) {
                session.step(replayed, false);
              }
              probe = session.probe(settings.probeSize(), hyperparameters.get().head());
              diverged = false;
              running = false;
            }
            case DRAWING -> {
              PendingDrawing drawing = pendingDrawing.getAndSet(null);
              if (drawing != null) {
                try {
                  drawing
                      .result()
                      .complete(
                          session.featureOfDrawing(drawing.image(), hyperparameters.get().head()));
                } catch (IllegalArgumentException e) {
                  // an image of the wrong size fails the drawing, not the run
                  drawing.result().completeExceptionally(e);
                }
              }
            }
            case PROBE -> {
              probe = session.probe(settings.probeSize(), hyperparameters.get().head());
              StepSnapshot current = latest.get();
              if (current != null) {
                publish(current.withProbe(probe), sessionRun);
              }
            }
          }
          if (command == Command.DRAWING) {
            continue; // nothing about the run changed: no status to say again
          }
          if (!stepNow) {
            publish(
                new TrainerStatus(
                    diverged ? State.DIVERGED : running ? State.RUNNING : State.PAUSED,
                    diverged
                        ? status.get().message()
                        : Messages.text(running ? "trainer.training" : "trainer.paused"),
                    device));
            continue;
          }
        }
        Hyperparameters hp = hyperparameters.get();
        // A single step, or a paced run, has time for the extra forward pass that records
        // where the batch's features went; a run at full speed does not spend a third of
        // its time on it.
        StepSnapshot snapshot = session.step(hp, !running || stepsPerSecond > 0);
        // the pause is decided here, between steps, so no step past the limit is trained
        boolean stopHere = running && pauseAtStep.reached(snapshot.step());
        if (stopHere) {
          running = false;
        }
        if (probe == null || !running || probePacing.due(snapshot.step())) {
          TrainingSession stepped = session;
          probe = probePacing.timed(() -> stepped.probe(settings.probeSize(), hp.head()));
        }
        publish(snapshot.withProbe(probe), sessionRun);
        if (CheckpointPolicy.due(snapshot.step(), hp.model())) {
          publishCheckpoint(session, sessionRun);
        }
        if (snapshot.diverged()) {
          running = false;
          diverged = true;
          publish(new TrainerStatus(State.DIVERGED, snapshot.divergence().get(), device));
        } else if (stopHere) {
          publish(new TrainerStatus(State.PAUSED, Messages.text("trainer.paused"), device));
        }
        double rate = stepsPerSecond;
        nextStepAt = rate > 0 ? System.nanoTime() + (long) (1e9 / rate) : System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // libtorch reports its errors as RuntimeException with the C++ message.
      publish(
          new TrainerStatus(
              State.FAILED, Messages.text("trainer.failed", Torch.errorMessage(e)), device));
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  /** A sentence for the window to show once (e.g. the GPU fallback), or empty. */
  private volatile String notice = "";

  @Override
  public String notice() {
    return notice;
  }

  /** The next command; while running, waits at most until the next step is due. */
  private Command nextCommand(boolean running, long nextStepAt) throws InterruptedException {
    if (!running) {
      return commands.take();
    }
    long wait = nextStepAt - System.nanoTime();
    return wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : commands.poll();
  }

  private void publishOrigin(TrainingSession session, long ofRun) {
    RunOrigin origin = session.origin(hyperparameters.get(), settings.probeSize());
    synchronized (publication) {
      if (ofRun != run) {
        return;
      }
      for (TrainerListener listener : listeners) {
        listener.onOrigin(origin);
      }
    }
  }

  private void publishCheckpoint(TrainingSession session, long ofRun) {
    Checkpoint checkpoint = session.checkpoint();
    synchronized (publication) {
      if (ofRun != run) {
        return;
      }
      for (TrainerListener listener : listeners) {
        listener.onCheckpoint(checkpoint);
      }
    }
  }

  private void publish(StepSnapshot snapshot, long ofRun) {
    synchronized (publication) {
      if (ofRun != run) {
        return; // reset was asked for while this step ran
      }
      latest.set(snapshot);
      for (TrainerListener listener : listeners) {
        listener.onSnapshot(snapshot);
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
