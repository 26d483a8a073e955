package lab.centerloss.lesson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lab.centerloss.data.SmallFiles;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Message;
import lab.centerloss.text.Printable;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.ComparisonPreset;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.StepSnapshot;

/**
 * A lesson's recordings (issue 27): the runs its steps train, made once by {@code lesson NAME
 * --record}, so that entering a step shows its run at the step's end at once instead of keeping the
 * class waiting minutes on a laptop's CPU.
 *
 * <p>A recording covers one {@link Segment}: a {@code reset} step and the {@code train} steps that
 * follow it with the same settings, trained by one run from the lesson's seed. Each is a run file
 * ({@code NAME-stepK.clab}, K the reset step counted from 1) beside a manifest, {@code
 * NAME.recordings.json}, that says how they were made (app version, libtorch, CPU, threads, the
 * data set's fingerprint, the date), which step of the run each lesson step ends at, and each
 * file's size and SHA-256. The built-in lessons' recordings are resources of the app; a lesson
 * file's are beside it. They are untrusted like every file: names are made from the lesson's
 * checked name (none is taken from a file, so none leads out of the folder), sizes are limited,
 * every file is checked against the manifest and read as any run file is. A recording that cannot
 * be used says why in one sentence, and the step trains live as it always did.
 */
public final class LessonRecordings {
  public static final int FORMAT = 1;

  /** The largest recording (run file) read: a compact one of a few thousand steps is 1–3 MB. */
  public static final long MAX_RECORDING_BYTES = 16L << 20;

  public static final long MAX_MANIFEST_BYTES = 64 * 1024;

  /** The most lines a manifest has: a lesson's steps, each with at most a comparison's runs. */
  public static final int MAX_ENTRIES = LessonFile.MAX_STEPS * Comparison.Plan.MAX_RUNS;

  /** Where the built-in lessons' recordings are among the app's resources. */
  public static final String BUILT_IN_FOLDER = "/lab/centerloss/lessons/recordings/";

