package lab.centerloss.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.plot.GridFigure;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Ids;
import lab.centerloss.text.Messages;
import lab.centerloss.text.Printable;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.train.HeadKind;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import lab.centerloss.train.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sweep}: the center-loss paper's figure from the command line. Trains every combination of
 * the lists given (lambda, alpha, head, m, seeds), saves a run file for each, and draws them side
 * by side on shared axes in {@code grid.png} with a table of their numbers in {@code summary.csv}.
 * {@code --only I/N} runs one share of the combinations (a job of a batch system's array) and
 * {@code --collect} makes the grid and table from the run files of all shares.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false)
public final class SweepCommand implements Callable<Integer> {
  /**
   * TAR at FAR 1% by cosine on the final test images (issue 28): pairs of the digits the run never
   * saw, and of those it knows; NaN where the run has no such pairs. A sweep written before these
   * columns existed reads as NaN in them.
   */
  static final String UNSEEN_TAR = "unseen_tar_at_far_0.01";

  static final String KNOWN_TAR = "known_tar_at_far_0.01";

  private static final Set<String> OPTIONAL_COLUMNS = Set.of(UNSEEN_TAR, KNOWN_TAR);

  static final List<String> SUMMARY_COLUMNS =
      List.of(
          "head",
          "lambda",
          "alpha",
          "m",
          "seed",
          "steps",
          "test_accuracy",
          "rms_intra",
          "min_center_distance",
          "intra_to_distance",
          UNSEEN_TAR,
          KNOWN_TAR,
          "seconds");

  @Spec CommandSpec spec;

  @Mixin TrainingOptions training = new TrainingOptions();

  @Option(names = "--seeds", split = ",", paramLabel = "LIST")
  List<String> seeds;

  @Option(names = "--steps", paramLabel = "N", defaultValue = "2000")
  int steps;

  @Option(names = "--out", paramLabel = "DIR")
  Path out;

  @Option(names = "--only", paramLabel = "I/N")
  String only;

  @Option(names = "--collect", paramLabel = "DIR")
  Path collect;

  @Option(names = "--parallel", paramLabel = "K")
  Integer parallel;

  static final int MAX_PARALLEL = 64;

  @Option(names = "--probe-size", defaultValue = "2000")
  int probeSize;

  @Option(names = "--width", defaultValue = "1600")
  int width;

  /** One combination of the lists: what to train, and its file name. */
  record Combination(Hyperparameters hyperparameters) {
    String name() {
      Hyperparameters hp = hyperparameters;
      return String.format(
          Locale.ROOT,
          "%s-lambda%s-alpha%s-m%s-seed%d",
          hp.head().id(),
          number(hp.lambda()),
          number(hp.alpha()),
          number(hp.margin()),
          hp.seed());
    }
  }

