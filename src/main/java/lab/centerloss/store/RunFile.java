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
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.text.Message;
import lab.centerloss.text.Printable;
import lab.centerloss.train.Checkpoint;
import lab.centerloss.train.CheckpointPolicy;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;

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
 * The binary entries are big-endian, every array preceded by its length; {@link RunCodecs} writes
 * and reads each record, writer beside reader. The kept policy in {@code run.json} is written from
 * the numbers the store and {@link CheckpointPolicy} keep by, and only informs. The file comes from
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

  /**
   * Only in a run whose feature has more than two dimensions: the probes' full features, centers
   * and weights ({@link RunCodecs.FullProbe}). A reader that predates it reads the rest.
   */
  static final String FULL = "full.bin";

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
          1L << 30,
          FULL,
          1L << 30);

  /** The entries a run file may lack: written only for some runs. */
  private static final Set<String> OPTIONAL_ENTRIES = Set.of(FULL);

  /**
   * The most all entries together may expand to (issue 25): each entry within its own limit could
   * still add up to gigabytes of memory. A 100,000-step run of the lite model is about 70 MB.
   */
  static final long TOTAL_LIMIT = 256L << 20;

  private static final int MAX_CLASSES = 1000;
  private static final int MAX_PROBE = 10_000;
  private static final long MAX_STEPS = RunCodecs.MAX_STEPS;
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
          Message.of("runfile.cannotWrite", target.toString(), Message.of("files.notWritable")), e);
    } catch (NoSuchFileException e) {
      throw new RunFileException(
          Message.of("runfile.cannotWrite", target.toString(), Message.of("files.noFolder")), e);
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
    RunCodecs.Origin.write(out, record.origin(), index);
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(STEPS));
    out.writeInt(record.size());
    for (StepSnapshot s : record.steps()) {
      RunCodecs.Step.write(out, s, index);
    }
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(PROBES));
    out.writeInt(record.probes().size());
    for (ProbeResult p : record.probes()) {
      RunCodecs.Probe.write(out, p);
    }
    out.flush();
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry(CHECKPOINTS));
    out.writeInt(record.checkpoints().size());
    for (Checkpoint c : record.checkpoints()) {
      RunCodecs.CheckpointCodec.write(out, c);
    }
    out.flush();
    zip.closeEntry();
    if (record.origin().probe().isProjected()) {
      zip.putNextEntry(new ZipEntry(FULL));
      out.writeInt(record.probes().size());
      RunCodecs.FullProbe.write(out, record.origin().probe());
      for (ProbeResult p : record.probes()) {
        RunCodecs.FullProbe.write(out, p);
      }
      out.flush();
      zip.closeEntry();
    }
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
    kept.set("policy", keepPolicy());
    return meta;
  }

  /**
   * What a run keeps, written from the numbers the store and the trainer keep by: every step's
   * scalars, centers and head; the batch's details for the last steps; probes thinned; checkpoints
   * spaced ({@link CheckpointPolicy}). Informative only: no reader depends on it.
   */
  static ObjectNode keepPolicy() {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("every_step", "scalars, centers, head");
    policy.put("batch_details_for_last_steps", RunRecord.DETAILS_KEPT);
    ObjectNode probes = policy.putObject("probes");
    probes.put("every_probe_until_step", RunRecord.EVERY_PROBE_UNTIL);
    probes.put("then_apart", RunRecord.SPACING_MIDDLE);
    probes.put("until_step", RunRecord.SPACING_MIDDLE_UNTIL);
    probes.put("later_apart", RunRecord.SPACING_LATE);
    ObjectNode checkpoints = policy.putObject("checkpoints");
    checkpoints.put("apart", CheckpointPolicy.EARLY_SPACING);
    checkpoints.put("until_step", CheckpointPolicy.EARLY_UNTIL);
    checkpoints.put("then_apart", CheckpointPolicy.LATE_SPACING);
    checkpoints.put("paper_model_times_rarer", CheckpointPolicy.PAPER_MODEL_RARER);
    return policy;
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
        throw new RunFileException(
            Message.of("runfile.unsupported", name, Message.of("runfile.what.encrypted")), e);
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
              ? Message.of("runfile.unsupported", name, Message.of("runfile.what.compression"))
              : Message.of("runfile.damaged", name, Message.of("runfile.bad.compressedData")),
          e);
    } catch (EOFException e) {
      throw new RunFileException(Message.of("runfile.truncated", name), e);
    } catch (BinaryIO.Malformed e) {
      throw new RunFileException(Message.of("runfile.damaged", name, e.reason()), e);
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
      BinaryIO.check(entry.getSize() <= ENTRY_LIMITS.get(entry.getName()), wouldExpand(entry));
      declared += Math.max(0, entry.getSize());
    }
    BinaryIO.check(
        declared <= TOTAL_LIMIT,
        Message.of(
            "runfile.bad.entriesExpand", String.valueOf(declared), String.valueOf(TOTAL_LIMIT)));
    return new BinaryIO.Budget(TOTAL_LIMIT);
  }

  private static Message wouldExpand(ZipEntry entry) {
    return Message.of(
        "runfile.bad.entryWouldExpand", entry.getName(), String.valueOf(entry.getSize()));
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
            Message.of("runfile.damaged", name, Message.of("runfile.bad.entryTwice", entryName)));
      }
      if (ENTRY_LIMITS.containsKey(entryName)) {
        entries.put(entryName, entry);
      }
    }
    if (!entries.containsKey(META)) {
      throw new RunFileException(Message.of("runfile.notRunFile", name));
    }
    for (String required : ENTRY_LIMITS.keySet()) {
      if (!entries.containsKey(required) && !OPTIONAL_ENTRIES.contains(required)) {
        throw new RunFileException(
            Message.of("runfile.damaged", name, Message.of("runfile.bad.noEntry", required)));
      }
    }
    return entries;
  }

  private static InputStream open(ZipFile zip, ZipEntry entry, BinaryIO.Budget budget)
      throws IOException {
    long limit = ENTRY_LIMITS.get(entry.getName());
    if (entry.getSize() > limit) {
      throw new BinaryIO.Malformed(wouldExpand(entry));
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
    BinaryIO.check(
        classes >= 2 && classes <= MAX_CLASSES,
        Message.of("runfile.bad.classes", String.valueOf(classes)));
    BinaryIO.check(
        probeSize >= 1 && probeSize <= MAX_PROBE,
        Message.of("runfile.bad.probeSize", String.valueOf(probeSize)));
    String fingerprint = meta.path("data_fingerprint").asText("");
    BinaryIO.check(fingerprint.matches("[0-9a-f]{64}"), Message.of("runfile.bad.fingerprint"));
    List<Hyperparameters> settings = new ArrayList<>();
    JsonNode list = meta.path("settings");
    BinaryIO.check(
        list.isArray() && !list.isEmpty() && list.size() <= 1_000_000,
        Message.of("runfile.bad.noSettings"));
    for (JsonNode node : list) {
      HyperparametersJson.Result r = HyperparametersJson.fromJson(node, Hyperparameters.defaults());
      if (r.problem().isPresent()) {
        throw new RunFileException(Message.of("runfile.badSettings", name, r.problem().get()));
      }
      settings.add(r.hyperparameters().get());
    }
    RunCodecs.Limits limits = new RunCodecs.Limits(classes, probeSize, settings);
    RunOrigin origin;
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(ORIGIN), budget))) {
      origin = RunCodecs.Origin.read(in, fingerprint, limits);
      BinaryIO.expectEnd(in, ORIGIN);
    }
    List<ProbeResult> probes = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(PROBES), budget))) {
      int count =
          BinaryIO.readInt(
              in,
              0,
              (int) Math.min(Integer.MAX_VALUE, MAX_STEPS),
              Message.of("runfile.field.probeCount"));
      long last = 0;
      for (int i = 0; i < count; i++) {
        ProbeResult p = RunCodecs.Probe.read(in, origin.probe().labels(), limits);
        BinaryIO.check(p.step() > last, Message.of("runfile.bad.probeOrder"));
        last = p.step();
        probes.add(p);
      }
      BinaryIO.expectEnd(in, PROBES);
    }
    boolean projected = limits.featureDim > 2;
    BinaryIO.check(
        projected == entries.containsKey(FULL),
        Message.of("runfile.bad.fullEntry", String.valueOf(limits.featureDim)));
    if (projected) {
      try (DataInputStream in = new DataInputStream(open(zip, entries.get(FULL), budget))) {
        int count = BinaryIO.readInt(in, 0, probes.size(), Message.of("runfile.field.probeCount"));
        BinaryIO.check(count == probes.size(), Message.of("runfile.bad.fullProbeStep"));
        ProbeResult first = RunCodecs.FullProbe.read(in, origin.probe(), limits);
        origin =
            new RunOrigin(
                origin.hyperparameters(),
                origin.centers(),
                origin.head(),
                first,
                origin.dataFingerprint());
        for (int i = 0; i < count; i++) {
          probes.set(i, RunCodecs.FullProbe.read(in, probes.get(i), limits));
        }
        BinaryIO.expectEnd(in, FULL);
      }
    }
    RunRecord record = new RunRecord(origin);
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(STEPS), budget))) {
      int count =
          BinaryIO.readInt(
              in,
              0,
              (int) Math.min(Integer.MAX_VALUE, MAX_STEPS),
              Message.of("runfile.field.stepCount"));
      long last = 0;
      for (int i = 0; i < count; i++) {
        StepSnapshot s = RunCodecs.Step.read(in, limits);
        BinaryIO.check(s.step() > last, Message.of("runfile.bad.stepOrder"));
        last = s.step();
        record.add(s);
      }
      BinaryIO.expectEnd(in, STEPS);
    }
    for (ProbeResult p : probes) {
      record.restoreProbe(p);
    }
    try (DataInputStream in = new DataInputStream(open(zip, entries.get(CHECKPOINTS), budget))) {
      int count = BinaryIO.readInt(in, 0, 1_000_000, Message.of("runfile.field.checkpointCount"));
      for (int i = 0; i < count; i++) {
        record.addCheckpoint(RunCodecs.CheckpointCodec.read(in, limits));
      }
      BinaryIO.expectEnd(in, CHECKPOINTS);
    }
    return new Contents(
        record,
        meta.path("app_version").asText(""),
        fingerprint,
        meta.get("format_version").asInt());
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
