package lab.centerloss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.export.StepRecordJson;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.RenderBenchmark;
import lab.centerloss.store.HyperparametersJson;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ComparisonBenchmark;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ModelSize;
import lab.centerloss.train.SeedRuns;
import lab.centerloss.train.TrainingBenchmark;
import lab.centerloss.train.TrainingEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: milliseconds per training step, printed as JSON. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false)
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The window's lesson player, timed; null when the command line has no window to lend. */
  private final LessonTimer lessonTimer;

  BenchCommand(LessonTimer lessonTimer) {
    this.lessonTimer = lessonTimer;
  }

  @Mixin TrainingOptions training = new TrainingOptions();

  @Option(names = "--warmup", defaultValue = "20")
  int warmup;

  @Option(names = "--measure", defaultValue = "100")
  int measure;

  @Option(names = "--models", split = ",", defaultValue = "lite,paper")
  List<ModelSize> models;

  @Option(names = "--time-to-accuracy", paramLabel = "A")
  Double timeToAccuracy;

  @Option(names = "--stability")
  boolean stability;

  @Option(names = "--seeds", split = ",", paramLabel = "LIST", defaultValue = "1,2,3")
  List<String> seeds;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "3000")
  int steps;

  @Option(names = "--compare", paramLabel = "N")
  Integer compare;

  @Option(names = "--render")
  boolean render;

  @Option(names = "--lesson", paramLabel = "NAME|FILE|all")
  String lesson;

  @Option(names = "--recorded-only")
  boolean recordedOnly;

  @Option(names = "--probe-size", paramLabel = "N", defaultValue = "2000")
  int probeSize;

  @Option(names = "--points", defaultValue = "10000")
  int points;

  @Option(names = "--size", defaultValue = "1280x720")
  String size;

  @Override
  public Integer call() throws Exception {
    if (render) {
      return renderBenchmark();
    }
    if (lesson != null) {
      return lessonBenchmark();
    }
    if (timeToAccuracy != null || stability) {
      return seedRuns();
    }
    if (compare != null) {
      return comparisonBenchmark();
    }
    if (warmup < 0 || measure < 10) {
      throw UserError.of("cli.bench.warmup");
    }
    training.check();
    int batchSize = training.batchSize() != null ? training.batchSize() : 128;
    long loadStart = System.nanoTime();
    MnistDataSet dataSet = training.loadData();
    double loadMillis = (System.nanoTime() - loadStart) / 1e6;
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    // reading, checksumming and decoding the four files into arrays (the JVM's first use of that
    // code)
    root.put("data_load_ms", loadMillis);
    try (TrainingEngine engine = TrainingEngine.open(dataSet, training.device, training.threads)) {
      root.put("device", engine.deviceName());
      root.put("threads", engine.threads());
      root.put("batch_size", batchSize);
      ArrayNode results = root.putArray("models");
      for (ModelSize model : models) {
        TrainingBenchmark.Result r =
            TrainingBenchmark.measure(engine, model, batchSize, warmup, measure);
        ObjectNode node = results.addObject();
        node.put("model", model.id());
        node.put("steps", r.steps());
        node.put("trainer_ms_per_step_median", r.sessionMedianMs());
        node.put("trainer_ms_per_step_p90", r.sessionP90Ms());
        node.put("bare_ms_per_step_median", r.bareMedianMs());
        node.put("bare_ms_per_step_p90", r.bareP90Ms());
        node.put("trainer_overhead_percent", r.overheadPercent());
      }
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(root));
    return 0;
  }

  /** The seeds named: "1,2,3" or "1-20", or both mixed. */
  /** The most seeds a list may name, over all its ranges. */
  static final int MAX_SEEDS = 10_000;

  static List<Long> parseSeeds(List<String> items) {
    List<Long> list = new ArrayList<>();
    for (String item : items) {
      try {
        if (item.matches("\\s*-?\\d+\\s*-\\s*-?\\d+\\s*") && item.indexOf('-', 1) > 0) {
          int dash = item.indexOf('-', 1);
          long from = Long.parseLong(item.substring(0, dash).trim());
          long to = Long.parseLong(item.substring(dash + 1).trim());
          // to - from may overflow (-2-9223372036854775807): compared exactly, counted without
          // overflow
          if (to < from || Math.subtractExact(to, from) > MAX_SEEDS) {
            throw UserError.of("cli.seeds.range", item);
          }
          for (long k = 0; k <= to - from; k++) {
            list.add(from + k);
          }
        } else {
          list.add(Long.parseLong(item.trim()));
        }
      } catch (NumberFormatException e) {
        throw UserError.of("cli.seeds.bad", item);
      } catch (ArithmeticException e) {
        throw UserError.of("cli.seeds.range", item);
      }
      if (list.size() > MAX_SEEDS) {
        throw UserError.of("cli.seeds.range", item);
      }
    }
    return list;
  }

  private int seedRuns() throws Exception {
    if (timeToAccuracy != null && !(timeToAccuracy > 0 && timeToAccuracy <= 1)) {
      throw UserError.of("cli.bench.accuracy", String.valueOf(timeToAccuracy));
    }
    if (steps < 1) {
      throw UserError.of("cli.steps", String.valueOf(steps));
    }
    List<Long> seedList = parseSeeds(seeds);
    training.check();
    MnistDataSet dataSet = training.loadData();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    try (TrainingEngine engine = TrainingEngine.open(dataSet, training.device, training.threads)) {
      Hyperparameters base = training.hyperparameters(engine.deviceName().equals("cuda"));
      root.put(
          "what",
          timeToAccuracy != null
              ? "steps and seconds of training (probes excluded) until the probe of 2,000 test images, checked every 10 steps, reaches "
                  + timeToAccuracy
              : "whole runs of "
                  + steps
                  + " steps: divergence, largest gradient norm, test accuracy (10,000 images)");
      root.put("device", engine.deviceName());
      root.put("threads", engine.threads());
      root.set("settings", HyperparametersJson.toJson(base));
      ArrayNode runs = root.putArray("seeds");
      PrintWriter err = spec.commandLine().getErr();
      for (long seed : seedList) {
        SeedRuns.Outcome o =
            SeedRuns.run(
                engine,
                base.withSeed(seed),
                timeToAccuracy != null ? timeToAccuracy : 2,
                2000,
                10,
                steps);
        ObjectNode node = runs.addObject();
        node.put("seed", seed);
        if (timeToAccuracy != null) {
          node.putPOJO("steps", o.reachedStep() > 0 ? o.reachedStep() : null);
          node.putPOJO("seconds", o.reachedStep() > 0 ? o.trainSeconds() : null);
        } else {
          node.put("steps", o.steps());
          StepRecordJson.putNumber(node, "test_accuracy", o.finalAccuracy());
        }
        node.put("ms_per_step", o.msPerStep());
        node.putPOJO("diverged_at_step", o.divergedStep() > 0 ? o.divergedStep() : null);
        node.put("max_gradient_norm", o.maxGradientNorm());
        node.put("max_gradient_norm_step", o.maxGradientStep());
        err.println(Messages.text("cli.bench.seed", String.valueOf(seed), node));
        err.flush();
      }
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(root));
    return 0;
  }

  private int comparisonBenchmark() throws Exception {
    if (compare < 1 || compare > Comparison.Plan.MAX_RUNS) {
      throw UserError.of("cli.bench.compare", String.valueOf(compare));
    }
    if (warmup < 0 || measure < 10) {
      throw UserError.of("cli.bench.warmup");
    }
    training.check();
    MnistDataSet dataSet = training.loadData();
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    try (TrainingEngine engine =
        TrainingEngine.open(dataSet, training.device, Comparison.threads(training.threads))) {
      Hyperparameters base = training.hyperparameters(engine.deviceName().equals("cuda"));
      var r = ComparisonBenchmark.measure(engine, base, compare, 2000, warmup, measure);
      root.put(
          "what",
          "runs of the comparison trained at the same time, each on a thread of its own, probed (2,000 test images each)"
              + " as often as costs a fifth of the time, as the window does at full speed");
      root.put("device", engine.deviceName());
      root.put("threads", engine.threads());
      root.put("model", base.model().id());
      root.put("runs", r.runs());
      ArrayNode lambdas = root.putArray("lambdas");
      ComparisonBenchmark.runs(base, compare).forEach(hp -> lambdas.add(hp.lambda()));
      root.put("rounds", r.rounds());
      root.put("probes", r.probes());
      root.put("seconds", r.seconds());
      root.put("steps_per_second_per_run", r.stepsPerSecondPerRun());
      root.put("ms_per_round", r.msPerRound());
      root.put(
          "limit",
          "one run alone on one thread, the same steps and probes (measured before and after the"
              + " comparison), times min(runs, processors), shared by the runs: N runs cost N"
              + " times one run's arithmetic and each run's ops use one thread");
      root.put("processors", r.processors());
      root.put("alone_steps_per_second", r.aloneStepsPerSecond());
      root.put("limit_steps_per_second_per_run", r.limitStepsPerSecondPerRun());
      root.put("share_of_limit", r.shareOfLimit());
      root.put("probe_share", r.probeShare());
      root.put("worker_busy_share", r.workerBusyShare());
      root.put("worker_cpu_share", r.workerCpuShare());
      root.put("alone_cpu_ms_per_step", r.aloneCpuMsPerStep());
      root.put("compared_cpu_ms_per_step", r.comparedCpuMsPerStep());
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(root));
    return 0;
  }

  /**
   * {@code bench --lesson}: each lesson played in the window off screen, step after step, and the
   * seconds each step keeps the class waiting: from entering it until its action is complete.
   */
  private int lessonBenchmark() throws Exception {
    if (probeSize < 100 || probeSize > 10_000) {
      throw UserError.of("cli.bench.probeSize", String.valueOf(probeSize));
    }
    List<Lesson> lessons;
    try {
      lessons =
          lesson.equals("all") ? LessonFile.builtIns() : List.of(LessonFile.byNameOrFile(lesson));
    } catch (LessonFile.LessonException e) {
      throw new UserError(e.getMessage());
    }
    if (lessonTimer == null) {
      throw UserError.of("cli.bench.noWindow");
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put(
        "what",
        "seconds from entering each step of a lesson (Next) until its action is complete (trained to"
            + " its step or accuracy and paused, its comparison trained, its reset or single step"
            + " arrived), in the real window off screen, each lesson in a new window once its"
            + " trainer has loaded");
    root.put(
        "live",
        recordedOnly
            ? "not measured (--recorded-only)"
            : "live_seconds: the same lesson played again in a new window with its recordings"
                + " off, every step trained live as Train it live trains it");
    root.put("probe_size", probeSize);
    root.put("processors", Runtime.getRuntime().availableProcessors());
    root.put(
        "cpu_seconds",
        "per step, the processor time the app had meanwhile (all its threads): the app alone on"
            + " this machine would keep it near seconds x processors when it trains; far less means"
            + " other work shared the machine; busiest_thread_cpu_seconds, the processor time of the"
            + " thread that had the most (the trainer's or a comparison worker's): the least the"
            + " step could take on this machine with nothing else running");
    ArrayNode list = root.putArray("lessons");
    PrintWriter err = spec.commandLine().getErr();
    for (Lesson played : lessons) {
      List<LessonTimer.Step> timed = timeLesson(played, false, err);
      List<LessonTimer.Step> live = recordedOnly ? null : timeLesson(played, true, err);
      ObjectNode node = list.addObject();
      node.put("name", played.name());
      ArrayNode steps = node.putArray("steps");
      double total = 0;
      double totalLive = 0;
      for (int i = 0; i < timed.size(); i++) {
        double rounded = microseconds(timed.get(i).seconds());
        total += rounded;
        ObjectNode step = steps.addObject();
        step.put("step", i + 1);
        step.put("seconds", rounded);
        if (live != null) {
          double liveRounded = microseconds(live.get(i).seconds());
          totalLive += liveRounded;
          step.put("live_seconds", liveRounded);
        } else {
          step.putNull("live_seconds");
        }
        step.put("trained_to", timed.get(i).trainedTo());
        step.put("cpu_seconds", thousandths(timed.get(i).cpuSeconds()));
        step.put("busiest_thread_cpu_seconds", thousandths(timed.get(i).busiestThreadCpuSeconds()));
        if (live != null) {
          step.put("live_trained_to", live.get(i).trainedTo());
          step.put(
              "live_busiest_thread_cpu_seconds",
              thousandths(live.get(i).busiestThreadCpuSeconds()));
        }
      }
      node.put("total_seconds", microseconds(total));
      if (live != null) {
        node.put("total_live_seconds", microseconds(totalLive));
      } else {
        node.putNull("total_live_seconds");
      }
      err.println(Messages.text("cli.bench.lessonDone", played.name(), microseconds(total)));
      err.flush();
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(root));
    return 0;
  }

  /** Processor seconds to the millisecond, as the JSON gives them. */
  private static double thousandths(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /** To the microsecond: a step that only shows takes well under a millisecond, and is not 0. */
  private static double microseconds(double seconds) {
    return Math.round(seconds * 1e6) / 1e6;
  }

  /** One lesson played in a new window off screen: as it plays by default, or all live. */
  private List<LessonTimer.Step> timeLesson(Lesson played, boolean live, PrintWriter err)
      throws UserError {
    int[] stepsDone = {0};
    try {
      return lessonTimer.play(
          played,
          training.dataFolder(),
          training.unknownData,
          training.threads,
          probeSize,
          live,
          step -> {
            err.println(
                Messages.text(
                    live ? "cli.bench.lessonStepLive" : "cli.bench.lessonStep",
                    played.name(),
                    ++stepsDone[0],
                    String.format(Locale.ROOT, "%.1f", step.seconds()),
                    step.trainedTo(),
                    String.format(Locale.ROOT, "%.1f", step.cpuSeconds())));
            err.flush();
          });
    } catch (IllegalStateException e) {
      throw new UserError(e.getMessage());
    }
  }

  private int renderBenchmark() throws Exception {
    int[] dimensions = RenderCommand.parseSize(size);
    if (points < 1 || measure < 10) {
      throw UserError.of("cli.bench.points");
    }
    HeadlessFx.start();
    RenderBenchmark.Result r =
        RenderBenchmark.measure(dimensions[0], dimensions[1], points, warmup, measure);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put(
        "what", "one frame of the feature plane drawn off screen (drawing calls + rasterization)");
    root.put("pipeline", "JavaFX software renderer, Monocle headless");
    root.put("width", r.width());
    root.put("height", r.height());
    root.put("points", r.points());
    root.put("centers", 10);
    root.put("frames", r.frames());
    root.put("frame_ms_median", r.medianMs());
    root.put("frame_ms_p95", r.p95Ms());
    // Export as the recording does it: draw + capture on the FX thread, PNG on two workers.
    Path folder = Files.createTempDirectory("center-loss-lab-bench");
    try {
      RenderBenchmark.ExportResult export =
          RenderBenchmark.measureExport(1280, 720, points, measure, 2, folder);
      ObjectNode node = root.putObject("frame_export");
      node.put(
          "what",
          "frames drawn, captured and written as PNG files, 1280x720, " + points + " points");
      node.put("frames", export.frames());
      node.put("png_encoder_threads", export.encoders());
      node.put("frames_per_second", export.framesPerSecond());
    } finally {
      try (var files = Files.list(folder)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(folder);
    }
    spec.commandLine().getOut().println(mapper.writeValueAsString(root));
    return 0;
  }
}