  static String number(double v) {
    String s = Double.toString(v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /**
   * The widths grid.png may have: a panel needs room for its caption; beyond this, memory runs out.
   */
  static final int MIN_WIDTH = 200;

  static final int MAX_WIDTH = 8000;

  @Override
  public Integer call() throws Exception {
    // every option checked before anything is read or trained (issue 25)
    if (width < MIN_WIDTH || width > MAX_WIDTH) {
      throw UserError.of("cli.sweep.width", MIN_WIDTH, MAX_WIDTH, String.valueOf(width));
    }
    if (parallel != null && (parallel < 1 || parallel > MAX_PARALLEL)) {
      throw UserError.of("cli.sweep.parallel", MAX_PARALLEL, String.valueOf(parallel));
    }
    if (collect != null) {
      Path folder = collect;
      writeFigureAndSummary(folder, readSummaries(folder));
      spec.commandLine()
          .getOut()
          .println(
              Messages.text(
                  "cli.sweep.collected",
                  folder.resolve("runs"),
                  folder.resolve("grid.png"),
                  folder.resolve("grid.svg"),
                  folder.resolve("summary.csv")));
      return 0;
    }
    if (out == null) {
      throw UserError.of("cli.sweep.out");
    }
    int[] share = share();
    List<Combination> all = combinations();
    List<Combination> mine = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % share[1] == share[0] - 1) {
        mine.add(all.get(i));
      }
    }
    Path runs = out.resolve("runs");
    try {
      Files.createDirectories(runs);
    } catch (IOException e) {
      throw UserError.of("cli.sweep.folder", runs, e.getMessage());
    }
    RenderCommand.checkWritableFolder(runs);
    MnistDataSet dataSet = training.loadData();
    PrintWriter console = spec.commandLine().getOut();
    int threads = training.threads;
    int workers =
        parallel != null
            ? parallel
            : threads > 0 ? Math.max(1, Runtime.getRuntime().availableProcessors() / threads) : 1;
    console.println(
        Messages.text(
            "cli.sweep.start",
            String.valueOf(mine.size()),
            String.valueOf(all.size()),
            String.valueOf(workers),
            String.valueOf(steps),
            runs));
    console.flush();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            runnable -> {
              Thread thread = new Thread(runnable, "sweep");
              thread.setDaemon(true);
              return thread;
            });
    ThreadLocal<TrainingEngine> engines = new ThreadLocal<>();
    List<TrainingEngine> opened = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<ObjectNode>> results = new ArrayList<>();
      for (Combination c : mine) {
        results.add(
            pool.submit(
                () -> {
                  // Each worker thread owns its engine: every libtorch call of a run stays on one
                  // thread.
                  TrainingEngine engine = engines.get();
                  if (engine == null) {
                    engine = TrainingEngine.open(dataSet, training.device, threads);
                    engines.set(engine);
                    opened.add(engine);
                  }
                  ObjectNode summary = trainOne(engine, c, runs);
                  synchronized (console) {
                    console.println(
                        Messages.text(
                            "cli.sweep.one",
                            c.name(),
                            String.format("%.2f", 100 * summary.get("test_accuracy").asDouble()),
                            String.format("%.1f", summary.get("seconds").asDouble())));
                    console.flush();
                  }
                  return summary;
                }));
      }
      for (Future<ObjectNode> f : results) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UserError userError) {
        throw userError;
      }
      throw e;
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
      // the engines are closed by the JVM's exit; closing them from this thread would break their
      // one-thread rule
    }
    if (share[1] == 1) {
      writeFigureAndSummary(out, readSummaries(out));
      console.println(
          Messages.text(
              "cli.sweep.wrote",
              out.resolve("grid.png"),
              out.resolve("grid.svg"),
              out.resolve("summary.csv")));
    } else {
      console.println(
          Messages.text(
              "cli.sweep.share", String.valueOf(share[0]), String.valueOf(share[1]), out));
    }
    return 0;
  }

  /** Trains one combination, writes its run file and its summary beside it. */
  private ObjectNode trainOne(TrainingEngine engine, Combination c, Path runs) throws Exception {
    Hyperparameters hp = c.hyperparameters();
    long start = System.nanoTime();
    RunRecording run = new RunRecording();
    ProbeResult test;
    StepSnapshot last;
    try (TrainingSession session = engine.newSession(hp)) {
      RunDriver driver =
          RunDriver.of(session, probeSize)
              .recordingProbes(ProbeSchedule.every(20).orLastStep())
              .keepingCheckpoints(CheckpointKeeping.SPACED)
              .into(run);
      driver.origin(hp);
      last = driver.run(hp, StopRule.atStep(steps)).last().orElseThrow();
      test = session.evaluateTestSet(hp.head());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ObjectNode row = new ObjectMapper().createObjectNode();
    row.put("head", hp.head().id());
    row.put("lambda", hp.lambda());
    row.put("alpha", hp.alpha());
    row.put("m", hp.margin());
    row.put("seed", hp.seed());
    row.put("steps", last.step());
    row.put("test_accuracy", test.accuracy());
    // more than two dimensions: the spread of the features themselves, not of the plane's
    // projection
    double rms =
        test.isProjected()
            ? FeatureStatistics.rmsDistanceToCenters(
                test.comparedFeatures(),
                test.labels(),
                test.full().get().centers(),
                hp.knownDigits())
            : FeatureStatistics.rmsDistanceToCenters(
                test.features(), test.labels(), last.centers().after(), hp.knownDigits());
    double distance =
        test.isProjected()
            ? FeatureStatistics.minPairwiseDistance(test.full().get().centers())
            : FeatureStatistics.minPairwiseDistance(last.centers().after());
    row.put("rms_intra", rms);
    row.put("min_center_distance", distance);
    row.put("intra_to_distance", distance > 0 ? rms / distance : Double.NaN);
    row.put("seconds", seconds);
    VerificationReport.PairSets pairs = VerificationReport.PairSets.of(test, hp);
    row.put(UNSEEN_TAR, tarAtOnePercent(test, pairs.unseen()));
    row.put(KNOWN_TAR, tarAtOnePercent(test, pairs.known()));
    try {
      RunFile.write(run.record(), runs.resolve(c.name() + RunFile.EXTENSION), AppInfo.VERSION);
      AtomicFile.writeString(
          runs.resolve(c.name() + ".json"),
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(row));
    } catch (RunFileException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw UserError.of("cli.write.failed", runs.resolve(c.name() + ".json"), e.getMessage());
    }
    return row;
  }

  private static double tarAtOnePercent(ProbeResult test, Verification.Pairs pairs) {
    if (pairs.isEmpty()) {
      return Double.NaN;
    }
    double[] scores = Verification.scores(test.features(), pairs, Verification.PairScore.COSINE);
    return Verification.figures(scores, pairs.same(), pairs.fold()).tarAtFar()[ONE_PERCENT];
  }

  private static final int ONE_PERCENT =
      IntStream.range(0, Verification.FARS.length)
          .filter(i -> Verification.FARS[i] == 0.01)
          .findFirst()
          .orElseThrow();

  /**
   * Every combination, in a fixed order: heads, then m, lambda, alpha, seed. The lists come from
   * --head, --m, --lambda, --alpha and --seeds; each list is checked before any training.
   */
  List<Combination> combinations() {
    if (steps < 1) {
      throw UserError.of("cli.steps", String.valueOf(steps));
    }
    TrainingOptions.checkThreads(training.threads);
    List<HeadKind> headList =
        training.heads() == null ? List.of(HeadKind.SOFTMAX) : training.heads();
    distinct("--head", headList);
    distinct("--lambda", training.lambdas());
    distinct("--alpha", training.alphas());
    distinct("--m", training.margins());
    List<Long> seedList =
        seeds == null
            ? List.of(training.seed() == null ? 1L : training.seed())
            : BenchCommand.parseSeeds(seeds);
    distinct("--seeds", seedList);
    List<Combination> all = new ArrayList<>();
    for (HeadKind head : headList) {
      Hyperparameters recommended = Hyperparameters.recommendedFor(head);
      for (double m : listOr(training.margins(), recommended.margin())) {
        for (double lambda : listOr(training.lambdas(), recommended.lambda())) {
          for (double alpha : listOr(training.alphas(), recommended.alpha())) {
            for (long seed : seedList) {
              Hyperparameters hp = training.forSweep(head, lambda, alpha, m, seed);
              if (!hp.problems().isEmpty()) {
                throw new UserError(hp.problems().get(0).render());
              }
              all.add(new Combination(hp));
            }
          }
        }
      }
    }
    if (all.size() > 1000) {
      throw UserError.of("cli.sweep.tooMany", String.valueOf(all.size()));
    }
    return all;
  }

  private static List<Double> listOr(List<Double> values, double fallback) {
    return values == null ? List.of(fallback) : values;
  }

  private static void distinct(String option, List<?> values) {
    if (values != null && new HashSet<>(values).size() != values.size()) {
      throw UserError.of("cli.sweep.twice", option);
    }
  }

  /** {I, N} from "--only I/N", {1, 1} without it. */
  int[] share() {
    if (only == null) {
      return new int[] {1, 1};
    }
    String[] parts = only.split("/");
    try {
      int i = Integer.parseInt(parts[0].trim());
      int n = Integer.parseInt(parts[1].trim());
      if (parts.length == 2 && n >= 1 && i >= 1 && i <= n) {
        return new int[] {i, n};
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // the sentence below
    }
    throw UserError.of("cli.sweep.only", only);
  }

  /** The summaries beside the run files, in name order, each with its run file. */
  static List<JsonNode> readSummaries(Path folder) throws IOException {
    Path runs = folder.resolve("runs");
    if (!Files.isDirectory(runs)) {
      throw UserError.of("cli.sweep.noFolder", runs);
    }
    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(runs)) {
      for (Path json : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        if (Files.size(json) > 1_000_000) {
          throw UserError.of("cli.sweep.summaryLarge", json);
        }
        JsonNode row;
        try {
          row = new ObjectMapper().readTree(json.toFile());
        } catch (JacksonException e) {
          throw UserError.of("cli.sweep.summaryNotJson", json);
        }
        for (String column : SUMMARY_COLUMNS) {
          if (row instanceof ObjectNode written
              && OPTIONAL_COLUMNS.contains(column)
              && !row.has(column)) {
            written.put(column, Double.NaN);
          }
          if (row == null || !row.has(column)) {
            throw UserError.of("cli.sweep.summaryColumn", json, column);
          }
        }
        checkSummaryValues(json, row);
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw UserError.of("cli.sweep.noRuns", runs);
    }
    return rows;
  }

  /**
   * A summary's values are what the sweep writes (issue 25): a known head, numbers, a whole seed.
   * The run file's name is made of them, so a head of "../../x" would read a file outside runs/,
   * and a text in a number's place would reach summary.csv (a spreadsheet formula).
   */
  private static void checkSummaryValues(Path json, JsonNode row) {
    if (!row.get("head").isTextual()
        || Ids.parse(HeadKind.class, row.get("head").asText()).isEmpty()) {
      throw UserError.of(
          "cli.sweep.summaryValue", json, "head", Printable.of(row.get("head").toString()));
    }
    for (String column : SUMMARY_COLUMNS.subList(1, SUMMARY_COLUMNS.size())) {
      JsonNode v = row.get(column);
      boolean whole = column.equals("seed") || column.equals("steps");
      boolean fine =
          whole
              ? v.isIntegralNumber() && v.canConvertToLong()
              : v.isNumber()
                  || v.isTextual() && Set.of("NaN", "Infinity", "-Infinity").contains(v.asText());
      if (!fine) {
        throw UserError.of("cli.sweep.summaryValue", json, column, Printable.of(v.toString()));
      }
    }
  }

  /**
   * A cell of summary.csv: a text that a spreadsheet would take for a formula (=, +, -, @, a tab or
   * a carriage return first) is prefixed with a single quote, as OWASP's CSV-injection advice says;
   * numbers are left as they are.
   */
  static String csvCell(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    if (formula) {
      try {
        Double.parseDouble(value);
        return value;
      } catch (NumberFormatException e) {
        value = "'" + value;
      }
    }
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      value = '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  /**
   * summary.csv (a row per run, then mean and standard deviation per combination over seeds),
   * grid.png and grid.svg.
   */
  private void writeFigureAndSummary(Path folder, List<JsonNode> rows) throws Exception {
    AtomicFile.writeString(folder.resolve("summary.csv"), summaryCsv(rows));
    List<GridFigure.Panel> panels = new ArrayList<>();
    for (JsonNode row : rows) {
      String name = nameOf(row);
      RunRecord run;
      try {
        run = RunFile.read(folder.resolve("runs").resolve(name + RunFile.EXTENSION)).record();
      } catch (RunFileException e) {
        throw new UserError(e.getMessage());
      }
      StepSnapshot last = run.latest().orElseThrow(() -> UserError.of("cli.sweep.noSteps", name));
      String head = Ids.parse(HeadKind.class, row.get("head").asText()).orElseThrow().id();
      String lambda = number(row.get("lambda").asDouble());
      String alpha = number(row.get("alpha").asDouble());
      String seed = String.valueOf(row.get("seed").asLong()); // no digit grouping: it is a name
      String title =
          row.get("head").asText().equals("softmax")
              ? Messages.text("sweep.panel.title", head, lambda, alpha, seed)
              : Messages.text(
                  "sweep.panel.titleMargin",
                  head,
                  lambda,
                  alpha,
                  number(row.get("m").asDouble()),
                  seed);
      panels.add(
          new GridFigure.Panel(
              last,
              title,
              Messages.text(
                  "sweep.panel.numbers",
                  row.get("test_accuracy").asDouble(),
                  row.get("intra_to_distance").asDouble())));
    }
    HeadlessFx.start();
    ImageFiles.writePng(GridFigure.draw(panels, width), folder.resolve("grid.png"));
    AtomicFile.writeString(folder.resolve("grid.svg"), GridFigure.drawSvg(panels, width));
  }

  private static String nameOf(JsonNode row) {
    return String.format(
        Locale.ROOT,
        "%s-lambda%s-alpha%s-m%s-seed%d",
        row.get("head").asText(),
        number(row.get("lambda").asDouble()),
        number(row.get("alpha").asDouble()),
        number(row.get("m").asDouble()),
        row.get("seed").asLong());
  }

  static String summaryCsv(List<JsonNode> rows) {
    StringBuilder csv = new StringBuilder(String.join(",", SUMMARY_COLUMNS)).append('\n');
    Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      for (String column : SUMMARY_COLUMNS) {
        csv.append(column.equals("head") ? "" : ",").append(csvCell(row.get(column).asText()));
      }
      csv.append('\n');
      String key =
          row.get("head").asText()
              + ","
              + row.get("lambda").asText()
              + ","
              + row.get("alpha").asText()
              + ","
              + row.get("m").asText();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
    }
    for (var group : groups.entrySet()) {
      if (group.getValue().size() < 2) {
        continue;
      }
      for (String statistic : List.of("mean", "std")) {
        csv.append(csvCell(group.getKey().split(",", 2)[0]))
            .append(',')
            .append(group.getKey().split(",", 2)[1])
            .append(',')
            .append(statistic);
        for (String column : SUMMARY_COLUMNS.subList(5, SUMMARY_COLUMNS.size())) {
          double[] v =
              group.getValue().stream().mapToDouble(r -> r.get(column).asDouble()).toArray();
          double mean = Arrays.stream(v).average().orElse(Double.NaN);
          double sd =
              Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
          csv.append(',').append(statistic.equals("mean") ? mean : sd);
        }
        csv.append('\n');
      }
    }
    return csv.toString();
  }
}
