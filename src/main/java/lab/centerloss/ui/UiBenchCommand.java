package lab.centerloss.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import lab.centerloss.data.DataLocation;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.text.Messages;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Trainer;
import lab.centerloss.ui.timeline.HistoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-ui}: the real window, off screen, training as fast as it can; reports the longest
 * gap between two animation frames, i.e. the longest the JavaFX thread was kept from drawing.
 */
@Command(name = "bench-ui", mixinStandardHelpOptions = true)
public final class UiBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "60")
  int seconds;

  @Option(names = "--data", paramLabel = "DIR")
  Path data;

  @Option(names = "--history", paramLabel = "STEPS")
  Integer history;

  @Option(names = "--compare", paramLabel = "PRESET")
  String compare;

  @Option(names = "--threads", defaultValue = "0")
  int threads;

  private int historyBenchmark() throws Exception {
    if (history < 10 || history > 1_000_000) {
      throw new IllegalArgumentException(
          "--history must lie between 10 and 1000000 (it is " + history + ").");
    }
    var r = HistoryBenchmark.measure(history, 300, 1280, 720);
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put(
        "what",
        "a run of the lite model's sizes kept in the window's history; showing a random step "
            + "(cursor, scene, drawing and rasterizing one 1280x720 frame) as the scrubber does while dragged");
    node.put("steps", r.steps());
    node.put("probes_kept", r.probesKept());
    node.put("checkpoints_kept", r.checkpointsKept());
    node.put("heap_mb", Math.round(r.heapMegabytes() * 10) / 10.0);
    node.put("arrays_mb", Math.round(r.estimatedMegabytes() * 10) / 10.0);
    node.put("show_step_ms_median", r.showMedianMs());
    node.put("show_step_ms_p95", r.showP95Ms());
    node.put("show_step_ms_max", r.showMaxMs());
    spec.commandLine()
        .getOut()
        .println(
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node));
    return 0;
  }

  /**
   * Whether this JVM compiles with C1 only. The launchers ask for it: on two cores the C2 compiler
   * took most of the second processor in the first seconds of training, and the window's frames
   * waited for it (see README, measured figures).
   */
  private static boolean c1Only() {
    return ManagementFactory.getRuntimeMXBean()
        .getInputArguments()
        .contains("-XX:TieredStopAtLevel=1");
  }

  @Override
  public Integer call() throws Exception {
    HeadlessFx.start();
    if (history != null) {
      return historyBenchmark();
    }
    ComparisonPreset preset = null;
    if (compare != null) {
      try {
        preset = ComparisonPreset.byId(compare);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--compare takes lambda, heads, alpha, center-rule or train-test (it is "
                + compare
                + ").");
      }
      if (preset.needsChange()) {
        throw new IllegalArgumentException(
            "--compare " + compare + " needs a setting to change; take a preset.");
      }
    }
    Path folder = data != null ? data : DataLocation.defaultMnistFolder();
    OffscreenWindow window =
        OffscreenWindow.open(folder, null, threads, Trainer.Settings.defaults().probeSize());
    LabSession session = window.session();
    MainWindow shell = window.shell();
    // From the window's third frame (the first ones lay out and paint the whole window once)
    // until libtorch and the data are loaded: the pauses a class sees before Play.
    OffscreenWindow.await(
        () -> HeadlessFx.call(() -> shell.frameClock().frames()), frames -> frames >= 3, 60);
    HeadlessFx.call(
        () -> {
          shell.frameClock().restart();
          return null;
        });
    long loadingFrom = System.nanoTime();
    window.awaitReady(120);
    double loadingSeconds = (System.nanoTime() - loadingFrom) / 1e9;
    double loadingGap = HeadlessFx.call(() -> shell.frameClock().longestGapMillis());
    if (preset != null) {
      ComparisonPreset chosen = preset;
      HeadlessFx.call(
          () -> {
            session.compare().presetProperty().set(chosen);
            session.options().comparingProperty().set(true); // builds the preset's runs
            return null;
          });
      boolean canTrain =
          OffscreenWindow.await(
              () -> HeadlessFx.call(() -> session.compare().canTrainProperty().get()),
              can -> can,
              120);
      if (!canTrain) {
        throw new IllegalStateException(
            Messages.text(
                "bench.notReady",
                HeadlessFx.call(() -> session.compare().statusTextProperty().get())));
      }
    }
    HeadlessFx.call(
        () -> {
          if (session.options().comparingProperty().get()) {
            session.compare().play();
          } else {
            session.training().play();
          }
          shell.frameClock().restart();
          return null;
        });
    // The measurement is the whole of these seconds: nothing to wait for but the clock.
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(end - System.nanoTime());
    }
    ObjectNode result =
        HeadlessFx.call(
            () -> {
              ObjectNode node = new ObjectMapper().createObjectNode();
              node.put("seconds", seconds);
              node.put("loading_seconds", Math.round(loadingSeconds * 100) / 100.0);
              node.put("longest_frame_gap_while_loading_ms", loadingGap);
              node.put("frames", shell.frameClock().frames());
              node.put("longest_frame_gap_ms", shell.frameClock().longestGapMillis());
              var gaps = node.putArray("gaps_over_40_ms");
              for (double[] gap : shell.frameClock().longGaps()) {
                gaps.addArray()
                    .add(Math.round(gap[0] * 100) / 100.0)
                    .add(Math.round(gap[1] * 10) / 10.0);
              }
              node.put("libtorch_threads", LabApplication.windowThreads(threads));
              if (session.options().comparingProperty().get()) {
                node.put("comparison", compare);
                var runs = node.putArray("steps_trained_per_run");
                for (var pane : session.compare().panes()) {
                  var last = pane.history().latestProperty().get();
                  if (pane.visibleProperty().get()) {
                    runs.add(last == null ? 0 : last.step());
                  }
                }
              } else {
                var latest = session.history().latestProperty().get();
                node.put("steps_trained", latest == null ? 0 : latest.step());
              }
              node.put("pipeline", "JavaFX software renderer, Monocle headless");
              node.put(
                  "jit",
                  c1Only()
                      ? "C1 only (-XX:TieredStopAtLevel=1, as the app's launchers start it)"
                      : "C1 and C2 (started without the launchers' -XX:TieredStopAtLevel=1)");
              return node;
            });
    window.close();
    spec.commandLine()
        .getOut()
        .println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(result));
    return 0;
  }
}
