package lab.centerloss.ui.plane;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.ViewWindow;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * Turns the stream of snapshots into smooth motion: each new position is reached by linear
 * interpolation over about the time that passed between the last two snapshots, so points glide
 * continuously instead of jumping once per batch; the view eases towards the cloud's extent. Pure
 * logic on copied arrays; it is told the time, so tests can drive it.
 */
final class PlaneAnimator {
  static final int TRAIL_LENGTH = 400;
  private static final long MIN_GLIDE = 40_000_000L;
  private static final long MAX_CENTER_GLIDE = 600_000_000L;
  private static final long MAX_PROBE_GLIDE = 2_000_000_000L;
  private static final double VIEW_TIME_CONSTANT = 0.4;
  private static final double PADDING = PlaneScenes.PADDING;
  private static final double OUTLIERS = PlaneScenes.OUTLIERS;

  private final Glide centers = new Glide();
  private final Glide probe = new Glide();
  private IntVector probeLabels = IntVector.copyOf(new int[0]);
  private long probeStep = -1;
  private Vec2List batch = Vec2List.copyOf(new float[0]);
  private IntVector batchLabels = IntVector.copyOf(new int[0]);
  private final List<Deque<float[]>> trails = new ArrayList<>();
  private long lastSnapshotAt = -1;
  private long lastStep = -1;
  private WorldBox target = WorldBox.around(0, 0, 1);
  private ViewWindow view;
  private long lastFrameAt = -1;
  private boolean following = true;

  /** Centers glide with the test cloud when a probe arrives, so that both arrive together. */
  private boolean glideTogether;

  /**
   * Whether the centers take as long as the test cloud to reach a new probe's step: for a plane
   * that shows only probed steps, whose centers and cloud must arrive together.
   */
  void setGlideTogether(boolean together) {
    glideTogether = together;
  }

  /** A run at step 0: the untrained network's probe and the centers where they start. */
  void acceptOrigin(RunOrigin origin, long now) {
    clear();
    centers.jumpTo(origin.centers().toArray());
    probe.jumpTo(origin.probe().features().toArray());
    probeLabels = origin.probe().labels();
    probeStep = 0;
    target = WorldBox.robust(origin.probe().features(), origin.centers(), OUTLIERS);
    lastStep = 0;
  }

  /** A new snapshot: its positions become the targets, reached from where the points are now. */
  void accept(StepSnapshot snapshot, long now) {
    long glide =
        lastSnapshotAt < 0 ? MIN_GLIDE : clamp(now - lastSnapshotAt, MIN_GLIDE, MAX_CENTER_GLIDE);
    if (snapshot.step() < lastStep) {
      trails.forEach(Deque::clear); // shown again from an earlier step: the trail starts over
    }
    long centerGlide = glide;
    batch = snapshot.batch().features();
    batchLabels = snapshot.batch().labels();
    ProbeResult p = snapshot.probe().orElse(null);
    if (p != null && p.step() != probeStep) {
      long probeGlide =
          probeStep < 0
              ? MIN_GLIDE
              : clamp(
                  (long) (glide * Math.max(1, p.step() - probeStep)), MIN_GLIDE, MAX_PROBE_GLIDE);
      if (!p.labels().equals(probeLabels)) {
        probe.jumpTo(p.features().toArray());
      } else {
        probe.retarget(p.features().toArray(), now, probeGlide);
      }
      probeLabels = p.labels();
      probeStep = p.step();
      if (glideTogether) {
        centerGlide = probeGlide;
      }
    }
    centers.retarget(snapshot.centers().after().toArray(), now, centerGlide);
    Vec2List after = snapshot.centers().after();
    while (trails.size() < after.size()) {
      trails.add(new ArrayDeque<>());
    }
    for (int j = 0; j < after.size(); j++) {
      Deque<float[]> trail = trails.get(j);
      trail.addLast(new float[] {after.x(j), after.y(j)});
      if (trail.size() > TRAIL_LENGTH) {
        trail.removeFirst();
      }
    }
    target = WorldBox.robust(p != null ? p.features() : batch, after, OUTLIERS);
    lastSnapshotAt = now;
    lastStep = snapshot.step();
  }

