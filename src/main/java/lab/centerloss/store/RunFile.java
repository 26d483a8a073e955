package lab.centerloss.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.text.Message;
import lab.centerloss.text.Printable;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.FloatVector;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.OptimizerKind;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;

/**
 * A run as a file ({@code .clab}): a zip archive of five entries, written whole or not at all.
 *
 * <ul>
 *   <li>{@code run.json}: {@code format_version}, {@code app_version}, {@code data_fingerprint},
 *       {@code classes}, {@code probe_size}, {@code steps}, the distinct settings ({@code
 *       settings}) that steps refer to by index, and what is kept;
 *   <li>{@code origin.bin}: the run at step 0 (centers, head, probe);
 *   <li>{@code steps.bin}: every step: scalars, centers, head, and the batch's details where kept;
 *   <li>{@code probes.bin}: the kept probes (labels once, then features and predictions per probe);
 *   <li>{@code checkpoints.bin}: the checkpoints, as plain arrays.
 * </ul>
 *
 * The binary entries are big-endian, every array preceded by its length. The file comes from
 * anyone: only these entry names are read; each entry is read within a size limit; every count,
 * class and number is checked (positions finite, settings possible); nothing in it is executed or
 * deserialized as Java objects. The README documents the format.
 */
public final class RunFile {
  public static final int FORMAT_VERSION = 1;
  public static final String EXTENSION = ".clab";
  static final String META = "run.json";
  static final String ORIGIN = "origin.bin";
  static final String STEPS = "steps.bin";
  static final String PROBES = "probes.bin";
  static final String CHECKPOINTS = "checkpoints.bin";

  /** The most each entry may expand to: far above a real run's, far below what would hurt. */
  static final Map<String, Long> ENTRY_LIMITS =
      Map.of(
          META,
          8L << 20,
          ORIGIN,
          64L << 20,
          STEPS,
          1L << 30,
          PROBES,
          1L << 30,
          CHECKPOINTS,
          1L << 30);

  /**
   * The most all entries together may expand to (issue 25): each entry within its own limit could
   * still add up to gigabytes of memory. A 100,000-step run of the lite model is about 70 MB.
   */
  static final long TOTAL_LIMIT = 256L << 20;

  private static final int MAX_CLASSES = 1000;

  /**
   * Labels and predictions are digits (the data's label values); classes are the known ones among
   * them.
   */
  private static final int LABEL_VALUES = 10;

  /**
   * The probe's labels may also be another data set's unknowns (--unknown-data), labelled {@code
   * OTHER_DATA}.
   */
  private static final int PROBE_LABEL_VALUES = MnistDataSet.OTHER_DATA + 1;

  private static final int MAX_PROBE = 10_000;
  private static final int MAX_BATCH = Hyperparameters.MAX_BATCH_SIZE;
  private static final long MAX_STEPS = 100_000_000L;
  private static final int MAX_PARAMETERS = 50_000_000;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RunFile() {}

  /** What {@link #read} gives back: the run and what its metadata says. */
  public record Contents(
      RunRecord record, String appVersion, String dataFingerprint, int formatVersion) {}

  // Writing -------------------------------------------------------------------------------------

  /**
   * Writes the run to {@code target}, whole or not at all.
   *
   * @throws RunFileException naming the file when it cannot be written (a full disk, a folder that
   *     does not exist or cannot be written)
   */
  public static void write(RunRecord record, Path target, String appVersion)
      throws RunFileException {
    if (record.origin() == null) {
      throw new RunFileException(Message.of("runfile.nothingToSave", target.toString()));
    }
    try {
      AtomicFile.write(target, out -> writeZip(record, out, appVersion));
    } catch (AccessDeniedException e) {
      throw new RunFileException(
          Message.of(
              "runfile.cannotWrite", target.toString(), Message.of("files.notWritable").render()),
          e);
    } catch (NoSuchFileException e) {
      throw new RunFileException(
          Message.of(
              "runfile.cannotWrite", target.toString(), Message.of("files.noFolder").render()),
          e);
    } catch (IOException e) {
      throw new RunFileException(
          Message.of("runfile.cannotWrite", target.toString(), String.valueOf(e.getMessage())), e);
    }
  }

