package lab.centerloss.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import lab.centerloss.data.MnistDataSet;
import lab.centerloss.export.AtomicFile;
import lab.centerloss.export.ExportFolders;
import lab.centerloss.export.GifWriter;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.export.TextFiles;
import lab.centerloss.plot.FrameCapture;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.OpenSetScores;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code render}: trains and writes frames of the feature plane drawn by the window's own renderer,
 * with no display (JavaFX on Monocle's headless platform, software rendering).
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false)
public final class RenderCommand implements Callable<Integer> {
  private static final int QUEUED_FRAMES = 8;

  @Spec CommandSpec spec;

  @Mixin TrainingOptions training = new TrainingOptions();

  @Option(names = "--frames", paramLabel = "N", required = true)
  int frames;

  @Option(names = "--every", paramLabel = "K", defaultValue = "10")
  int every;

  @Option(names = "--width", defaultValue = "1280")
  int width;

  @Option(names = "--height", defaultValue = "720")
  int height;

  @Option(names = "--out", paramLabel = "DIR", required = true)
  Path out;

  @Option(names = "--gif", paramLabel = "FILE")
  Path gif;

  @Option(names = "--gif-delay", paramLabel = "MS", defaultValue = "100")
  int gifDelay;

  @Option(names = "--probe-size", defaultValue = "2000")
  int probeSize;

  @Option(names = "--no-overlay")
  boolean noOverlay;

  @Option(names = "--svg")
  boolean svg;

  @Option(names = "--projector")
  boolean projector;

  @Option(names = "--open-set-score", paramLabel = "SCORE")
  String openSetScore;

  @Option(names = "--open-set-threshold", paramLabel = "T")
  Double openSetThreshold;

  @Option(names = "--from-run", paramLabel = "FILE")
  Path fromRun;

