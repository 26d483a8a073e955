package lab.centerloss.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * Several runs trained side by side, each step of every run at the same time. They share the seed,
 * so the same initial weights and the same batch order: what differs between the planes is the one
 * setting compared. Each plane is a pane: one per run, or two for the train/test pair (the same
 * run, its training images on the left, its test images on the right).
 *
 * <p>With several runs, each has a worker thread of its own, which makes, trains, probes and closes
 * that run's session: a session still belongs to one thread for its whole life, and the runs use
 * the cores together instead of in turn. Each waits for all before a step is published, so the runs
 * move together. (libtorch's intra-op threads are process-wide; with runs in parallel, one each is
 * what a 2-core machine wants: see {@link #threads(int)}.) A plan of one run (the window's) trains
 * on the thread that opened it, which then makes every call of its session.
 */
public final class Comparison implements AutoCloseable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * What to compare.
   *
   * @param runs 1 to 4 runs (exactly 1 for the train/test pair)
   * @param trainAndTest whether the one run is drawn twice, training images beside test images
   * @param start where the runs start: empty for step 0 of the seed, or a step of another run
   *     (re-trained from its checkpoint), so that the runs are siblings
   */
  public record Plan(
      List<Hyperparameters> runs, boolean trainAndTest, Optional<Trainer.BranchRequest> start) {
    public static final int MAX_RUNS = 4;

    public Plan {
      runs = List.copyOf(runs);
      if (runs.isEmpty() || runs.size() > MAX_RUNS) {
        throw new IllegalArgumentException(
            "a comparison holds 1 to " + MAX_RUNS + " runs, not " + runs.size());
      }
      if (trainAndTest && runs.size() != 1) {
        throw new IllegalArgumentException("the train/test pair is one run");
      }
      for (Hyperparameters run : runs) {
        run.validated();
        if (run.model() != runs.get(0).model()
            || run.seed() != runs.get(0).seed()
            || run.knownDigits() != runs.get(0).knownDigits()) {
          throw new IllegalArgumentException("compared runs share model, seed and digits");
        }
      }
      start = start == null ? Optional.empty() : start;
    }

    public static Plan of(ComparisonPreset preset, Hyperparameters base) {
      return new Plan(preset.runs(base), preset.trainAndTest(), Optional.empty());
    }

    public int panes() {
      return trainAndTest ? 2 : runs.size();
    }

    /** The step the runs start from (0 unless they branch from another run). */
    public long firstStep() {
      return start.map(Trainer.BranchRequest::step).orElse(0L);
    }
  }

  /**
   * libtorch's CPU threads for a comparison: the runs train at once, so each gets few. One per two
   * processors but one, at least one: on 2 cores, 1 (`bench --compare 2`: 7.4 steps/s per run with
   * 1 thread, 6.4 with 2; the runs in turn on one thread gave 5.8).
   *
   * @param asked threads asked for; 0 for this rule
   */
  public static int threads(int asked) {
    return asked > 0 ? asked : Math.max(1, (Runtime.getRuntime().availableProcessors() - 1) / 2);
  }

  /** One pane's new step; panes whose run diverged earlier have none. */
  public record PaneStep(int pane, StepSnapshot snapshot) {}

  private final Plan plan;
  private final int probeSize;

  /** Run r's session, made, used and closed only on {@code workers[r]} (or the caller's thread). */
  private final TrainingSession[] sessions;

  /**
   * One thread per run when there are several, so that they use the cores together; none for a plan
   * of one run, which trains on the thread that opened it (the window's trainer).
   */
  private final ExecutorService[] workers;

  /** Each run's settings for its next step: the plan's, or the window's sliders for one run. */
  private final Hyperparameters[] settings;

  private final boolean[] diverged;
  private final ProbeResult[] probes;
  private long stepsDone;

  /**
   * Per run, the wall time its worker spent inside training steps and the processor time its thread
   * had meanwhile ({@code bench --compare} reads them: a worker idle while another finishes is the
   * lockstep's cost; processor time short of wall time is a thread kept off its core).
   */
  private final long[] stepNanos;

  private final long[] stepCpuNanos;

  private Comparison(Plan plan, int probeSize) {
    this.plan = plan;
    this.probeSize = probeSize;
    int runs = plan.runs().size();
    sessions = new TrainingSession[runs];
    settings = plan.runs().toArray(new Hyperparameters[0]);
    workers = runs > 1 ? new ExecutorService[runs] : null;
    for (int r = 0; workers != null && r < runs; r++) {
      String name = "comparison-run-" + (r + 1);
      workers[r] =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
              });
    }
    diverged = new boolean[runs];
    stepNanos = new long[runs];
    stepCpuNanos = new long[runs];
    probes = new ProbeResult[plan.panes()];
    stepsDone = plan.firstStep();
  }

  /** Builds every run's network (re-training from the start's checkpoint when branching). */
  public static Comparison open(TrainingEngine engine, Plan plan, int probeSize) {
    Comparison comparison = new Comparison(plan, probeSize);
    try {
      comparison.onEachRun(
          r -> {
            Hyperparameters run = plan.runs().get(r);
            if (plan.start().isPresent()) {
              Trainer.BranchRequest start = plan.start().get();
              TrainingSession session = engine.newSession(start.start());
              comparison.sessions[r] = session;
              session.restore(start.checkpoint());
              for (Hyperparameters replayed : start.replay()) {
                session.step(replayed, false);
              }
            } else {
              comparison.sessions[r] = engine.newSession(run);
            }
            return null;
          });
    } catch (RuntimeException e) {
      comparison.close();
      throw e;
    }
    return comparison;
  }

  /** Runs work for every run on that run's worker, all at once, and waits for all of them. */
  private <T> List<T> onEachRun(IntFunction<T> work) {
    return onWorkers(plan.runs().size(), run -> run, work);
  }

  /**
   * As {@link #onEachRun}, per pane, on the worker of the pane's run (the train/test pair's two in
   * turn).
   */
  private <T> List<T> onEachPane(IntFunction<T> work) {
    return onWorkers(plan.panes(), this::runOf, work);
  }

  /**
   * Work for items 0..count-1, each on the worker of its run, all submitted before any is awaited;
   * in turn on this thread for a plan of one run.
   */
  private <T> List<T> onWorkers(int count, IntUnaryOperator runOfItem, IntFunction<T> work) {
    if (workers == null) {
      List<T> results = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        results.add(work.apply(i));
      }
      return results;
    }
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int item = i;
      futures.add(workers[runOfItem.applyAsInt(item)].submit(() -> work.apply(item)));
    }
    return all(futures);
  }

  /** Every result, in order; the first failure is thrown as it was thrown on its worker. */
  private static <T> List<T> all(List<Future<T>> futures) {
    List<T> results = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
        }
        results.add(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the runs trained", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  public Plan plan() {
    return plan;
  }

  /** Each pane before the runs' first step of their own; their probes ride along later steps. */
  public List<RunOrigin> origins() {
    return onEachPane(
        pane -> {
          int run = runOf(pane);
          RunOrigin origin = sessions[run].origin(settings[run], probeSize);
          if (!showsTrainingImages(pane)) {
            probes[pane] = origin.probe();
            return origin;
          }
          probes[pane] = probe(pane, settings[run].head());
          return new RunOrigin(
              origin.hyperparameters(),
              origin.centers(),
              origin.head(),
              probes[pane],
              origin.dataFingerprint());
        });
  }

  /**
   * The settings of a run's next steps (the window's run follows its sliders); the plan's until
   * then.
   */
  public void useSettings(int run, Hyperparameters next) {
    settings[run] = next.validated();
  }

  /** The settings of a run's next step. */
  public Hyperparameters settings(int run) {
    return settings[run];
  }

  /**
   * One step of every run that has not diverged, each with its own settings, all at once; each
   * pane's last probe rides along (see {@link #probe} for a new one).
   *
   * @param withFeaturesAfter also record where each batch's features went (see {@link
   *     TrainingSession#step(Hyperparameters, boolean)})
   */
  public List<PaneStep> step(boolean withFeaturesAfter) {
    List<StepSnapshot> stepped =
        onEachRun(
            run -> {
              if (diverged[run]) {
                return null;
              }
              long wall = System.nanoTime();
              long cpu = THREADS.getCurrentThreadCpuTime();
              StepSnapshot snapshot = sessions[run].step(settings[run], withFeaturesAfter);
              diverged[run] = snapshot.diverged();
              stepCpuNanos[run] += THREADS.getCurrentThreadCpuTime() - cpu;
              stepNanos[run] += System.nanoTime() - wall;
              return snapshot;
            });
    List<PaneStep> panes = new ArrayList<>();
    for (int pane = 0; pane < plan.panes(); pane++) {
      StepSnapshot snapshot = stepped.get(runOf(pane));
      if (snapshot != null) {
        stepsDone = Math.max(stepsDone, snapshot.step());
        // before the first probe there is none to ride along
        panes.add(
            new PaneStep(pane, probes[pane] == null ? snapshot : snapshot.withProbe(probes[pane])));
      }
    }
    return panes;
  }

  /** The same steps with a new probe of each pane whose run did not diverge, all at once. */
  public List<PaneStep> probe(List<PaneStep> steps) {
    List<StepSnapshot> probed =
        onWorkers(
            steps.size(),
            i -> runOf(steps.get(i).pane()),
            i -> {
              PaneStep step = steps.get(i);
              if (step.snapshot().diverged()) {
                return step.snapshot();
              }
              int pane = step.pane();
              probes[pane] = probe(pane, settings[runOf(pane)].head());
              return step.snapshot().withProbe(probes[pane]);
            });
    List<PaneStep> panes = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      panes.add(new PaneStep(steps.get(i).pane(), probed.get(i)));
    }
    return panes;
  }

  /** Everything needed to go on from here exactly as this run would: see {@link Checkpoint}. */
  public Checkpoint checkpoint(int run) {
    return onWorkers(1, i -> run, i -> sessions[run].checkpoint()).get(0);
  }

  /** A drawn digit's feature under a run's network as it is now (see {@link TrainingSession}). */
  public DrawnFeature featureOfDrawing(int run, byte[] image) {
    return onWorkers(1, i -> run, i -> sessions[run].featureOfDrawing(image, settings[run].head()))
        .get(0);
  }

  /**
   * Per run, the wall time its worker has spent inside training steps so far, in nanoseconds (its
   * own thread's clock; read between steps).
   */
  public long[] stepNanos() {
    return stepNanos.clone();
  }

  /** Per run, the processor time its thread had during those steps, in nanoseconds. */
  public long[] stepCpuNanos() {
    return stepCpuNanos.clone();
  }

  /** Steps trained so far by the runs still training (they move together). */
  public long stepsDone() {
    return stepsDone;
  }

  /** Whether every run has diverged: nothing is left to train. */
  public boolean allDiverged() {
    for (boolean d : diverged) {
      if (!d) {
        return false;
      }
    }
    return true;
  }

  private ProbeResult probe(int pane, HeadKind head) {
    TrainingSession session = sessions[runOf(pane)];
    return showsTrainingImages(pane)
        ? session.probeTraining(probeSize, head)
        : session.probe(probeSize, head);
  }

  /** The left pane of the train/test pair shows the training images. */
  private boolean showsTrainingImages(int pane) {
    return plan.trainAndTest() && pane == 0;
  }

  private int runOf(int pane) {
    return plan.trainAndTest() ? 0 : pane;
  }

  @Override
  public void close() {
    try {
      onEachRun(
          run -> {
            if (sessions[run] != null) {
              sessions[run].close();
              sessions[run] = null;
            }
            return null;
          });
    } finally {
      for (int r = 0; workers != null && r < workers.length; r++) {
        workers[r].shutdown();
      }
    }
  }
}