  private static void writeZip(RunRecord record, OutputStream stream, String appVersion)
      throws IOException {
    List<Hyperparameters> settings = new ArrayList<>();
    Map<Hyperparameters, Integer> index = new HashMap<>();
    settingsIndex(record.origin().hyperparameters(), settings, index);
    for (StepSnapshot s : record.steps()) {
      settingsIndex(s.hyperparameters(), settings, index);
    }
    ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(stream, 1 << 16));
    zip.setLevel(Deflater.BEST_SPEED);
    zip.putNextEntry(new ZipEntry(META));
    zip.write(JSON.writeValueAsBytes(meta(record, settings, appVersion)));
    zip.closeEntry();
    DataOutputStream out = new DataOutputStream(zip);
    zip.putNextEntry(new ZipEntry(ORIGIN));
    writeOrigin(out, record.origin(), index);
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(STEPS));
    out.writeInt(record.size());
    for (StepSnapshot s : record.steps()) {
      writeStep(out, s, index);
    }
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(PROBES));
    writeProbes(out, record);
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(CHECKPOINTS));
    out.writeInt(record.checkpoints().size());
    for (Checkpoint c : record.checkpoints()) {
      writeCheckpoint(out, c);
    }
    out.flush();
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  private static void settingsIndex(
      Hyperparameters hp, List<Hyperparameters> settings, Map<Hyperparameters, Integer> index) {
    if (!index.containsKey(hp)) {
      index.put(hp, settings.size());
      settings.add(hp);
    }
  }

  /** The metadata: also what {@code run-info} prints. */
  static ObjectNode meta(RunRecord record, List<Hyperparameters> settings, String appVersion) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("format_version", FORMAT_VERSION);
    meta.put("app_version", appVersion);
    meta.put("data_fingerprint", record.origin().dataFingerprint());
    meta.put("classes", record.origin().classes());
    meta.put("probe_size", record.origin().probe().size());
    meta.put("steps", record.size() == 0 ? 0 : record.steps().get(record.size() - 1).step());
    ArrayNode list = meta.putArray("settings");
    for (Hyperparameters hp : settings) {
      list.add(HyperparametersJson.toJson(hp));
    }
    ObjectNode kept = meta.putObject("kept");
    kept.put("steps", record.size());
    kept.put(
        "steps_with_batch_details",
        record.steps().stream().filter(StepSnapshot::hasBatchDetails).count());
    kept.put("probes", record.probes().size());
    kept.put("checkpoints", record.checkpoints().size());
    kept.put(
        "policy",
        "every step's scalars, centers and head; batch details for the last "
            + RunRecord.DETAILS_KEPT
            + " steps; probes thinned (every probe to step 1,000, then 10 and later "
            + "100 steps apart); checkpoints every 100 steps to step 1,000, then every 500 (5 times rarer "
            + "for the paper model)");
    return meta;
  }

  private static void writeOrigin(
      DataOutputStream out, RunOrigin origin, Map<Hyperparameters, Integer> index)
      throws IOException {
    out.writeInt(index.get(origin.hyperparameters()));
    BinaryIO.writeFloats(out, origin.centers().toArray());
    writeHead(out, origin.head());
    ProbeResult probe = origin.probe();
    BinaryIO.writeInts(out, probe.labels().toArray());
    writeProbe(out, probe);
  }

  private static void writeStep(
      DataOutputStream out, StepSnapshot s, Map<Hyperparameters, Integer> index)
      throws IOException {
    out.writeLong(s.step());
    out.writeInt(s.epoch());
    out.writeInt(index.get(s.hyperparameters()));
    out.writeDouble(s.marginInForce());
    out.writeDouble(s.learningRateInForce());
    StepSnapshot.Scalars v = s.scalars();
    for (double d :
        new double[] {
          v.lossSoftmax(),
          v.lossCenter(),
          v.lossTotal(),
          v.batchAccuracy(),
          v.gradientNorm(),
          s.stepMillis()
        }) {
      out.writeDouble(d);
    }
    out.writeBoolean(s.divergence().isPresent());
    if (s.divergence().isPresent()) {
      out.writeUTF(s.divergence().get().render());
    }
    BinaryIO.writeFloats(out, s.centers().before().toArray());
    BinaryIO.writeFloats(out, s.centers().after().toArray());
    BinaryIO.writeFloats(out, s.centers().paperDeltas().toArray());
    BinaryIO.writeInts(out, s.batch().classCounts().toArray());
    writeHead(out, s.head());
    writeHead(out, s.headAfter());
    out.writeBoolean(s.hasBatchDetails());
    if (s.hasBatchDetails()) {
      BinaryIO.writeInts(out, s.batch().labels().toArray());
      BinaryIO.writeFloats(out, s.batch().features().toArray());
      out.writeBoolean(s.batch().featuresAfter().isPresent());
      if (s.batch().featuresAfter().isPresent()) {
        BinaryIO.writeFloats(out, s.batch().featuresAfter().get().toArray());
      }
    }
  }

  private static void writeHead(DataOutputStream out, StepSnapshot.HeadParameters head)
      throws IOException {
    BinaryIO.writeFloats(out, head.weights().toArray());
    out.writeBoolean(head.bias().isPresent());
    if (head.bias().isPresent()) {
      BinaryIO.writeFloats(out, head.bias().get().toArray());
    }
  }

  private static void writeProbes(DataOutputStream out, RunRecord record) throws IOException {
    out.writeInt(record.probes().size());
    for (ProbeResult p : record.probes()) {
      writeProbe(out, p);
    }
  }

  private static void writeProbe(DataOutputStream out, ProbeResult p) throws IOException {
    out.writeLong(p.step());
    BinaryIO.writeFloats(out, p.features().toArray());
    BinaryIO.writeInts(out, p.predictions().toArray());
  }

  private static void writeCheckpoint(DataOutputStream out, Checkpoint c) throws IOException {
    out.writeLong(c.step());
    writeArrays(out, c.parameters());
    out.writeByte(c.optimizerKind() == null ? 0 : c.optimizerKind().ordinal() + 1);
    out.writeLong(c.optimizerSteps());
    writeArrays(out, c.optimizerFirst());
    writeArrays(out, c.optimizerSecond());
    BinaryIO.writeFloats(out, c.centers());
    out.writeInt(c.epoch());
    out.writeInt(c.taken());
  }

  private static void writeArrays(DataOutputStream out, List<float[]> arrays) throws IOException {
    out.writeInt(arrays.size());
    for (float[] a : arrays) {
      BinaryIO.writeFloats(out, a);
    }
  }

  // Reading -------------------------------------------------------------------------------------

  /**
   * Reads a run file; needs no libtorch.
   *
   * @throws RunFileException with one sentence naming the file and the problem: missing, empty, not
   *     a run file, truncated, of a newer format, damaged (an entry too large, a path leaving its
   *     folder, a number out of range)
   */
  public static Contents read(Path file) throws RunFileException {
    String name = Printable.of(file.toString());
    try {
      // a device (/dev/zero), a pipe or a folder is not a file: its size says nothing
      if (!Files.isRegularFile(file)) {
        throw new RunFileException(
            Message.of(Files.exists(file) ? "runfile.notRegular" : "runfile.missing", name));
      }
      if (Files.size(file) == 0) {
        throw new RunFileException(Message.of("runfile.empty", name));
      }
    } catch (NoSuchFileException e) {
      throw new RunFileException(Message.of("runfile.missing", name), e);
    } catch (IOException e) {
      throw new RunFileException(
          Message.of("runfile.cannotRead", name, String.valueOf(e.getMessage())), e);
    }
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (ZipException e) {
      String why = String.valueOf(e.getMessage());
      if (why.contains("encrypted")) {
        throw new RunFileException(Message.of("runfile.unsupported", name, "encrypted entries"), e);
      }
      // A zip whose end is missing was cut off: say so rather than "not a run file".
      throw new RunFileException(
          Message.of(startsLikeZip(file) ? "runfile.truncated" : "runfile.notRunFile", name), e);
    } catch (IOException e) {
      throw new RunFileException(
          Message.of("runfile.cannotRead", name, String.valueOf(e.getMessage())), e);
    }
    try (zip) {
      Map<String, ZipEntry> entries = entries(zip, name);
      BinaryIO.Budget budget = budget(entries);
      JsonNode meta = readMeta(zip, entries.get(META), name, budget);
      return readContents(zip, entries, meta, name, budget);
    } catch (ZipException e) {
      // the archive opened, so an entry of it is unreadable: a compression this reader does not
      // know, or bad data
      String why = String.valueOf(e.getMessage());
      throw new RunFileException(
          why.contains("compression method")
              ? Message.of("runfile.unsupported", name, "an unknown compression method")
              : Message.of("runfile.damaged", name, "an entry's compressed data is invalid"),
          e);
    } catch (EOFException e) {
      throw new RunFileException(Message.of("runfile.truncated", name), e);
    } catch (BinaryIO.Malformed e) {
      throw new RunFileException(Message.of("runfile.damaged", name, e.getMessage()), e);
    } catch (IOException e) {
      throw new RunFileException(
          Message.of("runfile.cannotRead", name, String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * What the entries may expand to in all, refused at once when their declared sizes already exceed
   * it.
   */
  private static BinaryIO.Budget budget(Map<String, ZipEntry> entries) throws BinaryIO.Malformed {
    long declared = 0;
    for (ZipEntry entry : entries.values()) {
      BinaryIO.check(
          entry.getSize() <= ENTRY_LIMITS.get(entry.getName()),
          "the entry " + entry.getName() + " would expand to " + entry.getSize() + " bytes");
      declared += Math.max(0, entry.getSize());
    }
    BinaryIO.check(
        declared <= TOTAL_LIMIT,
        "its entries would expand to " + declared + " bytes in all (at most " + TOTAL_LIMIT + ")");
    return new BinaryIO.Budget(TOTAL_LIMIT);
  }

  private static boolean startsLikeZip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The entries, each named once and from the known set; a path that leaves the archive's folder
   * refuses the file.
   */
  private static Map<String, ZipEntry> entries(ZipFile zip, String name) throws RunFileException {
    Map<String, ZipEntry> entries = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      String entryName = entry.getName();
      if (entryName.contains("..")
          || entryName.startsWith("/")
          || entryName.contains("\\")
          || entryName.contains(":")) {
        throw new RunFileException(Message.of("runfile.pathLeaves", name, entryName));
      }
      if (!seen.add(entryName)) {
        throw new RunFileException(
            Message.of("runfile.damaged", name, "the entry " + entryName + " twice"));
      }
      if (ENTRY_LIMITS.containsKey(entryName)) {
        entries.put(entryName, entry);
      }
    }
    if (!entries.containsKey(META)) {
      throw new RunFileException(Message.of("runfile.notRunFile", name));
    }
    for (String required : ENTRY_LIMITS.keySet()) {
      if (!entries.containsKey(required)) {
        throw new RunFileException(Message.of("runfile.damaged", name, "no entry " + required));
      }
    }
    return entries;
  }

  private static InputStream open(ZipFile zip, ZipEntry entry, BinaryIO.Budget budget)
      throws IOException {
    long limit = ENTRY_LIMITS.get(entry.getName());
    if (entry.getSize() > limit) {
      throw new BinaryIO.Malformed(
          "the entry " + entry.getName() + " would expand to " + entry.getSize() + " bytes");
    }
    InputStream checked =
        new BinaryIO.CrcChecked(
            zip.getInputStream(entry), entry.getName(), entry.getCrc(), entry.getSize());
    return new BufferedInputStream(
        new BinaryIO.Limited(checked, limit, entry.getName(), budget), 1 << 16);
  }

  private static JsonNode readMeta(ZipFile zip, ZipEntry entry, String name, BinaryIO.Budget budget)
      throws IOException, RunFileException {
    try (InputStream in = open(zip, entry, budget)) {
      // read whole, so that its CRC is checked and nothing may follow the JSON
      JsonNode meta = STRICT_JSON.readTree(in.readAllBytes());
      if (meta == null || !meta.isObject() || !meta.path("format_version").isInt()) {
        throw new RunFileException(Message.of("runfile.notRunFile", name));
      }
      int version = meta.get("format_version").asInt();
      if (version > FORMAT_VERSION) {
        throw new RunFileException(
            Message.of(
                "runfile.newer",
                name,
                version,
                FORMAT_VERSION,
                Printable.of(meta.path("app_version").asText("?"))));
      }
      if (version < 1) {
        throw new RunFileException(Message.of("runfile.notRunFile", name));
      }
      return meta;
    } catch (JacksonException e) {
      throw new RunFileException(Message.of("runfile.notRunFile", name), e);
    }
  }

  private static Contents readContents(
      ZipFile zip,
      Map<String, ZipEntry> entries,
      JsonNode meta,
      String name,
      BinaryIO.Budget budget)
      throws IOException, RunFileException {
    int classes = meta.path("classes").asInt(-1);
    int probeSize = meta.path("probe_size").asInt(-1);
    BinaryIO.check(classes >= 2 && classes <= MAX_CLASSES, "classes is " + classes);
    BinaryIO.check(probeSize >= 1 && probeSize <= MAX_PROBE, "probe_size is " + probeSize);
    String fingerprint = meta.path("data_fingerprint").asText("");
    BinaryIO.check(fingerprint.matches("[0-9a-f]{64}"), "the data fingerprint is not a SHA-256");
    List<Hyperparameters> settings = new ArrayList<>();
    JsonNode list = meta.path("settings");
    BinaryIO.check(list.isArray() && !list.isEmpty() && list.size() <= 1_000_000, "no settings");
    for (JsonNode node : list) {
      HyperparametersJson.Result r = HyperparametersJson.fromJson(node, Hyperparameters.defaults());
      if (r.problem().isPresent()) {
        throw new RunFileException(
            Message.of("runfile.badSettings", name, r.problem().get().render()));
      }
      settings.add(r.hyperparameters().get());
    }
    Reader reader = new Reader(classes, probeSize, settings);
    RunOrigin origin;
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(ORIGIN), budget))) {
      origin = reader.origin(in, fingerprint);
      BinaryIO.expectEnd(in, ORIGIN);
    }
    RunRecord record = new RunRecord(origin);
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(PROBES), budget))) {
      int count =
          BinaryIO.readInt(in, 0, (int) Math.min(Integer.MAX_VALUE, MAX_STEPS), "the probe count");
      long last = 0;
      for (int i = 0; i < count; i++) {
        ProbeResult p = reader.probe(in, origin.probe().labels());
        BinaryIO.check(p.step() > last, "the probes are not in order");
        last = p.step();
        reader.probes.add(p);
      }
      BinaryIO.expectEnd(in, PROBES);
    }
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(STEPS), budget))) {
      int count =
          BinaryIO.readInt(in, 0, (int) Math.min(Integer.MAX_VALUE, MAX_STEPS), "the step count");
      long last = 0;
      for (int i = 0; i < count; i++) {
        StepSnapshot s = reader.step(in);
        BinaryIO.check(s.step() > last, "the steps are not in order");
        last = s.step();
        record.add(s);
      }
      BinaryIO.expectEnd(in, STEPS);
    }
    for (ProbeResult p : reader.probes) {
      record.restoreProbe(p);
    }
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(CHECKPOINTS), budget))) {
      int count = BinaryIO.readInt(in, 0, 1_000_000, "the checkpoint count");
      for (int i = 0; i < count; i++) {
        record.addCheckpoint(reader.checkpoint(in));
      }
      BinaryIO.expectEnd(in, CHECKPOINTS);
    }
    return new Contents(
        record,
        meta.path("app_version").asText(""),
        fingerprint,
        meta.get("format_version").asInt());
  }

  /**
   * Reads records within the limits one run file sets itself (its class count, probe size,
   * settings).
   */
  private static final class Reader {
    private final int classes;
    private final int probeSize;
    private final List<Hyperparameters> settings;
    private final List<ProbeResult> probes = new ArrayList<>();
    private int knownDigits = Hyperparameters.ALL_DIGITS;

    Reader(int classes, int probeSize, List<Hyperparameters> settings) {
      this.classes = classes;
      this.probeSize = probeSize;
      this.settings = settings;
    }

    Hyperparameters settings(DataInputStream in) throws IOException {
      return settings.get(BinaryIO.readInt(in, 0, settings.size() - 1, "a settings index"));
    }

    Vec2List points(DataInputStream in, int count, String what) throws IOException {
      float[] xy = BinaryIO.readFiniteFloats(in, 2 * count, what);
      BinaryIO.check(
          xy.length == 2 * count, what + " has " + xy.length / 2 + " points, not " + count);
      return Vec2List.copyOf(xy);
    }

    StepSnapshot.HeadParameters head(DataInputStream in) throws IOException {
      Vec2List weights = points(in, classes, "the head's weights");
      Optional<FloatVector> bias = Optional.empty();
      if (BinaryIO.readFlag(in, "the bias flag")) {
        float[] b = BinaryIO.readFiniteFloats(in, classes, "the head's bias");
        BinaryIO.check(b.length == classes, "the head's bias has " + b.length + " values");
        bias = Optional.of(FloatVector.copyOf(b));
      }
      return new StepSnapshot.HeadParameters(weights, bias);
    }

    RunOrigin origin(DataInputStream in, String fingerprint) throws IOException {
      Hyperparameters hp = settings(in);
      knownDigits = hp.knownDigits();
      BinaryIO.check(
          hp.classDigits().length == classes, "the known digits do not match the class count");
      Vec2List centers = points(in, classes, "the origin's centers");
      StepSnapshot.HeadParameters head = head(in);
      int[] labels =
          BinaryIO.readInts(in, probeSize, 0, PROBE_LABEL_VALUES - 1, "the probe's labels");
      BinaryIO.check(labels.length == probeSize, "the probe has " + labels.length + " labels");
      ProbeResult probe = probe(in, IntVector.copyOf(labels));
      BinaryIO.check(probe.step() == 0, "the origin's probe is not at step 0");
      return new RunOrigin(hp, centers, head, probe, fingerprint);
    }

    ProbeResult probe(DataInputStream in, IntVector labels) throws IOException {
      long step = BinaryIO.readLong(in, 0, MAX_STEPS, "a probe's step");
      Vec2List features = points(in, probeSize, "a probe's features");
      int[] predictions =
          BinaryIO.readInts(in, probeSize, 0, LABEL_VALUES - 1, "a probe's predictions");
      BinaryIO.check(
          predictions.length == probeSize, "a probe has " + predictions.length + " predictions");
      return new ProbeResult(step, features, labels, IntVector.copyOf(predictions), knownDigits);
    }

    StepSnapshot step(DataInputStream in) throws IOException {
      long step = BinaryIO.readLong(in, 1, MAX_STEPS, "a step number");
      int epoch = BinaryIO.readInt(in, 0, Integer.MAX_VALUE, "an epoch");
      Hyperparameters hp = settings(in);
      double margin = BinaryIO.readDouble(in, true, "a margin");
      BinaryIO.check(
          margin >= 0 && margin <= Hyperparameters.MAX_MARGIN, "a margin is out of range");
      double lr = BinaryIO.readDouble(in, true, "a learning rate");
      BinaryIO.check(lr >= 0, "a learning rate is negative");
      double[] v = new double[6];
      for (int i = 0; i < v.length; i++) {
        v[i] = in.readDouble();
      }
      boolean diverged = BinaryIO.readFlag(in, "the divergence flag");
      if (diverged) {
        in.readUTF(); // the sentence as written: it is said again from the step and its losses
      }
      // A diverged step's losses are not numbers: that is what it records. Any other step's are.
      for (int i = 0; i < 4; i++) {
        BinaryIO.check(
            diverged || Double.isFinite(v[i]), "a loss or accuracy is not a finite number");
      }
      BinaryIO.check(v[3] >= 0 && v[3] <= 1 || diverged, "a batch accuracy is outside [0, 1]");
      BinaryIO.check(Double.isFinite(v[5]) && v[5] >= 0, "a step time is not a duration");
      Vec2List before = points(in, classes, "the centers before a step");
      Vec2List after = points(in, classes, "the centers after a step");
      Vec2List deltas = points(in, classes, "the deltas of a step");
      int[] counts = BinaryIO.readInts(in, classes, 0, MAX_BATCH, "the class counts");
      BinaryIO.check(
          counts.length == classes, "the class counts have " + counts.length + " values");
      StepSnapshot.HeadParameters head = head(in);
      StepSnapshot.HeadParameters headAfter = head(in);
      StepSnapshot.Batch batch;
      if (BinaryIO.readFlag(in, "the details flag")) {
        int[] labels = BinaryIO.readInts(in, MAX_BATCH, 0, LABEL_VALUES - 1, "a batch's labels");
        BinaryIO.check(labels.length > 0, "a batch with details has no labels");
        float[] xy = BinaryIO.readFloats(in, 2 * labels.length, "a batch's features");
        BinaryIO.check(
            xy.length == 2 * labels.length, "a batch's features do not match its labels");
        Optional<Vec2List> moved = Optional.empty();
        if (BinaryIO.readFlag(in, "the features-after flag")) {
          moved = Optional.of(points(in, labels.length, "a batch's features after the step"));
        }
        batch =
            new StepSnapshot.Batch(
                IntVector.copyOf(labels), Vec2List.copyOf(xy), moved, IntVector.copyOf(counts));
      } else {
        batch =
            new StepSnapshot.Batch(
                IntVector.copyOf(new int[0]),
                Vec2List.copyOf(new float[0]),
                Optional.empty(),
                IntVector.copyOf(counts));
      }
      StepSnapshot.Scalars scalars = new StepSnapshot.Scalars(v[0], v[1], v[2], v[3], v[4]);
      return new StepSnapshot(
          step,
          epoch,
          hp,
          margin,
          lr,
          scalars,
          batch,
          new StepSnapshot.CenterMove(before, after, deltas),
          head,
          headAfter,
          v[5],
          Optional.empty(),
          diverged ? Optional.of(StepSnapshot.divergenceReason(step, scalars)) : Optional.empty());
    }

    Checkpoint checkpoint(DataInputStream in) throws IOException {
      long step = BinaryIO.readLong(in, 0, MAX_STEPS, "a checkpoint's step");
      List<float[]> parameters = arrays(in, "a checkpoint's parameters");
      int kind = in.readUnsignedByte();
      BinaryIO.check(kind <= OptimizerKind.values().length, "an optimizer kind is unknown");
      long optimizerSteps = BinaryIO.readLong(in, 0, MAX_STEPS, "an optimizer's step count");
      List<float[]> first = arrays(in, "an optimizer's buffers");
      List<float[]> second = arrays(in, "an optimizer's second buffers");
      float[] centers = BinaryIO.readFiniteFloats(in, 2 * classes, "a checkpoint's centers");
      BinaryIO.check(
          centers.length == 2 * classes,
          "a checkpoint's centers have " + centers.length + " values");
      int epoch = BinaryIO.readInt(in, 0, Integer.MAX_VALUE, "a checkpoint's epoch");
      int taken = BinaryIO.readInt(in, 0, Integer.MAX_VALUE, "a checkpoint's sampler position");
      return new Checkpoint(
          step,
          parameters,
          kind == 0 ? null : OptimizerKind.values()[kind - 1],
          optimizerSteps,
          first,
          second,
          centers,
          epoch,
          taken);
    }

    private List<float[]> arrays(DataInputStream in, String what) throws IOException {
      int count = BinaryIO.readInt(in, 0, 10_000, what + " count");
      List<float[]> arrays = new ArrayList<>();
      long total = 0;
      for (int i = 0; i < count; i++) {
        float[] a = BinaryIO.readFiniteFloats(in, MAX_PARAMETERS, what);
        total += a.length;
        BinaryIO.check(total <= MAX_PARAMETERS, what + " hold too many values");
        arrays.add(a);
      }
      return arrays;
    }
  }

  /** The metadata of a run file, as {@code run-info} prints it (with the file's size). */
  public static ObjectNode info(Contents contents, Path file) throws IOException {
    RunRecord record = contents.record();
    List<Hyperparameters> distinct = new ArrayList<>();
    for (RunRecord.SettingsChange change : record.settingsChanges()) {
      distinct.add(change.hyperparameters());
    }
    ObjectNode meta = meta(record, distinct, contents.appVersion());
    meta.put("format_version", contents.formatVersion());
    meta.remove("settings");
    ArrayNode changes = meta.putArray("settings");
    for (RunRecord.SettingsChange change : record.settingsChanges()) {
      ObjectNode node = changes.addObject();
      node.put("from_step", change.step());
      node.set("settings", HyperparametersJson.toJson(change.hyperparameters()));
    }
    meta.put("file_bytes", Files.size(file));
    return meta;
  }
}