  @Override
  public Integer call() throws Exception {
    checkOptions();
    if (fromRun != null) {
      return renderSavedRun();
    }
    MnistDataSet dataSet = training.loadData();
    HeadlessFx.start();
    FrameCapture capture = HeadlessFx.call(() -> new FrameCapture(width, height));
    PrintWriter console = spec.commandLine().getOut();
    ThreadPoolExecutor writer =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED_FRAMES));
    long waitedNanos = 0;
    try (TrainingEngine engine = TrainingEngine.open(dataSet, training.device, training.threads);
        GifOutput gifOutput = new GifOutput(gif, gifDelay)) {
      Hyperparameters hp = training.hyperparameters(engine.deviceName().equals("cuda"));
      console.println(
          Messages.text(
              "cli.render.start",
              String.valueOf(frames),
              String.valueOf(width),
              String.valueOf(height),
              String.valueOf(every),
              out));
      console.flush();
      Future<?> lastWrite = null;
      try (TrainingSession session = engine.newSession(hp)) {
        // a frame every `every` steps, its test cloud probed after its step
        RunDriver driver =
            RunDriver.of(session, probeSize).recordingProbes(ProbeSchedule.every(every));
        for (int frame = 1; frame <= frames; frame++) {
          RunDriver.Outcome outcome = driver.run(hp, StopRule.atStep((long) frame * every));
          StepSnapshot withProbe = outcome.last().orElseThrow();
          if (outcome.ending() == StopRule.Ending.DIVERGED) {
            throw new UserError(withProbe.divergence().get().render());
          }
          var scene = scene(withProbe);
          BufferedImage image = HeadlessFx.call(() -> capture.capture(scene, style()));
          String drawing = svg ? HeadlessFx.call(() -> capture.captureSvg(scene, style())) : null;
          Path file = out.resolve(ImageFiles.frameName(frame));
          Path svgFile = out.resolve(ImageFiles.frameName(frame, "svg"));
          // Training goes on while the frame is encoded; a full queue means the disk is
          // behind, and then training waits rather than dropping a frame.
          long waitStart = System.nanoTime();
          lastWrite =
              submit(
                  writer,
                  () -> {
                    ImageFiles.writePng(image, file);
                    if (drawing != null) {
                      AtomicFile.writeString(svgFile, drawing);
                    }
                    gifOutput.add(image);
                    return null;
                  });
          waitedNanos += System.nanoTime() - waitStart;
        }
      }
      if (lastWrite != null) {
        lastWrite.get();
      }
      writer.shutdown();
      writer.awaitTermination(1, TimeUnit.MINUTES);
      gifOutput.finish();
    } catch (ExecutionException e) {
      throw new UserError(cannotWrite(e.getCause()));
    } catch (GifFailed e) {
      throw new UserError(e.sentence());
    } finally {
      writer.shutdownNow();
    }
    console.println(
        Messages.text(gif != null ? "cli.render.wroteGif" : "cli.render.wrote", frames, out, gif)
            + (waitedNanos > 1e9
                ? Messages.text("cli.render.waited", String.format("%.1f", waitedNanos / 1e9))
                : ""));
    return 0;
  }

  /** The window's dark plane, or the projector theme's plane on white. */
  private PlaneStyle style() {
    return PlaneStyle.normal().withDark(!projector);
  }

  /** The scene of a step, with the open-set shading when asked. */
  private PlaneScene scene(StepSnapshot step) {
    var scene = PlaneScenes.of(step, width, height, true, true, true, !noOverlay);
    if (openSetScore == null) {
      return scene;
    }
    var score = score();
    var hp = step.hyperparameters();
    return scene.withRegions(
        new PlaneScene.Regions(
            hp.head(),
            step.headAfter().weights(),
            step.headAfter().bias().orElse(null),
            hp.scale(),
            step.centers().after(),
            score,
            score.fromRaw(openSetThreshold),
            hp.knownDigits()));
  }

  private OpenSetScores.Score score() {
    for (var s : OpenSetScores.Score.values()) {
      if (s.id().equals(openSetScore)) {
        return s;
      }
    }
    throw UserError.of("cli.render.score", openSetScore);
  }

  /**
   * Frame f shows step f * every of the saved run; a shorter run ends the frames at its last step.
   */
  private int renderSavedRun() throws Exception {
    RunRecord run;
    try {
      run = RunFile.read(fromRun).record();
    } catch (RunFileException e) {
      throw new UserError(e.getMessage());
    }
    HeadlessFx.start();
    FrameCapture capture = HeadlessFx.call(() -> new FrameCapture(width, height));
    PrintWriter console = spec.commandLine().getOut();
    int written = 0;
    try (GifOutput gifOutput = new GifOutput(gif, gifDelay)) {
      for (int frame = 1; frame <= frames; frame++) {
        var snapshot = run.at((long) frame * every);
        if (snapshot.isEmpty()) {
          break;
        }
        StepSnapshot step = snapshot.get();
        var scene = scene(step);
        BufferedImage image = HeadlessFx.call(() -> capture.capture(scene, style()));
        ImageFiles.writePng(image, out.resolve(ImageFiles.frameName(frame)));
        if (svg) {
          AtomicFile.writeString(
              out.resolve(ImageFiles.frameName(frame, "svg")),
              HeadlessFx.call(() -> capture.captureSvg(scene, style())));
        }
        gifOutput.add(image);
        written++;
      }
      gifOutput.finish();
    } catch (IOException e) {
      throw new UserError(cannotWrite(e));
    }
    console.println(
        Messages.text(
            gif != null ? "cli.render.wroteFromRunGif" : "cli.render.wroteFromRun",
            written,
            fromRun,
            out,
            gif));
    return 0;
  }

  /** Queues the work; when the queue is full, waits for room instead of dropping the frame. */
  private static Future<?> submit(ThreadPoolExecutor writer, Callable<Void> work)
      throws InterruptedException {
    while (true) {
      try {
        return writer.submit(work);
      } catch (RejectedExecutionException full) {
        Thread.sleep(5);
      }
    }
  }

  private void checkOptions() {
    if (frames < 1) {
      throw UserError.of("cli.render.frames", String.valueOf(frames));
    }
    if (every < 1) {
      throw UserError.of("cli.render.every", String.valueOf(every));
    }
    if (width < 64 || height < 64 || width > 7680 || height > 4320) {
      throw UserError.of("cli.render.size", width + "x" + height);
    }
    if (probeSize < 1 || probeSize > 10_000) {
      throw UserError.of("cli.probeSize", String.valueOf(probeSize));
    }
    if (gifDelay < 10) {
      throw UserError.of("cli.render.gifDelay", String.valueOf(gifDelay));
    }
    if (gifDelay > MAX_GIF_DELAY) {
      // a GIF frame's delay is 16 bits of centiseconds: a longer one cannot be written (issue 25)
      throw UserError.of("cli.render.gifDelayMax", MAX_GIF_DELAY, String.valueOf(gifDelay));
    }
    if (openSetScore != null) {
      score();
      if (openSetThreshold == null || !Double.isFinite(openSetThreshold)) {
        throw UserError.of("cli.render.threshold");
      }
    }
    makeFolder(out);
    checkWritableFolder(out);
    if (gif != null) {
      AtomicFiles.discard(AtomicFiles.temporaryFor(gif));
    }
    if (fromRun == null) {
      training.check();
    }
  }

  /**
   * The frames' folder is made when it does not exist yet, as sweep and lesson --render make
   * theirs.
   */
  static void makeFolder(Path folder) {
    if (Files.exists(folder)) {
      return; // a file in the way, or a folder that cannot be written: said by the check below
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw UserError.of("cli.sweep.folder", folder, e.getMessage());
    }
  }

  /** The export folder must exist and take files; checked before any training. */
  static void checkWritableFolder(Path folder) {
    ExportFolders.problem(folder)
        .ifPresent(
            problem -> {
              throw new UserError(problem.render());
            });
  }

  /** "1280x720" as {width, height}. */
  static int[] parseSize(String size) {
    String[] parts = size.toLowerCase(Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw UserError.of("cli.size", size);
  }

  /** The longest delay a GIF frame can hold: 65,535 hundredths of a second. */
  static final int MAX_GIF_DELAY = 655_350;

  /** The GIF, not the frames folder, failed: the sentence names the GIF (issue 25). */
  static final class GifFailed extends IOException {
    final Path target;

    GifFailed(Path target, IOException cause) {
      super(cause.getMessage(), cause);
      this.target = target;
    }

    String sentence() {
      return TextFiles.describeFailure(target, (IOException) getCause()).render();
    }
  }

  /** One sentence for a failed write: the GIF's when the GIF failed, else the frames folder's. */
  private String cannotWrite(Throwable e) {
    return e instanceof GifFailed gifFailed
        ? gifFailed.sentence()
        : Messages.text("cli.render.cannotWrite", out, e.getMessage());
  }

  /** The optional GIF, fed on the writer thread. */
  private static final class GifOutput implements AutoCloseable {
    private final GifWriter writer;
    private final Path target;

    GifOutput(Path target, int delayMillis) throws IOException {
      this.target = target;
      try {
        writer = target == null ? null : new GifWriter(target, delayMillis);
      } catch (IOException e) {
        throw new GifFailed(target, e);
      }
    }

    void add(BufferedImage image) throws IOException {
      if (writer != null) {
        try {
          writer.add(image);
        } catch (IOException e) {
          throw new GifFailed(target, e);
        }
      }
    }

    void finish() throws IOException {
      if (writer != null) {
        try {
          writer.finish();
        } catch (IOException e) {
          throw new GifFailed(target, e);
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
