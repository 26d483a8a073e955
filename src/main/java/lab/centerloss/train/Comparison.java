package lab.centerloss.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several runs trained side by side, one step each in turn, on the thread that owns the engine.
 * They share the seed, so the same initial weights and the same batch order: what differs between
 * the planes is the one setting compared. Each plane is a pane: one per run, or two for the
 * train/test pair (the same run, its training images on the left, its test images on the right).
 */
public final class Comparison implements AutoCloseable {

    /**
     * What to compare.
     *
     * @param runs         1 to 4 runs (exactly 1 for the train/test pair)
     * @param trainAndTest whether the one run is drawn twice, training images beside test images
     * @param start        where the runs start: empty for step 0 of the seed, or a step of another
     *                     run (re-trained from its checkpoint), so that the runs are siblings
     */
    public record Plan(List<Hyperparameters> runs, boolean trainAndTest, Optional<Trainer.BranchRequest> start) {
        public static final int MAX_RUNS = 4;

        public Plan {
            runs = List.copyOf(runs);
            if (runs.isEmpty() || runs.size() > MAX_RUNS) {
                throw new IllegalArgumentException("a comparison holds 1 to " + MAX_RUNS + " runs, not " + runs.size());
            }
            if (trainAndTest && runs.size() != 1) {
                throw new IllegalArgumentException("the train/test pair is one run");
            }
            for (Hyperparameters run : runs) {
                run.validated();
                if (run.model() != runs.get(0).model() || run.seed() != runs.get(0).seed()
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

    /** One pane's new step; panes whose run diverged earlier have none. */
    public record PaneStep(int pane, StepSnapshot snapshot) {
    }

    private final Plan plan;
    private final int probeSize;
    private final List<TrainingSession> sessions = new ArrayList<>();
    private final boolean[] diverged;
    private final ProbeResult[] probes;

    private Comparison(Plan plan, int probeSize) {
        this.plan = plan;
        this.probeSize = probeSize;
        diverged = new boolean[plan.runs().size()];
        probes = new ProbeResult[plan.panes()];
    }

    /** Builds every run's network (re-training from the start's checkpoint when branching). */
    public static Comparison open(TrainingEngine engine, Plan plan, int probeSize) {
        Comparison comparison = new Comparison(plan, probeSize);
        try {
            for (Hyperparameters run : plan.runs()) {
                TrainingSession session;
                if (plan.start().isPresent()) {
                    Trainer.BranchRequest start = plan.start().get();
                    session = engine.newSession(start.start());
                    comparison.sessions.add(session);
                    session.restore(start.checkpoint());
                    for (Hyperparameters replayed : start.replay()) {
                        session.step(replayed, false);
                    }
                } else {
                    session = engine.newSession(run);
                    comparison.sessions.add(session);
                }
            }
        } catch (RuntimeException e) {
            comparison.close();
            throw e;
        }
        return comparison;
    }

    public Plan plan() {
        return plan;
    }

    /** Each pane before the runs' first step of their own. */
    public List<RunOrigin> origins() {
        List<RunOrigin> origins = new ArrayList<>();
        for (int pane = 0; pane < plan.panes(); pane++) {
            TrainingSession session = sessions.get(runOf(pane));
            Hyperparameters hp = plan.runs().get(runOf(pane));
            RunOrigin origin = session.origin(hp, probeSize);
            ProbeResult probe = probe(pane, hp.head());
            probes[pane] = probe;
            origins.add(new RunOrigin(origin.hyperparameters(), origin.centers(), origin.head(), probe,
                    origin.dataFingerprint()));
        }
        return origins;
    }

    /**
     * One step of every run that has not diverged, each with its own settings, in turn.
     *
     * @param probe whether to take new probes after the step (else the last ones ride along)
     */
    public List<PaneStep> step(boolean probe) {
        List<StepSnapshot> stepped = new ArrayList<>();
        for (int run = 0; run < sessions.size(); run++) {
            if (diverged[run]) {
                stepped.add(null);
                continue;
            }
            StepSnapshot snapshot = sessions.get(run).step(plan.runs().get(run), false);
            diverged[run] = snapshot.diverged();
            stepped.add(snapshot);
        }
        List<PaneStep> panes = new ArrayList<>();
        for (int pane = 0; pane < plan.panes(); pane++) {
            StepSnapshot snapshot = stepped.get(runOf(pane));
            if (snapshot == null) {
                continue;
            }
            if (probe && !snapshot.diverged()) {
                probes[pane] = probe(pane, plan.runs().get(runOf(pane)).head());
            }
            // before the first probe there is none to ride along
            panes.add(new PaneStep(pane, probes[pane] == null ? snapshot : snapshot.withProbe(probes[pane])));
        }
        return panes;
    }

    /** Steps trained so far by the runs still training (they move together). */
    public long stepsDone() {
        long most = 0;
        for (TrainingSession session : sessions) {
            most = Math.max(most, session.stepsDone());
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
        TrainingSession session = sessions.get(runOf(pane));
        return plan.trainAndTest() && pane == 0 ? session.probeTraining(probeSize, head) : session.probe(probeSize, head);
    }

    private int runOf(int pane) {
        return plan.trainAndTest() ? 0 : pane;
    }

    @Override
    public void close() {
        for (TrainingSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }
}