  /** The key of "this step has no recording": a step without one trains live, saying nothing. */
  public static final String NONE = "lesson.recording.none";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  static {
    JSON.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength((int) MAX_MANIFEST_BYTES)
                .build());
  }

  private LessonRecordings() {}

  /**
   * Steps of a lesson that one recorded run trains.
   *
   * @param start the {@code reset} step, counted from 0
   * @param trainSteps the {@code train} steps after it, counted from 0, in order
   * @param settings the settings the run trains with (the lesson's, from the defaults)
   */
  public record Segment(int start, List<Integer> trainSteps, Hyperparameters settings) {
    public Segment {
      trainSteps = List.copyOf(trainSteps);
    }

    /**
     * The recording's file name: made from the lesson's checked name and a number, nothing else.
     */
    public String fileName(String lesson) {
      return lesson + "-step" + (start + 1) + RunFile.EXTENSION;
    }

    public boolean contains(int step) {
      return trainSteps.contains(step);
    }
  }

  /**
   * A comparison step of a lesson, recorded as one run file per run (issue 27): each run of the
   * preset trained alone from the lesson's seed to the step the comparison pauses at, with the
   * probes a recorded comparison shows ({@code lesson NAME --record}). Train-and-test (one run
   * drawn twice) and one-change comparisons are not recorded: they train live.
   *
   * @param step the compare step, counted from 0
   * @param runs the settings of each run, as the window's comparison makes them from the lesson's
   */
  public record ComparisonPart(
      int step, ComparisonPreset preset, long untilStep, List<Hyperparameters> runs) {
    public ComparisonPart {
      runs = List.copyOf(runs);
    }

    /** Run r's file name (r from 1): from the lesson's checked name and two numbers only. */
    public String fileName(String lesson, int run) {
      return lesson + "-step" + (step + 1) + "-run" + run + RunFile.EXTENSION;
    }
  }

  /** The lesson's recordable comparison steps: those that train a preset's runs to a step. */
  public static List<ComparisonPart> comparisonParts(Lesson lesson) {
    List<ComparisonPart> parts = new ArrayList<>();
    Hyperparameters settings = Hyperparameters.defaults();
    for (int i = 0; i < lesson.steps().size(); i++) {
      settings = lesson.settingsAt(i, settings);
      if (lesson.steps().get(i).action() instanceof LessonAction.Compare compare
          && compare.untilStep() > 0
          && !compare.preset().trainAndTest()
          && !compare.preset().needsChange()) {
        parts.add(
            new ComparisonPart(
                i, compare.preset(), compare.untilStep(), compare.preset().runs(settings)));
      }
    }
    return parts;
  }

  /** The recordable comparison at this step, if it is one. */
  public static Optional<ComparisonPart> comparisonAt(Lesson lesson, int step) {
    return comparisonParts(lesson).stream().filter(p -> p.step() == step).findFirst();
  }

  /** The manifest's file name for a lesson. */
  public static String manifestName(String lesson) {
    return lesson + ".recordings.json";
  }

  /**
   * The lesson's recordable segments: each {@code reset} step followed by at least one {@code
   * train} step with the same settings. A step that changes the settings, trains otherwise (step
   * through, compare) or resets ends a segment; steps that only narrate, show or highlight do not.
   */
  public static List<Segment> segments(Lesson lesson) {
    List<Segment> segments = new ArrayList<>();
    Hyperparameters settings = Hyperparameters.defaults();
    int start = -1;
    Hyperparameters startSettings = null;
    List<Integer> trains = new ArrayList<>();
    for (int i = 0; i < lesson.steps().size(); i++) {
      LessonStep step = lesson.steps().get(i);
      Hyperparameters next = lesson.settingsAt(i, settings);
      boolean changes = !next.equals(settings) || step.scenario().isPresent();
      settings = next;
      LessonAction action = step.action();
      boolean trains1 =
          action instanceof LessonAction.TrainUntilStep
              || action instanceof LessonAction.TrainUntilAccuracy;
      boolean passive =
          action instanceof LessonAction.None
              || action instanceof LessonAction.ShowTab
              || action instanceof LessonAction.Highlight;
      if (start >= 0 && (changes || !(trains1 || passive))) {
        close(segments, start, trains, startSettings);
        start = -1;
      }
      if (action instanceof LessonAction.Reset) {
        start = i;
        startSettings = settings;
        trains = new ArrayList<>();
      } else if (trains1 && start >= 0) {
        trains.add(i);
      }
    }
    if (start >= 0) {
      close(segments, start, trains, startSettings);
    }
    return segments;
  }

  private static void close(
      List<Segment> segments, int start, List<Integer> trains, Hyperparameters settings) {
    if (!trains.isEmpty()) {
      segments.add(new Segment(start, trains, settings));
    }
  }

  /** The segment a train step belongs to, if it is recordable. */
  public static Optional<Segment> segmentOf(Lesson lesson, int step) {
    return segments(lesson).stream().filter(s -> s.contains(step)).findFirst();
  }

  // The manifest -------------------------------------------------------------------------------

  /**
   * How a lesson's recordings were made.
   *
   * @param libtorch the libtorch (JavaCPP PyTorch) version
   * @param device "cpu" or "cuda"
   * @param recorded the date, ISO 8601
   */
  public record Made(
      String lesson,
      String appVersion,
      String libtorch,
      String device,
      int threads,
      String dataFingerprint,
      String recorded) {}

  /**
   * One recording in the manifest.
   *
   * @param run 0 for a segment's one run; for a comparison step, which of its runs (from 1)
   * @param ends the step of the run at which each lesson step (counted from 0) ends
   * @param seconds how long recording it took
   */
  public record Entry(
      int start,
      int run,
      String file,
      long bytes,
      String sha256,
      Map<Integer, Long> ends,
      double seconds) {
    public Entry {
      ends = Map.copyOf(ends);
    }
  }

  /** A lesson's manifest. */
  public record Manifest(Made made, List<Entry> entries) {
    public Manifest {
      entries = List.copyOf(entries);
    }

    public Optional<Entry> entry(int start) {
      return entry(start, 0);
    }

    public Optional<Entry> entry(int start, int run) {
      return entries.stream().filter(e -> e.start() == start && e.run() == run).findFirst();
    }
  }

  /** The manifest as written beside the recordings. */
  public static byte[] manifestJson(Manifest manifest) {
    ObjectNode root = JSON.createObjectNode();
    Made made = manifest.made();
    root.put("format", FORMAT);
    root.put("lesson", made.lesson());
    root.put("app_version", made.appVersion());
    root.put("libtorch", made.libtorch());
    root.put("device", made.device());
    root.put("threads", made.threads());
    root.put("data_fingerprint", made.dataFingerprint());
    root.put("recorded", made.recorded());
    ArrayNode list = root.putArray("recordings");
    for (Entry e : manifest.entries()) {
      ObjectNode node = list.addObject();
      node.put("from_step", e.start() + 1);
      if (e.run() > 0) {
        node.put("run", e.run());
      }
      node.put("file", e.file());
      node.put("bytes", e.bytes());
      node.put("sha256", e.sha256());
      node.put("seconds", Math.round(e.seconds() * 10) / 10.0);
      ArrayNode ends = node.putArray("ends");
      e.ends().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(end -> ends.addObject().put("step", end.getKey() + 1).put("at", end.getValue()));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a manifest of this lesson, checking every field; a problem is a message (untrusted).
   *
   * @throws Unusable why it cannot be used
   */
  public static Manifest parseManifest(Lesson lesson, byte[] bytes) throws Unusable {
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.tooLarge"));
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.notJson"));
    }
    if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.format"));
    }
    if (!lesson.name().equals(root.path("lesson").asText(""))) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.otherLesson"));
    }
    String fingerprint = root.path("data_fingerprint").asText("");
    if (!fingerprint.matches("[0-9a-f]{64}")) {
      throw unusable(
          "lesson.recording.bad", Message.of("lesson.recording.why.field", "data_fingerprint"));
    }
    Made made =
        new Made(
            lesson.name(),
            shortText(root, "app_version"),
            shortText(root, "libtorch"),
            shortText(root, "device"),
            root.path("threads").asInt(0),
            fingerprint,
            shortText(root, "recorded"));
    JsonNode list = root.path("recordings");
    // a line per recorded part, and one per run of each recorded comparison
    if (!list.isArray() || list.size() > MAX_ENTRIES) {
      throw unusable(
          "lesson.recording.bad", Message.of("lesson.recording.why.field", "recordings"));
    }
    List<Segment> segments = segments(lesson);
    List<ComparisonPart> comparisons = comparisonParts(lesson);
    List<Entry> entries = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (JsonNode node : list) {
      int start = node.path("from_step").asInt(0) - 1;
      // one line per part and run: a second one for the same is not silently ignored
      if (!seen.add(start + "/" + node.path("run").asInt(0))) {
        throw unusable(
            "lesson.recording.bad", Message.of("lesson.recording.why.field", "from_step"));
      }
      if (node.has("run")) {
        entries.add(comparisonEntry(lesson, comparisons, start, node));
        continue;
      }
      Segment segment =
          segments.stream()
              .filter(s -> s.start() == start)
              .findFirst()
              .orElseThrow(
                  () ->
                      unusable(
                          "lesson.recording.bad",
                          Message.of("lesson.recording.why.field", "from_step")));
      FileLine file = fileLine(node, segment.fileName(lesson.name()));
      Map<Integer, Long> ends = new LinkedHashMap<>();
      for (JsonNode end : node.path("ends")) {
        int step = end.path("step").asInt(0) - 1;
        long at = end.path("at").asLong(-1);
        if (!segment.contains(step) || at < 0 || at > LessonFile.MAX_TRAIN_STEPS) {
          throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "ends"));
        }
        ends.put(step, at);
      }
      if (!ends.keySet().containsAll(segment.trainSteps())) {
        throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "ends"));
      }
      entries.add(
          new Entry(
              start,
              0,
              file.name(),
              file.bytes(),
              file.sha256(),
              ends,
              node.path("seconds").asDouble(0)));
    }
    return new Manifest(made, entries);
  }

  /** The file a manifest's line names, with the size and SHA-256 it must have. */
  private record FileLine(String name, long bytes, String sha256) {}

  /**
   * A line's file, checked: its name must be {@code name} (the lesson's own: a manifest cannot
   * point anywhere else), its size within the limit, its SHA-256 one.
   */
  private static FileLine fileLine(JsonNode node, String name) throws Unusable {
    if (!name.equals(node.path("file").asText(""))) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "file"));
    }
    long bytes = node.path("bytes").asLong(-1);
    String sha = node.path("sha256").asText("");
    if (bytes < 1 || bytes > MAX_RECORDING_BYTES || !SHA256.matcher(sha).matches()) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "sha256"));
    }
    return new FileLine(name, bytes, sha);
  }

  /** A comparison run's line of the manifest, checked as a segment's is. */
  private static Entry comparisonEntry(
      Lesson lesson, List<ComparisonPart> comparisons, int start, JsonNode node) throws Unusable {
    ComparisonPart part =
        comparisons.stream()
            .filter(p -> p.step() == start)
            .findFirst()
            .orElseThrow(
                () ->
                    unusable(
                        "lesson.recording.bad",
                        Message.of("lesson.recording.why.field", "from_step")));
    int run = node.path("run").asInt(0);
    if (run < 1 || run > part.runs().size()) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "run"));
    }
    FileLine file = fileLine(node, part.fileName(lesson.name(), run));
    return new Entry(
        start,
        run,
        file.name(),
        file.bytes(),
        file.sha256(),
        Map.of(start, part.untilStep()),
        node.path("seconds").asDouble(0));
  }

  private static String shortText(JsonNode root, String field) throws Unusable {
    JsonNode node = root.get(field);
    if (node == null
        || !node.isTextual()
        || node.asText().isBlank()
        || node.asText().length() > 80) {
      throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", field));
    }
    return Printable.of(node.asText());
  }

  // Reading ------------------------------------------------------------------------------------

  /** Why a recording cannot be used: one sentence, and the step trains live. */
  public static final class Unusable extends Exception {
    private final transient Message why;

    public Unusable(Message why) {
      super(why.key());
      this.why = why;
    }

    public Message why() {
      return why;
    }
  }

  private static Unusable unusable(String key, Object... arguments) {
    return new Unusable(Message.of(key, arguments));
  }

  /**
   * A recording read and checked.
   *
   * @param run the recorded run, with its checkpoints
   * @param made how the lesson's recordings were made
   * @param entry its line in the manifest: where each lesson step ends
   */
  public record Recording(RunRecord run, Made made, Entry entry) {
    /** The step of the run at which a lesson step (counted from 0) ends. */
    public long endOf(int step) {
      Long at = entry.ends().get(step);
      return at == null ? run.lastStep() : at;
    }

    /** The seed the run trained from. */
    public long seed() {
      return run.origin().hyperparameters().seed();
    }
  }

  /** Where a lesson's recordings are, if it may have any. */
  public interface Source {
    /** The file's bytes within the limit. */
    byte[] read(String name, long limit) throws IOException;
  }

  /**
   * The place of a lesson's recordings: the app's resources for a built-in lesson, the lesson
   * file's folder for a lesson read from a file, none for a lesson read from bytes alone.
   */
  public static Optional<Source> sourceOf(Lesson lesson) {
    if (lesson.folder().isPresent()) {
      Path folder = lesson.folder().get();
      return Optional.of((name, limit) -> readBeside(folder, name, limit));
    }
    if (LessonFile.BUILT_IN.contains(lesson.name())) {
      return Optional.of(LessonRecordings::readResource);
    }
    return Optional.empty();
  }

  private static byte[] readResource(String name, long limit) throws IOException {
    try (InputStream in = LessonRecordings.class.getResourceAsStream(BUILT_IN_FOLDER + name)) {
      if (in == null) {
        throw new NoSuchFileException(name);
      }
      byte[] bytes = in.readNBytes((int) limit + 1);
      if (bytes.length > limit) {
        throw new Refused(true);
      }
      return bytes;
    }
  }

  /** A file in the lesson's folder only: a link that leads elsewhere is refused. */
  private static byte[] readBeside(Path folder, String name, long limit) throws IOException {
    Path file = folder.resolve(name).normalize();
    if (!file.getParent().equals(folder.normalize())) {
      throw new Refused(false);
    }
    if (Files.exists(file) && !file.toRealPath().getParent().equals(folder.toRealPath())) {
      throw new Refused(false);
    }
    return SmallFiles.read(file, limit);
  }

  /**
   * The recording of the segment holding this train step, read and checked; call off the JavaFX
   * thread (a recording takes a moment to read).
   *
   * @param dataFingerprint the data set the window trains on, or null when not yet known
   * @param appVersion this app's version: a recording of another is not used
   * @throws Unusable why the step trains live instead
   */
  public static Recording load(
      Lesson lesson, int step, String dataFingerprint, String appVersion, Path scratch)
      throws Unusable {
    Segment segment = segmentOf(lesson, step).orElseThrow(() -> unusable(NONE));
    Source source = sourceOf(lesson).orElseThrow(() -> unusable(NONE));
    Manifest manifest = checkedManifest(lesson, source, dataFingerprint, appVersion);
    Made made = manifest.made();
    Entry entry =
        manifest
            .entry(segment.start())
            .orElseThrow(
                () -> unusable("lesson.recording.missing", segment.fileName(lesson.name())));
    RunRecord run = readRun(source, entry, made, segment.settings(), scratch);
    for (int train : segment.trainSteps()) {
      long end = entry.ends().get(train);
      if (end > run.lastStep()
          || run.checkpointAtOrBefore(end).map(c -> c.step() != end).orElse(true)) {
        throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "ends"));
      }
    }
    return new Recording(run, made, entry);
  }

  /**
   * A comparison step's recording read and checked: one run per run of the preset, in order.
   *
   * @param made how the lesson's recordings were made
   */
  public record ComparisonRecording(ComparisonPart part, List<RunRecord> runs, Made made) {
    public ComparisonRecording {
      runs = List.copyOf(runs);
    }
  }

  /**
   * The recording of this compare step, read and checked as {@link #load} reads a segment's; call
   * off the JavaFX thread.
   *
   * @throws Unusable why the comparison trains live instead
   */
  public static ComparisonRecording loadComparison(
      Lesson lesson, int step, String dataFingerprint, String appVersion, Path scratch)
      throws Unusable {
    ComparisonPart part = comparisonAt(lesson, step).orElseThrow(() -> unusable(NONE));
    Source source = sourceOf(lesson).orElseThrow(() -> unusable(NONE));
    Manifest manifest = checkedManifest(lesson, source, dataFingerprint, appVersion);
    List<RunRecord> runs = new ArrayList<>();
    for (int r = 1; r <= part.runs().size(); r++) {
      int run = r;
      Entry entry =
          manifest
              .entry(part.step(), run)
              .orElseThrow(
                  () -> unusable("lesson.recording.missing", part.fileName(lesson.name(), run)));
      RunRecord record = readRun(source, entry, manifest.made(), part.runs().get(r - 1), scratch);
      // trained exactly to the step the comparison pauses at, the step the panel names
      if (record.lastStep() != part.untilStep()) {
        throw unusable("lesson.recording.bad", Message.of("lesson.recording.why.field", "ends"));
      }
      runs.add(record);
    }
    return new ComparisonRecording(part, runs, manifest.made());
  }

  /** The lesson's manifest, read, parsed and checked against this app and its data. */
  private static Manifest checkedManifest(
      Lesson lesson, Source source, String dataFingerprint, String appVersion) throws Unusable {
    String manifestName = manifestName(lesson.name());
    Manifest manifest;
    try {
      manifest = parseManifest(lesson, source.read(manifestName, MAX_MANIFEST_BYTES));
    } catch (NoSuchFileException e) {
      // a teacher's lesson without recordings plays live, as it always did: nothing to say
      throw lesson.folder().isPresent()
          ? unusable(NONE)
          : unusable("lesson.recording.missing", manifestName);
    } catch (SmallFiles.Refused e) {
      throw refused(e.tooLarge());
    } catch (Refused e) {
      throw refused(e.tooLarge);
    } catch (IOException e) {
      throw unusable("lesson.recording.bad", String.valueOf(e.getMessage()));
    }
    Made made = manifest.made();
    if (!made.appVersion().equals(appVersion)) {
      throw unusable("lesson.recording.otherVersion", made.appVersion(), appVersion);
    }
    if (dataFingerprint != null && !made.dataFingerprint().equals(dataFingerprint)) {
      throw unusable("lesson.recording.otherData");
    }
    return manifest;
  }

  /** One recorded run: its bytes as the manifest says, read as any run file, of these settings. */
  private static RunRecord readRun(
      Source source, Entry entry, Made made, Hyperparameters settings, Path scratch)
      throws Unusable {
    byte[] bytes;
    try {
      bytes = source.read(entry.file(), MAX_RECORDING_BYTES);
    } catch (NoSuchFileException e) {
      throw unusable("lesson.recording.missing", entry.file());
    } catch (SmallFiles.Refused e) {
      throw refused(e.tooLarge());
    } catch (Refused e) {
      throw refused(e.tooLarge);
    } catch (IOException e) {
      throw unusable("lesson.recording.bad", String.valueOf(e.getMessage()));
    }
    if (bytes.length != entry.bytes() || !sha256(bytes).equals(entry.sha256())) {
      throw unusable("lesson.recording.changed", entry.file(), bytes.length, entry.bytes());
    }
    RunFile.Contents contents;
    try {
      // a run file is read from a file (a zip's directory is at its end): a copy under its name
      Path folder = Files.createTempDirectory(scratch, "recording");
      Path file = folder.resolve(entry.file());
      try {
        Files.write(file, bytes);
        contents = RunFile.read(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(folder);
      }
    } catch (RunFileException e) {
      throw unusable("lesson.recording.unreadable", e.reason());
    } catch (IOException e) {
      throw unusable("lesson.recording.bad", String.valueOf(e.getMessage()));
    }
    if (!contents.dataFingerprint().equals(made.dataFingerprint())) {
      throw unusable("lesson.recording.otherData");
    }
    RunRecord run = contents.record();
    if (!run.origin().hyperparameters().equals(settings)
        || run.steps().stream()
            .map(StepSnapshot::hyperparameters)
            .anyMatch(hp -> !hp.equals(settings))) {
      throw unusable("lesson.recording.otherSettings");
    }
    return run;
  }

  private static Unusable refused(boolean tooLarge) {
    return unusable(
        "lesson.recording.bad",
        Message.of(tooLarge ? "lesson.recording.why.tooLarge" : "lesson.recording.why.outside"));
  }

  /** A recording's file refused before it is read: too large, or not in the lesson's folder. */
  private static final class Refused extends IOException {
    final boolean tooLarge;

    Refused(boolean tooLarge) {
      super(tooLarge ? "too large" : "outside the lesson's folder");
      this.tooLarge = tooLarge;
    }
  }

  /** The SHA-256 of bytes, in lower-case hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .toLowerCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
