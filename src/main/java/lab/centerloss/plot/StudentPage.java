package lab.centerloss.plot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javafx.scene.paint.Color;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Messages;
import lab.centerloss.train.CenterRule;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetEvaluation;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.RunOrigin;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.Vec2List;
import lab.centerloss.train.Verification;

/**
 * The web page for students: one self-contained HTML file that plays one or more runs in any
 * browser, with no network. The player ({@code player.js}, {@code player.css} and the template
 * {@code page.html} in this package's resources) is inlined, and the runs are embedded as JSON in a
 * {@code <script type="application/json">} element: every kept probe's test features (thinned only
 * in time, never in which images), the centers and their trails, the captions and numbers as the
 * app writes them, in the language in use ({@link Messages}), and the theme's colors.
 *
 * <p>Features and centers are rounded to 4 significant digits of the frame's largest coordinate (a
 * step of 1/10,000 of the cloud's extent: under a tenth of a pixel on a 1280x720 plane); the page
 * says so. Nothing of a run file can reach the page as markup or script: the JSON's {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 are written as {@code \}{@code u} escapes, the player
 * sets every text with {@code textContent}, and a Content-Security-Policy allows only the page's
 * own script and style (by hash) and no network at all.
 */
public final class StudentPage {
  /**
   * The most probes one run's page holds; more are thinned evenly in time (first and last kept).
   */
  public static final int MAX_FRAMES = 120;

  /** The most center positions per class kept for the trails; more are thinned evenly in time. */
  public static final int MAX_TRAIL_POINTS = 1500;

  /** Significant digits kept of a frame's largest coordinate. */
  public static final int SIGNIFICANT_DIGITS = 4;

  /** Frames per second the speed menu offers; the second is the default. */
  static final int[] SPEEDS = {2, 5, 10, 20};

  private static final String RESOURCES = "/lab/centerloss/plot/page/";

  private StudentPage() {}

  /**
   * One pane of the page: a run and its title (the comparison's or the sweep's caption; may be
   * empty).
   */
  public record Pane(String title, RunRecord run) {}

  /** The whole page, in the language in use, on the dark plane or (dark false) on white. */
  public static String html(List<Pane> panes, boolean dark) {
    if (panes.isEmpty()) {
      throw new IllegalArgumentException("a page needs a run");
    }
    String script = resource("player.js");
    String css = resource("player.css");
    for (String code : List.of(script, css)) {
      if (code.toLowerCase(Locale.ROOT).contains("</script")
          || code.toLowerCase(Locale.ROOT).contains("</style")) {
        throw new IllegalStateException("the player's code must not close its own element");
      }
    }
    String csp =
        "default-src 'none'; script-src 'sha256-"
            + sha256(script)
            + "'; style-src 'sha256-"
            + sha256(css)
            + "'; img-src data:; base-uri 'none'; form-action 'none'";
    return fill(
        resource("page.html"),
        Map.of(
            "LANG", Messages.language().tag(),
            "TITLE", escapeHtml(title(panes)),
            "NOSCRIPT", escapeHtml(Messages.text("page.noScript")),
            "CSP", csp, // our own words and base64: nothing to escape in an attribute
            "CSS", css,
            "DATA", scriptSafe(json(data(panes, dark))),
            "SCRIPT", script));
  }

  /** The page's title: the app's name and the first run's step count. */
  static String title(List<Pane> panes) {
    return Messages.text("page.title", panes.get(0).run().lastStep(), panes.size());
  }

