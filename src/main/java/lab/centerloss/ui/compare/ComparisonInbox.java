package lab.centerloss.ui.compare;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.TrainerListener;
import lab.centerloss.train.TrainerStatus;

/**
 * What the comparison's trainer reports, filled on its thread and drained once a frame on the
 * JavaFX thread, so that every pane takes a step at the same frame. Reports of a plan that is no
 * longer the one shown are dropped.
 */
final class ComparisonInbox implements TrainerListener {
  private record Origins(long plan, List<RunOrigin> origins) {}

  private record Steps(long plan, List<Comparison.PaneStep> steps) {}

  private final ConcurrentLinkedQueue<Object> incoming = new ConcurrentLinkedQueue<>();
  private volatile long currentPlan = -1;

  /**
   * Whether the plan followed has its runs built: its origins reached the panes (JavaFX thread).
   */
  private boolean planBuilt;

  @Override
  public void onOrigins(long number, List<RunOrigin> origins) {
    incoming.add(new Origins(number, origins));
  }

  @Override
  public void onSteps(long number, List<Comparison.PaneStep> steps) {
    incoming.add(new Steps(number, steps));
  }

  @Override
  public void onStatus(TrainerStatus status) {
    incoming.add(status);
  }

  /** A plan number no trainer gives: following it takes no plan's runs (recorded runs shown). */
  static final long NO_PLAN = Long.MIN_VALUE;

  /** From now on only this plan's runs are taken; what came of earlier plans is dropped. */
  void follow(long plan) {
    currentPlan = plan;
    planBuilt = false;
    incoming.removeIf(item -> !(item instanceof TrainerStatus) && planOf(item) != plan);
  }

  /**
   * Hands every report to the panes (origins and steps) or to {@code onStatus}; returns the latest
   * step handed to a pane, or -1 when none was.
   */
  long drainInto(List<ComparePane> panes, Consumer<TrainerStatus> onStatus) {
    long latest = -1;
    Object next;
    while ((next = incoming.poll()) != null) {
      if (next instanceof TrainerStatus status) {
        onStatus.accept(status);
      } else if (planOf(next) != currentPlan) {
        continue;
      } else if (next instanceof Origins o) {
        for (int i = 0; i < o.origins().size() && i < panes.size(); i++) {
          panes.get(i).history().listener().onOrigin(o.origins().get(i));
        }
        planBuilt = true;
      } else if (next instanceof Steps s) {
        for (Comparison.PaneStep step : s.steps()) {
          panes.get(step.pane()).history().listener().onSnapshot(step.snapshot());
          latest = Math.max(latest, step.snapshot().step());
        }
      }
    }
    return latest;
  }

  /**
   * Whether the runs of the plan followed are built, so that Play and Step reach them. The
   * trainer's "paused" before it took the plan up says nothing about this plan.
   */
  boolean planBuilt() {
    return planBuilt;
  }

  private static long planOf(Object item) {
    return item instanceof Origins o ? o.plan() : item instanceof Steps s ? s.plan() : -1;
  }
}
