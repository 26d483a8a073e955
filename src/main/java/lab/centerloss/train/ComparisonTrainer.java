package lab.centerloss.train;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import lab.centerloss.data.DataSetException;
import lab.centerloss.text.Messages;
import lab.centerloss.train.TrainerStatus.State;

/**
 * Trains the runs of a {@link Comparison} on one thread of its own, which makes every libtorch call
 * for them: one Play drives them all, one step at a time each, so that the planes stay at the same
 * step. Commands come from any thread and are queued, as for the {@link Trainer}.
 */
public final class ComparisonTrainer implements AutoCloseable {
  private enum Command {
    PLAN,
    PLAY,
    PAUSE,
    STEP,
    STOP
  }

  private final Trainer.DataSource dataSource;
  private final Trainer.Settings settings;
  private final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final AtomicReference<Comparison.Plan> nextPlan = new AtomicReference<>();
  private final AtomicReference<TrainerStatus> status =
      new AtomicReference<>(new TrainerStatus(State.LOADING, Messages.text("trainer.loading"), ""));
  private final List<ComparisonListener> listeners = new CopyOnWriteArrayList<>();
  private final ProbePacing probePacing = new ProbePacing();
  private final Thread thread;

  /** Counts plans; what an old plan publishes after a new one was asked for is dropped. */
  private final Object publication = new Object();

  private long planNumber;

  public ComparisonTrainer(Trainer.DataSource dataSource, Trainer.Settings settings) {
    this.dataSource = Objects.requireNonNull(dataSource);
    this.settings = settings;
    thread = new Thread(this::run, "comparison-trainer");
    thread.setDaemon(true);
  }

  public ComparisonTrainer launch() {
    thread.start();
    return this;
  }

  public void addListener(ComparisonListener listener) {
    listeners.add(listener);
  }

  /**
   * Replaces the runs compared; they are built (from the seed, or re-trained from the start's
   * checkpoint) and shown at their first step, paused.
   *
   * @return the plan's number, which everything it publishes carries
   */
  public long setPlan(Comparison.Plan plan) {
    synchronized (publication) {
      planNumber++;
      nextPlan.set(plan);
      commands.add(Command.PLAN);
      return planNumber;
    }
  }

  public void play() {
    pauseAtStep.clear();
    commands.add(Command.PLAY);
  }

  /**
   * Trains every run until this step, then pauses there (decided between steps, so exactly there).
   */
  public void playUntil(long step) {
    pauseAtStep.at(step);
    commands.add(Command.PLAY);
  }

  public void pause() {
    pauseAtStep.clear();
    commands.add(Command.PAUSE);
  }

  /** The step after which a run started by {@link #playUntil} pauses, if one was set. */
  private final StopAtStep pauseAtStep = new StopAtStep();

  /** One step of every run, then pause. */
  public void step() {
    commands.add(Command.STEP);
  }

  public TrainerStatus status() {
    return status.get();
  }

  /** Every this many steps a probe; 0 (the default) for as often as costs a fifth of the time. */
  public void setProbeEvery(int steps) {
    probePacing.setEverySteps(steps);
  }

  @Override
  public void close() {
    commands.add(Command.STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    TrainingEngine engine;
    try {
      engine = TrainingEngine.open(dataSource.load(), settings.device(), settings.threads());
    } catch (DataSetException e) {
      publish(new TrainerStatus(State.NO_DATA, e.getMessage(), ""));
      return;
    } catch (DeviceUnavailableException e) {
      publish(new TrainerStatus(State.FAILED, e.getMessage(), ""));
      return;
    } catch (RuntimeException | LinkageError e) {
      publish(
          new TrainerStatus(
              State.FAILED, Messages.text("trainer.cannotStart", Torch.errorMessage(e)), ""));
      return;
    }
    try (engine) {
      loop(engine);
    }
    if (status.get().state() != State.FAILED) {
      publish(
          new TrainerStatus(
              State.STOPPED, Messages.text("trainer.stopped"), engine.deviceDescription()));
    }
  }

  private void loop(TrainingEngine engine) {
    String device = engine.deviceDescription();
    Comparison comparison = null;
    long plan = 0;
    boolean running = false;
    publish(new TrainerStatus(State.PAUSED, Messages.text("compare.noPlan"), device));
    try {
      while (true) {
        Command command = running ? commands.poll() : commands.take();
        boolean stepNow = running && command == null;
        if (command != null) {
          switch (command) {
            case STOP -> {
              return;
            }
            case PLAN -> {
              Comparison.Plan next;
              synchronized (publication) {
                next = nextPlan.getAndSet(null);
                plan = planNumber;
              }
              if (next == null) {
                break; // a later PLAN command took it
              }
              if (comparison != null) {
                comparison.close();
                comparison = null;
              }
              running = false;
              publish(new TrainerStatus(State.LOADING, Messages.text("compare.building"), device));
              comparison = Comparison.open(engine, next, settings.probeSize());
              List<RunOrigin> origins = comparison.origins();
              publishOrigins(plan, origins);
            }
            case PLAY -> running = comparison != null && !comparison.allDiverged();
            case PAUSE -> running = false;
            case STEP -> {
              running = false;
              stepNow = comparison != null && !comparison.allDiverged();
            }
          }
          if (!stepNow) {
            publish(statusOf(comparison, running, device));
            continue;
          }
        }
        Comparison current = comparison;
        long nextStep = current.stepsDone() + 1;
        if (running && pauseAtStep.reached(nextStep)) {
          running = false; // this is the last step: it is probed, and the status says paused
        }
        boolean probe = !running || probePacing.due(nextStep);
        List<Comparison.PaneStep> steps =
            probe ? probePacing.timed(() -> current.step(true)) : current.step(false);
        publishSteps(plan, steps);
        if (current.allDiverged() || !running) {
          running = false;
          publish(statusOf(current, false, device));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      publish(
          new TrainerStatus(
              State.FAILED, Messages.text("trainer.failed", Torch.errorMessage(e)), device));
    } finally {
      if (comparison != null) {
        comparison.close();
      }
    }
  }

  private static TrainerStatus statusOf(Comparison comparison, boolean running, String device) {
    if (comparison == null) {
      return new TrainerStatus(State.PAUSED, Messages.text("compare.noPlan"), device);
    }
    if (comparison.allDiverged()) {
      return new TrainerStatus(State.DIVERGED, Messages.text("compare.allDiverged"), device);
    }
    return new TrainerStatus(
        running ? State.RUNNING : State.PAUSED,
        Messages.text(running ? "trainer.training" : "trainer.paused"),
        device);
  }

  private void publishOrigins(long plan, List<RunOrigin> origins) {
    synchronized (publication) {
      if (plan != planNumber) {
        return;
      }
      for (ComparisonListener listener : listeners) {
        listener.onOrigins(plan, origins);
      }
    }
  }

  private void publishSteps(long plan, List<Comparison.PaneStep> steps) {
    synchronized (publication) {
      if (plan != planNumber) {
        return;
      }
      for (ComparisonListener listener : listeners) {
        listener.onSteps(plan, steps);
      }
    }
  }

  private void publish(TrainerStatus next) {
    status.set(next);
    for (ComparisonListener listener : listeners) {
      listener.onStatus(next);
    }
  }
}