  /** Forgets everything (after a reset). */
  void clear() {
    centers.jumpTo(new float[0]);
    probe.jumpTo(new float[0]);
    probeLabels = IntVector.copyOf(new int[0]);
    probeStep = -1;
    batch = Vec2List.copyOf(new float[0]);
    batchLabels = IntVector.copyOf(new int[0]);
    trails.forEach(Deque::clear);
    lastSnapshotAt = -1;
    lastStep = -1;
    target = WorldBox.around(0, 0, 1);
  }

  /** The extent of what is shown: where the view goes while following the data. */
  WorldBox dataBox() {
    return target;
  }

  /**
   * Another extent to follow instead of this plane's own (shared axes of a comparison); null: its
   * own.
   */
  void setSharedTarget(Supplier<WorldBox> shared) {
    sharedTarget = shared;
  }

  private Supplier<WorldBox> sharedTarget;

  private WorldBox goal() {
    WorldBox shared = sharedTarget == null ? null : sharedTarget.get();
    return shared != null ? shared : target;
  }

  void setFollowing(boolean follow) {
    following = follow;
  }

  boolean following() {
    return following;
  }

  /** The view as it stands, for zoom and pan to start from. */
  ViewWindow view(double width, double height) {
    return view != null ? view : goal().fit(width, height, PADDING);
  }

  /** A view chosen by the user (wheel, drag): it stays until following is switched on again. */
  void setView(ViewWindow chosen) {
    view = chosen;
    following = false;
  }

  PlaneScene sceneAt(long now, double width, double height, SceneOptions options) {
    if (view == null) {
      view = goal().fit(width, height, PADDING);
    } else if (following) {
      double seconds = lastFrameAt < 0 ? 1 : (now - lastFrameAt) / 1e9;
      view =
          view.approach(
              goal().fit(width, height, PADDING),
              ViewWindow.easingFraction(seconds, VIEW_TIME_CONSTANT));
    }
    lastFrameAt = now;
    Vec2List empty = Vec2List.copyOf(new float[0]);
    IntVector none = IntVector.copyOf(new int[0]);
    Vec2List probePoints = probe.at(now);
    List<Vec2List> trailLists = new ArrayList<>();
    if (options.trails()) {
      for (Deque<float[]> trail : trails) {
        float[] xy = new float[trail.size() * 2];
        int i = 0;
        for (float[] p : trail) {
          xy[i++] = p[0];
          xy[i++] = p[1];
        }
        trailLists.add(Vec2List.copyOf(xy));
      }
    }
    return new PlaneScene(
        view,
        options.test() && probePoints.size() == probeLabels.size() ? probePoints : empty,
        options.test() && probePoints.size() == probeLabels.size() ? probeLabels : none,
        options.train() ? batch : empty,
        options.train() ? batchLabels : none,
        centers.at(now),
        trailLists,
        options.selectedClass(),
        options.legend(),
        options.caption());
  }

  /** What the user chose to see. */
  record SceneOptions(
      boolean test,
      boolean train,
      boolean trails,
      boolean legend,
      int selectedClass,
      String caption) {}

  /** Positions moving linearly from where they were to where they should be. */
  private static final class Glide {
    private float[] from = new float[0];
    private float[] to = new float[0];
    private long start;
    private long duration = 1;

    void retarget(float[] next, long now, long glideNanos) {
      float[] current = toArrayAt(now);
      from = current.length == next.length ? current : next;
      to = next;
      start = now;
      duration = Math.max(1, glideNanos);
    }

    void jumpTo(float[] next) {
      from = next;
      to = next;
      duration = 1;
    }

    Vec2List at(long now) {
      return Vec2List.copyOf(toArrayAt(now));
    }

    private float[] toArrayAt(long now) {
      double t = Math.max(0, Math.min(1, (now - start) / (double) duration));
      if (t >= 1 || from == to) {
        return to.clone();
      }
      float[] out = new float[to.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (from[i] + t * (to[i] - from[i]));
      }
      return out;
    }
  }

  private static long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
