package lab.centerloss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import lab.centerloss.data.DataSetException;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.export.StepRecordJson;
import lab.centerloss.export.TextFiles;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointKeeping;
import lab.centerloss.train.FeatureRows;
import lab.centerloss.train.FeatureStatistics;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetEvaluation;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import lab.centerloss.train.Vec2List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: trains without a display, printing progress and writing metrics. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false)
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training = new TrainingOptions();

  @Option(names = "--steps", paramLabel = "N", defaultValue = "2000")
  int steps;

  @Option(names = "--until-accuracy", paramLabel = "A")
  Double untilAccuracy;

  @Option(names = "--probe-size", defaultValue = "2000")
  int probeSize;

  @Option(names = "--eval-every", paramLabel = "K", defaultValue = "100")
  int evalEvery;

  @Option(names = "--metrics", paramLabel = "FILE")
  Path metrics;

  @Option(names = "--record", paramLabel = "FILE")
  Path record;

  @Option(names = "--save-run", paramLabel = "FILE")
  Path saveRun;

  @Option(names = "--probe-every", paramLabel = "K")
  Integer probeEvery;

  @Option(names = "--features-out", paramLabel = "FILE")
  Path featuresOut;

  @Option(names = "--pairs-out", paramLabel = "FILE")
  Path pairsOut;

  @Option(names = "--quiet")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    MnistDataSet dataSet = training.loadData();
    PrintWriter out = spec.commandLine().getOut();
    long wallStart = System.nanoTime();
    try (TrainingEngine engine = TrainingEngine.open(dataSet, training.device, training.threads)) {
      Hyperparameters hp = training.hyperparameters(engine.deviceName().equals("cuda"));
      out.println(
          Messages.text(
              "cli.train.start",
              hp.model().id(),
              hp.head().id(),
              engine.deviceName(),
              engine.deviceDescription(),
              String.valueOf(steps)));
      out.flush();
      RunResult result;
      try (TrainingSession session = engine.newSession(hp);
          RecordWriter recorder = RecordWriter.open(record)) {
        RunRecording run = saveRun == null ? null : new RunRecording();
        result = train(session, hp, recorder, run, out);
        result.finalTest = session.evaluateTestSet(hp.head());
        result.centers = session.centers();
        result.fullCenters = session.fullCenters();
        recorder.commit();
        if (run != null) {
          saveRun(run.record());
        }
      }
      result.wallSeconds = (System.nanoTime() - wallStart) / 1e9;
      out.println(
          Messages.text(
                  "cli.train.done",
                  String.valueOf(result.steps),
                  String.format("%.1f", result.trainMillis / 1000),
                  String.format("%.2f", 100 * result.finalTest.accuracy()))
              + (result.divergedAt != null
                  ? Messages.text("cli.train.diverged", String.valueOf(result.divergedAt))
                  : ""));
      // drawn once for the metrics and the pairs file, which must hold the same pairs
      VerificationReport.PairSets pairs =
          hp.isOpenSet() && result.divergedAt == null && (metrics != null || pairsOut != null)
              ? VerificationReport.PairSets.of(result.finalTest, hp)
              : null;
      if (metrics != null) {
        AtomicFiles.writeString(metrics, metricsJson(result, engine, hp, pairs));
      }
      if (featuresOut != null && result.last != null) {
        AtomicFiles.writeString(
            featuresOut,
            featuresCsv(
                OpenSetEvaluation.of(
                    result.finalTest, result.last.headAfter(), result.centers, hp)));
      }
      if (pairsOut != null && result.divergedAt == null) {
        AtomicFiles.writeString(pairsOut, VerificationReport.pairsCsv(result.finalTest, pairs));
      }
      return result.divergedAt != null ? 3 : 0;
    }
  }

  private void checkOptions() {
    if (steps < 1) {
      throw UserError.of("cli.steps", String.valueOf(steps));
    }
    if (untilAccuracy != null && !(untilAccuracy > 0 && untilAccuracy <= 1)) {
      throw UserError.of("cli.train.untilAccuracy", String.valueOf(untilAccuracy));
    }
    if (probeSize < 1 || probeSize > 10_000) {
      throw UserError.of("cli.probeSize", String.valueOf(probeSize));
    }
    if (probeEvery != null && probeEvery < 1) {
      throw UserError.of("cli.train.probeEvery", String.valueOf(probeEvery));
    }
    if (evalEvery < 1) {
      throw UserError.of("cli.train.evalEvery", String.valueOf(evalEvery));
    }
    training.check();
    if (pairsOut != null) {
      // which digits are known does not depend on the device
      int unseen = VerificationReport.unseenDigits(training.hyperparameters(false));
      if (Integer.bitCount(unseen) < 2) {
        throw UserError.of(
            "cli.pairs.unseen", unseen == 0 ? "–" : Hyperparameters.describeDigits(unseen));
      }
    }
    for (Path output : Arrays.asList(metrics, record, saveRun, featuresOut, pairsOut)) {
      if (output != null) {
        AtomicFiles.discard(AtomicFiles.temporaryFor(output)); // fail now, not after training
      }
    }
  }

  /**
   * @param unknownData a second data set whose test images are unknowns, or null
   */
  static MnistDataSet loadData(Path folder, Path unknownData) {
    try {
      return MnistDataSet.load(folder, unknownData);
    } catch (DataSetException e) {
      throw new UserError(e.getMessage());
    }
  }

  private static final class RunResult {
    long steps;
    double trainMillis;
    final List<double[]> probeAccuracy = new ArrayList<>();
    final List<double[]> residentMemory = new ArrayList<>();
    final List<Double> stepMillis = new ArrayList<>();
    Long reachedStep;
    Double reachedSeconds;
    Long divergedAt;
    StepSnapshot last;
    ProbeResult finalTest;
    Vec2List centers;

    /** The centers in d dimensions (the same as {@code centers} for a 2-D feature). */
    FeatureRows fullCenters;

    double wallSeconds;
  }

  private void saveRun(RunRecord run) {
    try {
      RunFile.write(run, saveRun, AppInfo.VERSION);
    } catch (RunFileException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Trains to --steps (or --until-accuracy): the run file's probes every --probe-every steps and
   * its checkpoints when saving, a check of the probe every --eval-every steps and at the end.
   */
  private RunResult train(
      TrainingSession session,
      Hyperparameters hp,
      RecordWriter recorder,
      RunRecording run,
      PrintWriter out) {
    RunResult result = new RunResult();
    RunDriver.Sink progress =
        new RunDriver.Sink() {
          @Override
          public void onSnapshot(StepSnapshot snapshot) {
            if (run != null) {
              run.onSnapshot(snapshot);
            }
            result.last = snapshot;
            result.steps = snapshot.step();
            result.trainMillis += snapshot.stepMillis();
            result.stepMillis.add(snapshot.stepMillis());
            recorder.write(snapshot);
          }

          @Override
          public void onOrigin(RunOrigin origin) {
            run.onOrigin(origin);
          }

          @Override
          public void onCheckpoint(Checkpoint checkpoint) {
            run.onCheckpoint(checkpoint);
          }

          @Override
          public void onDivergence(StepSnapshot snapshot) {
            result.divergedAt = snapshot.step();
            out.println(snapshot.divergence().get());
          }

          @Override
          public void onCheck(StepSnapshot snapshot, ProbeResult probe) {
            double accuracy = probe.accuracy();
            result.probeAccuracy.add(new double[] {snapshot.step(), accuracy});
            ProcessMemory.residentMegabytes()
                .ifPresent(mb -> result.residentMemory.add(new double[] {snapshot.step(), mb}));
            if (!quiet) {
              out.println(
                  Messages.text(
                      "cli.train.progress",
                      String.format("%6d", snapshot.step()),
                      String.format("%2d", snapshot.epoch()),
                      String.format("%.4f", snapshot.scalars().lossSoftmax()),
                      String.format("%.4f", snapshot.scalars().lossCenter()),
                      String.format("%5.1f", 100 * snapshot.scalars().batchAccuracy()),
                      String.format("%5.1f", 100 * accuracy),
                      String.format("%.1f", snapshot.stepMillis())));
              out.flush();
            }
          }
        };
    RunDriver driver =
        RunDriver.of(session, probeSize)
            // features after a step: only the record and the run file show them
            .withFeaturesAfter(record != null || run != null)
            .recordingProbes(
                run != null
                    ? ProbeSchedule.every(probeEvery != null ? probeEvery : 20)
                    : ProbeSchedule.NEVER)
            .checking(ProbeSchedule.every(evalEvery).orLastStep())
            .keepingCheckpoints(run != null ? CheckpointKeeping.SPACED : CheckpointKeeping.NONE)
            .into(progress);
    if (run != null) {
      driver.origin(hp);
    }
    StopRule stop = StopRule.atStep(steps);
    RunDriver.Outcome outcome =
        driver.run(hp, untilAccuracy != null ? stop.orAccuracyAtLeast(untilAccuracy) : stop);
    if (outcome.ending() == StopRule.Ending.ACCURACY_REACHED) {
      StepSnapshot reached = outcome.last().orElseThrow();
      double accuracy = result.probeAccuracy.get(result.probeAccuracy.size() - 1)[1]; // its check
      result.reachedStep = reached.step();
      result.reachedSeconds = result.trainMillis / 1000;
      out.println(
          Messages.text(
              "cli.train.reached",
              String.format("%.1f", 100 * accuracy),
              String.valueOf(reached.step()),
              String.format("%.1f", result.reachedSeconds)));
    }
    return result;
  }

  private String metricsJson(
      RunResult r, TrainingEngine engine, Hyperparameters hp, VerificationReport.PairSets pairs)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("steps", r.steps);
    root.put("device", engine.deviceName());
    root.put("threads", engine.threads());
    root.put("model", hp.model().id());
    if (hp.isProjected()) {
      root.put("feature_dim", hp.featureDim()); // absent: 2, as in every file before the setting
    }
    root.put("head", hp.head().id());
    root.put("center_rule", hp.centerRule().id());
    root.put("optimizer", hp.optimizer().id());
    root.put("lambda", hp.lambda());
    root.put("alpha", hp.alpha());
    root.put("lr", hp.learningRate());
    root.put("s", hp.scale());
    root.put("m", hp.margin());
    root.put("batch_size", hp.batchSize());
    root.put("seed", hp.seed());
    root.put("train_seconds", r.trainMillis / 1000);
    root.put("wall_seconds", r.wallSeconds);
    StepRecordJson.putNumber(root, "ms_per_step_median", median(r.stepMillis));
    StepRecordJson.putNumber(root, "test_accuracy", r.finalTest.accuracy());
    ArrayNode probe = root.putArray("probe_accuracy");
    for (double[] point : r.probeAccuracy) {
      probe.addArray().add((long) point[0]).add(point[1]);
    }
    ArrayNode memory = root.putArray("resident_memory_mb");
    for (double[] point : r.residentMemory) {
      memory.addArray().add((long) point[0]).add(Math.round(point[1] * 10) / 10.0);
    }
    StepRecordJson.putNumber(root, "loss_softmax", r.last.scalars().lossSoftmax());
    StepRecordJson.putNumber(root, "loss_center", r.last.scalars().lossCenter());
    int known = hp.knownDigits();
    if (r.finalTest.isProjected()) {
      // more than two dimensions: every figure in d, the centers with their d numbers each
      root.set("centers", StepRecordJson.rows(r.fullCenters));
      FeatureRows features = r.finalTest.comparedFeatures();
      StepRecordJson.putNumber(
          root,
          "rms_intra",
          FeatureStatistics.rmsDistanceToCenters(
              features, r.finalTest.labels(), r.fullCenters, known));
      StepRecordJson.putNumber(
          root,
          "rms_intra_to_class_mean",
          FeatureStatistics.rmsDistanceToCenters(
              features,
              r.finalTest.labels(),
              FeatureStatistics.classMeans(features, r.finalTest.labels(), known),
              known));
      StepRecordJson.putNumber(
          root, "min_center_distance", FeatureStatistics.minPairwiseDistance(r.fullCenters));
    } else {
      root.set("centers", StepRecordJson.points(r.centers));
      StepRecordJson.putNumber(
          root,
          "rms_intra",
          FeatureStatistics.rmsDistanceToCenters(
              r.finalTest.features(), r.finalTest.labels(), r.centers, known));
      StepRecordJson.putNumber(
          root,
          "rms_intra_to_class_mean",
          FeatureStatistics.rmsDistanceToCenters(
              r.finalTest.features(),
              r.finalTest.labels(),
              FeatureStatistics.classMeans(r.finalTest.features(), r.finalTest.labels(), known),
              known));
      StepRecordJson.putNumber(
          root, "min_center_distance", FeatureStatistics.minPairwiseDistance(r.centers));
    }
    root.putPOJO("reached_accuracy_step", r.reachedStep);
    root.putPOJO("reached_accuracy_seconds", r.reachedSeconds);
    root.putPOJO("diverged_at_step", r.divergedAt);
    if ((hp.isOpenSet() || r.finalTest.otherDataImages() > 0) && r.divergedAt == null) {
      root.set("open_set", openSetJson(r, hp, mapper));
    }
    if (pairs != null) {
      root.set("verification", VerificationReport.json(r.finalTest, pairs, mapper));
    }
    return mapper.writeValueAsString(root) + System.lineSeparator();
  }

  /**
   * The open-set numbers of the final test set: which digits, closed-set accuracy, AUROC and OSCR
   * per score.
   */
  private static ObjectNode openSetJson(RunResult r, Hyperparameters hp, ObjectMapper mapper) {
    OpenSetEvaluation evaluation =
        OpenSetEvaluation.of(r.finalTest, r.last.headAfter(), r.centers, hp);
    ObjectNode node = mapper.createObjectNode();
    ArrayNode known = node.putArray("known");
    ArrayNode unknown = node.putArray("unknown");
    for (int d = 0; d < 10; d++) {
      (hp.isKnown(d) ? known : unknown).add(d);
    }
    node.put("unknown_data_images", r.finalTest.otherDataImages());
    StepRecordJson.putNumber(node, "closed_accuracy", evaluation.closedAccuracy());
    ObjectNode auroc = node.putObject("auroc");
    ObjectNode oscr = node.putObject("oscr");
    for (OpenSetScores.Score score : OpenSetScores.Score.values()) {
      StepRecordJson.putNumber(auroc, score.id(), evaluation.auroc(score));
      StepRecordJson.putNumber(oscr, score.id(), evaluation.oscr(score));
    }
    return node;
  }

  /** Every final test feature with its scores, as CSV (raw values: the distance itself). */
  static String featuresCsv(OpenSetEvaluation evaluation) {
    ProbeResult probe = evaluation.probe();
    // a 2-D feature keeps its x and y; a larger one has its d numbers, f1 to fd
    FeatureRows full = probe.isProjected() ? probe.comparedFeatures() : null;
    StringBuilder csv = new StringBuilder("index,label,known,");
    if (full == null) {
      csv.append("x,y");
    } else {
      for (int k = 0; k < full.dimensions(); k++) {
        csv.append(k == 0 ? "" : ",").append('f').append(k + 1);
      }
    }
    csv.append(",predicted");
    for (OpenSetScores.Score score : OpenSetScores.Score.values()) {
      csv.append(',').append(score.id());
    }
    csv.append('\n');
    for (int i = 0; i < evaluation.size(); i++) {
      csv.append(i)
          .append(',')
          .append(probe.labels().get(i))
          .append(',')
          .append(evaluation.known(i))
          .append(',');
      if (full == null) {
        csv.append(probe.features().x(i)).append(',').append(probe.features().y(i));
      } else {
        for (int k = 0; k < full.dimensions(); k++) {
          csv.append(k == 0 ? "" : ",").append(full.get(i, k));
        }
      }
      csv.append(',').append(evaluation.predictedDigit(i));
      for (OpenSetScores.Score score : OpenSetScores.Score.values()) {
        csv.append(',').append(score.raw(evaluation.scored(i).get(score)));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * JSON Lines to a temporary file that becomes {@code --record} when the run ends. A write that
   * fails (a full disk) is one sentence naming the file, and the temporary file is gone (issue 25).
   */
  static final class RecordWriter implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final BufferedWriter writer;
    private boolean committed;

    private RecordWriter(Path target, Path temporary, BufferedWriter writer) {
      this.target = target;
      this.temporary = temporary;
      this.writer = writer;
    }

    static RecordWriter open(Path target) {
      if (target == null) {
        return new RecordWriter(null, null, null);
      }
      Path temporary = AtomicFiles.temporaryFor(target);
      try {
        return new RecordWriter(target, temporary, Files.newBufferedWriter(temporary));
      } catch (IOException e) {
        AtomicFiles.discard(temporary);
        throw new UserError(TextFiles.describeFailure(target, e).render());
      }
    }

    void write(StepSnapshot snapshot) {
      if (writer != null) {
        try {
          writer.write(StepRecordJson.toLine(snapshot));
          writer.newLine();
        } catch (IOException e) {
          throw failed(e);
        }
      }
    }

    void commit() {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          throw failed(e);
        }
        AtomicFiles.commit(temporary, target);
        committed = true;
      }
    }

    private UserError failed(IOException e) {
      committed = true; // nothing more to close: the file is gone
      try {
        writer.close();
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      return new UserError(TextFiles.describeFailure(target, e).render());
    }

    @Override
    public void close() {
      if (writer != null && !committed) {
        try {
          writer.close();
        } catch (IOException e) {
          // the file is discarded below either way
        }
        AtomicFiles.discard(temporary);
      }
    }
  }
}