  /** The data the player reads, as a tree (also for tests). */
  public static ObjectNode data(List<Pane> panes, boolean dark) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", 1);
    root.put("about", Messages.text("page.about"));
    root.put("language", Messages.language().tag());
    root.put("theme", dark ? "dark" : "projector");
    root.set("text", texts(mapper, panes));
    ArrayNode fps = root.putArray("speedFps");
    for (int f : SPEEDS) {
      fps.add(f);
    }
    root.set("style", style(mapper, dark));
    TreeSet<Long> steps = new TreeSet<>();
    ArrayNode runs = root.putArray("runs");
    for (Pane pane : panes) {
      ObjectNode run = run(mapper, pane);
      run.withArray("frames").forEach(f -> steps.add(f.get("step").asLong()));
      runs.add(run);
    }
    ArrayNode timeline = root.putArray("timeline");
    for (long step : steps) {
      ObjectNode position = timeline.addObject();
      position.put("step", step);
      position.put("label", Messages.text("page.stepOf", step, steps.last()));
    }
    return root;
  }

  /** The words of the page itself, from the bundles. */
  private static ObjectNode texts(ObjectMapper mapper, List<Pane> panes) {
    ObjectNode t = mapper.createObjectNode();
    t.put("heading", title(panes));
    for (String key :
        List.of(
            "play",
            "pause",
            "speed",
            "timeline",
            "legend",
            "legendHint",
            "settings",
            "formulas",
            "rounding",
            "sharedAxes",
            "made",
            "stepBack",
            "stepForward")) {
      t.put(key, Messages.text("page." + key, SIGNIFICANT_DIGITS));
    }
    t.put("otherData", Messages.text("plane.otherData"));
    ArrayNode speeds = t.putArray("speeds");
    for (int fps : SPEEDS) {
      speeds.add(Messages.text("page.speedValue", fps));
    }
    return t;
  }

  /** The theme's colors and the app's marker sizes and shapes. */
  private static ObjectNode style(ObjectMapper mapper, boolean dark) {
    PlaneStyle style = PlaneStyle.normal().withDark(dark);
    ObjectNode s = mapper.createObjectNode();
    s.put("dark", dark);
    s.put("background", css(style.background()));
    s.put("foreground", css(style.foreground()));
    s.put("grid", css(style.grid()));
    s.put("axis", css(style.axis()));
    s.put("unknown", css(style.unknown()));
    s.put("tickLabel", css(style.tickLabel()));
    s.put("pointRadius", style.pointRadius());
    s.put("centerRadius", style.centerRadius());
    s.put("fontSize", style.fontSize());
    s.put("lineWidth", style.lineWidth());
    s.put("referenceHeight", 650);
    s.put("padding", PlaneScenes.PADDING);
    ArrayNode colors = s.putArray("colors");
    ArrayNode shapes = s.putArray("shapes");
    for (int d = 0; d < 10; d++) {
      colors.add(css(Palette.color(d, dark)));
    }
    for (Palette.MarkerShape shape : Palette.MarkerShape.values()) {
      ArrayNode v = shapes.addArray();
      for (double c : shape.vertices()) {
        v.add(round(c, 4));
      }
    }
    return s;
  }

  private static ObjectNode run(ObjectMapper mapper, Pane pane) {
    RunRecord record = pane.run();
    RunOrigin origin = record.origin();
    ObjectNode run = mapper.createObjectNode();
    run.put("title", pane.title());
    ProbeResult first =
        origin != null ? origin.probe() : record.probes().isEmpty() ? null : record.probes().get(0);
    if (first == null) {
      throw new IllegalArgumentException(Messages.text("export.webPageNothing"));
    }
    ArrayNode labels = run.putArray("labels");
    for (int i = 0; i < first.labels().size(); i++) {
      labels.add(first.labels().get(i));
    }
    ArrayNode frames = run.putArray("frames");
    for (long step : frameSteps(record)) {
      frames.add(frame(mapper, record, step, first));
    }
    run.set("trail", trail(mapper, record));
    run.set("settings", settings(mapper, record));
    return run;
  }

  /** Step 0 (the untrained network) and the kept probes' steps, at most {@link #MAX_FRAMES}. */
  static List<Long> frameSteps(RunRecord record) {
    List<Long> all = new ArrayList<>();
    if (record.origin() != null) {
      all.add(0L);
    }
    for (ProbeResult p : record.probes()) {
      if (record.indexOf(p.step()) >= 0 && (all.isEmpty() || p.step() > all.get(all.size() - 1))) {
        all.add(p.step());
      }
    }
    return thinned(all, MAX_FRAMES);
  }

  /**
   * At most {@code limit} of the items, evenly spaced, the first and the last always among them.
   */
  static <T> List<T> thinned(List<T> items, int limit) {
    if (items.size() <= limit) {
      return items;
    }
    List<T> kept = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      kept.add(items.get((int) Math.round((double) i * (items.size() - 1) / (limit - 1))));
    }
    return kept;
  }

  private static ObjectNode frame(
      ObjectMapper mapper, RunRecord record, long step, ProbeResult first) {
    ProbeResult probe;
    Vec2List centers;
    Hyperparameters hp;
    StepSnapshot snapshot = null;
    if (step == 0) {
      probe = record.origin().probe();
      centers = record.origin().centers();
      hp = record.origin().hyperparameters();
    } else {
      snapshot = record.at(step).orElseThrow();
      probe = snapshot.probe().orElseThrow();
      centers = snapshot.centers().after();
      hp = snapshot.hyperparameters();
    }
    ObjectNode f = mapper.createObjectNode();
    f.put("step", step);
    f.put("known", probe.knownDigits());
    WorldBox box = WorldBox.robust(probe.features(), centers, PlaneScenes.OUTLIERS);
    double largest = largest(probe.features(), largest(centers, 0));
    int decimals = decimals(largest);
    f.put("decimals", decimals);
    ArrayNode b = f.putArray("box");
    for (double v : new double[] {box.minX(), box.maxX(), box.minY(), box.maxY()}) {
      b.add(round(v, decimals + 1));
    }
    f.set("centers", points(mapper, centers, decimals));
    f.set("features", points(mapper, probe.features(), decimals));
    if (!sameLabels(probe, first)) {
      ArrayNode labels = f.putArray("labels");
      for (int i = 0; i < probe.labels().size(); i++) {
        labels.add(probe.labels().get(i));
      }
    }
    f.put(
        "caption",
        snapshot != null
            ? PlaneScenes.caption(snapshot)
            : Messages.text(
                "caption.step",
                0,
                Messages.label(hp.head()),
                PlaneScenes.shortNumber(hp.lambda()),
                hp.alpha(),
                PlaneScenes.shortNumber(hp.learningRateAt(1))));
    f.put(
        "numbers",
        PlaneScenes.spreadNumbers(
            probe, centers, hp, snapshot != null ? snapshot.headAfter() : record.origin().head()));
    f.put(
        "losses",
        snapshot == null
            ? Messages.text("page.untrained")
            : snapshot.diverged()
                ? Messages.text("compare.diverged", step)
                : Messages.text(
                    "page.losses",
                    Messages.label(hp.head()),
                    snapshot.scalars().lossSoftmax(),
                    snapshot.scalars().lossCenter(),
                    hp.lambda() * snapshot.scalars().lossCenter(),
                    snapshot.scalars().lossTotal(),
                    snapshot.scalars().batchAccuracy()));
    ArrayNode openSet = f.putArray("openSet");
    for (String line :
        openSetLines(
            probe, centers, hp, snapshot != null ? snapshot.headAfter() : record.origin().head())) {
      openSet.add(line);
    }
    return f;
  }

  private static boolean sameLabels(ProbeResult a, ProbeResult b) {
    if (a.labels().size() != b.labels().size()) {
      return false;
    }
    for (int i = 0; i < a.labels().size(); i++) {
      if (a.labels().get(i) != b.labels().get(i)) {
        return false;
      }
    }
    return true;
  }

  /** The open-set figures of a probe with unknowns: the split, and each score's AUROC and OSCR. */
  static List<String> openSetLines(
      ProbeResult p, Vec2List centers, Hyperparameters hp, StepSnapshot.HeadParameters head) {
    boolean unknowns = false;
    for (int i = 0; i < p.size() && !unknowns; i++) {
      unknowns = !p.isKnown(i);
    }
    if (!unknowns) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        Messages.text(
            "openset.split",
            Hyperparameters.describeDigits(hp.knownDigits()),
            Hyperparameters.describeDigits(Hyperparameters.ALL_DIGITS & ~hp.knownDigits())));
    OpenSetEvaluation evaluation = OpenSetEvaluation.of(p, head, centers, hp);
    lines.add(Messages.text("page.closedAccuracy", evaluation.closedAccuracy()));
    for (OpenSetScores.Score score : OpenSetScores.Score.values()) {
      lines.add(
          Messages.text(
              "openset.aurocLine",
              Messages.label(score),
              evaluation.auroc(score),
              evaluation.oscr(score)));
    }
    lines.addAll(verificationLines(p));
    return lines;
  }

  /**
   * The pairs of a probe's labels and split: the same test images in every probe, so drawn once.
   */
  private static final Map<List<Object>, Verification.Pairs[]> PAIRS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Object>, Verification.Pairs[]> e) {
              return size() > 4;
            }
          });

  /**
   * Verification of the probe's images, as the window's Open set tab gives it: cosine, unseen then
   * known pairs.
   */
  static List<String> verificationLines(ProbeResult p) {
    int known = p.knownDigits();
    int unseen = Hyperparameters.ALL_DIGITS & ~known;
    Verification.Pairs[] pairs =
        PAIRS.computeIfAbsent(
            List.of(p.labels(), known),
            k ->
                new Verification.Pairs[] {
                  Verification.pairs(
                      p.labels(),
                      unseen,
                      Verification.PAIR_SEED,
                      Verification.GENUINE_PAIRS,
                      Verification.IMPOSTOR_PAIRS),
                  Verification.pairs(
                      p.labels(),
                      known,
                      Verification.PAIR_SEED,
                      Verification.GENUINE_PAIRS,
                      Verification.IMPOSTOR_PAIRS)
                });
    List<String> lines = new ArrayList<>();
    if (pairs[0].isEmpty()) {
      return lines;
    }
    lines.add(Messages.text("page.pairScore", Messages.label(Verification.PairScore.COSINE)));
    lines.add(
        Messages.text(
            "verification.pairs",
            pairs[0].genuine(),
            pairs[0].impostor(),
            Hyperparameters.describeDigits(unseen),
            p.step()));
    for (int set = 0; set < 2; set++) {
      if (pairs[set].isEmpty()) {
        continue;
      }
      Verification.Figures f =
          Verification.figures(
              Verification.scores(p.comparedFeatures(), pairs[set], Verification.PairScore.COSINE),
              pairs[set].same(),
              pairs[set].fold());
      lines.add(
          Messages.text(
              set == 0 ? "verification.unseenLine" : "verification.knownLine",
              f.auc(),
              f.eer(),
              f.tarAtFar()[0],
              f.tarAtFar()[1],
              f.tarAtFar()[2],
              f.foldAccuracy(),
              f.impostorsAtFar()[2]));
    }
    return lines;
  }

  /** The centers after every kept step (thinned in time), for the trails. */
  private static ObjectNode trail(ObjectMapper mapper, RunRecord record) {
    List<StepSnapshot> steps = thinned(record.steps(), MAX_TRAIL_POINTS);
    ObjectNode trail = mapper.createObjectNode();
    ArrayNode stepNumbers = trail.putArray("steps");
    ArrayNode centers = trail.putArray("centers");
    double largest = 0;
    for (StepSnapshot s : steps) {
      largest = largest(s.centers().after(), largest);
    }
    int decimals = decimals(largest);
    for (StepSnapshot s : steps) {
      stepNumbers.add(s.step());
      centers.add(points(mapper, s.centers().after(), decimals));
    }
    return trail;
  }

  /**
   * Every change of settings: from which step, each setting's label and value, and the formulas in
   * force.
   */
  private static ArrayNode settings(ObjectMapper mapper, RunRecord record) {
    ArrayNode all = mapper.createArrayNode();
    List<RunRecord.SettingsChange> changes = record.settingsChanges();
    if (changes.isEmpty() && record.origin() != null) {
      changes = List.of(new RunRecord.SettingsChange(0, record.origin().hyperparameters()));
    }
    for (RunRecord.SettingsChange change : changes) {
      Hyperparameters hp = change.hyperparameters();
      ObjectNode block = all.addObject();
      block.put("from", Messages.text("page.settingsFrom", change.step()));
      ArrayNode rows = block.putArray("rows");
      row(rows, "page.setting.model", Messages.label(hp.model()));
      row(rows, "page.setting.head", Messages.label(hp.head()));
      row(rows, "label.Setting.lambda", PlaneScenes.shortNumber(hp.lambda()));
      row(rows, "label.Setting.alpha", PlaneScenes.shortNumber(hp.alpha()));
      row(rows, "page.setting.centerRule", Messages.label(hp.centerRule()));
      row(rows, "page.setting.centerInit", Messages.label(hp.centerInit()));
      row(rows, "page.setting.optimizer", Messages.label(hp.optimizer()));
      row(rows, "label.Setting.learning_rate", PlaneScenes.shortNumber(hp.learningRate()));
      if (hp.head().usesMargin()) {
        row(rows, "label.Setting.margin", PlaneScenes.shortNumber(hp.margin()));
      }
      if (hp.head().isNormalized()) {
        row(rows, "label.Setting.scale", PlaneScenes.shortNumber(hp.scale()));
      }
      row(rows, "label.Setting.batch_size", Messages.text("page.integer", hp.batchSize()));
      row(rows, "label.Setting.seed", Messages.text("page.integer", hp.seed()));
      row(rows, "page.setting.known", Hyperparameters.describeDigits(hp.knownDigits()));
      ArrayNode formulas = block.putArray("formulas");
      formulas.add(Messages.text("controls.lambdaTip"));
      formulas.add(Messages.text("controls.lambdaNorm"));
      formulas.add(
          Messages.text(
              hp.centerRule() == CenterRule.PAPER
                  ? "step.phaseUpdatePaper"
                  : "step.phaseUpdateSgd"));
      switch (hp.head()) {
        case NORMFACE -> formulas.add(Messages.text("margin.curve.normface"));
        case COSFACE -> formulas.add(Messages.text("controls.marginHintCosFace"));
        case ARCFACE -> formulas.add(Messages.text("controls.marginHintArcFace"));
        case SOFTMAX -> formulas.add(Messages.text("page.softmaxFormula"));
      }
    }
    return all;
  }

  private static void row(ArrayNode rows, String labelKey, String value) {
    ArrayNode r = rows.addArray();
    r.add(Messages.text(labelKey));
    r.add(value);
  }

  /**
   * The points as one flat array, x0, y0, x1, y1, …, rounded to {@code decimals}; a NaN as null.
   */
  private static ArrayNode points(ObjectMapper mapper, Vec2List points, int decimals) {
    ArrayNode a = mapper.createArrayNode();
    for (int i = 0; i < points.size(); i++) {
      for (double v : new double[] {points.x(i), points.y(i)}) {
        if (Double.isFinite(v)) {
          a.add(round(v, decimals));
        } else {
          a.addNull();
        }
      }
    }
    return a;
  }

  private static double largest(Vec2List points, double start) {
    double m = start;
    for (int i = 0; i < points.size(); i++) {
      if (Float.isFinite(points.x(i))) {
        m = Math.max(m, Math.abs(points.x(i)));
      }
      if (Float.isFinite(points.y(i))) {
        m = Math.max(m, Math.abs(points.y(i)));
      }
    }
    return m;
  }

  /** Decimals that keep {@link #SIGNIFICANT_DIGITS} of the largest coordinate. */
  static int decimals(double largest) {
    if (!(largest > 0)) {
      return SIGNIFICANT_DIGITS;
    }
    int exponent = (int) Math.floor(Math.log10(largest));
    return Math.max(0, Math.min(12, SIGNIFICANT_DIGITS - 1 - exponent));
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    double r = Math.round(value * scale) / scale;
    return r == 0 ? 0 : r; // no -0.0
  }

  /** Objects one field a line, arrays on one line without spaces: readable, and small. */
  static String json(ObjectNode data) {
    try {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
      return new ObjectMapper().writer(printer).writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * JSON that can sit inside a script element: no {@code <}, {@code >} or {@code &} (so no {@code
   * </script>} and no comment opener), no U+2028 or U+2029, each as its JSON escape.
   */
  public static String scriptSafe(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** The template with each {{NAME}} replaced once; what is put in is not searched again. */
  static String fill(String template, Map<String, String> values) {
    StringBuilder out =
        new StringBuilder(
            template.length() + values.values().stream().mapToInt(String::length).sum());
    int at = 0;
    while (true) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        out.append(template, at, template.length());
        return out.toString();
      }
      int close = template.indexOf("}}", open);
      String name = template.substring(open + 2, close);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException("no value for {{" + name + "}}");
      }
      out.append(template, at, open).append(value);
      at = close + 2;
    }
  }

  static String resource(String name) {
    try (InputStream in = StudentPage.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String css(Color c) {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(c.getRed() * 255),
        Math.round(c.getGreen() * 255),
        Math.round(c.getBlue() * 255));
  }
}
