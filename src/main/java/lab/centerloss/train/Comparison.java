package lab.centerloss.train;

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
 * <p>Each run has a worker thread of its own, which makes, trains, probes and closes that run's
 * session: a session still belongs to one thread for its whole life, and the runs use the cores
 * together instead of in turn. Each waits for all before a step is published, so the runs move
 * together. (libtorch's intra-op threads are process-wide; with runs in parallel, one each is what
 * a 2-core machine wants: see {@link #threads(int)}.)
 */
public final class Comparison implements AutoCloseable {

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

  /** Run r's session, made, used and closed only on {@code workers[r]}. */
  private final TrainingSession[] sessions;

  private final ExecutorService[] workers;
  private final boolean[] diverged;
  private final ProbeResult[] probes;

  private Comparison(Plan plan, int probeSize) {
    this.plan = plan;
    this.probeSize = probeSize;
    int runs = plan.runs().size();
    sessions = new TrainingSession[runs];
    workers = new ExecutorService[runs];
    for (int r = 0; r < runs; r++) {
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
    probes = new ProbeResult[plan.panes()];
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
    return onWorkers(workers.length, run -> run, work);
  }

  /**
   * As {@link #onEachRun}, per pane, on the worker of the pane's run (the train/test pair's two in
   * turn).
   */
  private <T> List<T> onEachPane(IntFunction<T> work) {
    return onWorkers(plan.panes(), this::runOf, work);
  }

  /**
   * Work for items 0..count-1, each on the worker of its run, all submitted before any is awaited.
   */
  private <T> List<T> onWorkers(int count, IntUnaryOperator runOfItem, IntFunction<T> work) {
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

  /** Each pane before the runs' first step of their own. */
  public List<RunOrigin> origins() {
    return onEachPane(
        pane -> {
          TrainingSession session = sessions[runOf(pane)];
          Hyperparameters hp = plan.runs().get(runOf(pane));
          RunOrigin origin = session.origin(hp, probeSize);
          ProbeResult probe = probe(pane, hp.head());
          probes[pane] = probe;
          return new RunOrigin(
              origin.hyperparameters(),
              origin.centers(),
              origin.head(),
              probe,
              origin.dataFingerprint());
        });
  }

  /**
   * One step of every run that has not diverged, each with its own settings, all at once.
   *
   * @param probe whether to take new probes after the step (else the last ones ride along)
   */
  public List<PaneStep> step(boolean probe) {
    List<StepSnapshot> stepped =
        onEachRun(
            run -> {
              if (diverged[run]) {
                return null;
              }
              StepSnapshot snapshot = sessions[run].step(plan.runs().get(run), false);
              diverged[run] = snapshot.diverged();
              return snapshot;
            });
    List<StepSnapshot> probed =
        onEachPane(
            pane -> {
              StepSnapshot snapshot = stepped.get(runOf(pane));
              if (snapshot == null) {
                return null;
              }
              if (probe && !snapshot.diverged()) {
                probes[pane] = probe(pane, plan.runs().get(runOf(pane)).head());
              }
              // before the first probe there is none to ride along
              return probes[pane] == null ? snapshot : snapshot.withProbe(probes[pane]);
            });
    List<PaneStep> panes = new ArrayList<>();
    for (int pane = 0; pane < probed.size(); pane++) {
      if (probed.get(pane) != null) {
        panes.add(new PaneStep(pane, probed.get(pane)));
      }
    }
    return panes;
  }

  /** Steps trained so far by the runs still training (they move together). */
  public long stepsDone() {
    long most = 0;
    for (TrainingSession session : sessions) {
      // read after the last step's wait, which orders it after the worker's write
      most = Math.max(most, session == null ? 0 : session.stepsDone());
    }
    return most;
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
    return plan.trainAndTest() && pane == 0
        ? session.probeTraining(probeSize, head)
        : session.probe(probeSize, head);
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
      for (ExecutorService worker : workers) {
        worker.shutdown();
      }
    }
  }
}
