package lab.centerloss.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import lab.centerloss.export.ImageFiles;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonAction;
import lab.centerloss.lesson.LessonStep;
import lab.centerloss.plot.FrameCapture;
import lab.centerloss.plot.GridFigure;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.plot.PlaneScene;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.PlaneStyle;
import lab.centerloss.plot.TextBand;
import lab.centerloss.plot.WorldBox;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Comparison;
import lab.centerloss.train.Hyperparameters;
import lab.centerloss.train.IntVector;
import lab.centerloss.train.ProbeResult;
import lab.centerloss.train.ProbeSchedule;
import lab.centerloss.train.RunDriver;
import lab.centerloss.train.StepSnapshot;
import lab.centerloss.train.StopRule;
import lab.centerloss.train.TrainingEngine;
import lab.centerloss.train.TrainingSession;
import lab.centerloss.train.Vec2List;

/**
 * Runs a lesson without a window and draws one slide per step: the lesson's title, the step's
 * narration and question above the plane as the step leaves it (or the comparison's planes). It
 * does what the window does on Next: the step's settings, then its action, on one run trained from
 * the lesson's seed; a step limit shortens every training for a quick look (and the tests).
 */
final class LessonRenderer {
  private static final int ACCURACY_CHECK_EVERY = 10;
  private static final Color QUESTION = Color.web("#ffd166");

  private final TrainingEngine engine;
  private final int width;
  private final int height;
  private final int probeSize;
  private final long stepLimit;
  private final PrintWriter console;
  private final PlaneStyle style = PlaneStyle.normal();
  private Hyperparameters settings = Hyperparameters.defaults();
  private TrainingSession session;
  private StepSnapshot last;

  LessonRenderer(
      TrainingEngine engine,
      int width,
      int height,
      int probeSize,
      long stepLimit,
      PrintWriter console) {
    this.engine = engine;
    this.width = width;
    this.height = height;
    this.probeSize = probeSize;
    this.stepLimit = stepLimit;
    this.console = console;
  }

  /** Writes {@code step-01.png} upward into {@code out}, one a step; returns the files. */
  List<Path> render(Lesson lesson, Path out) throws IOException {
    Files.createDirectories(out);
    List<Path> written = new ArrayList<>();
    session = engine.newSession(settings);
    try {
      for (int i = 0; i < lesson.steps().size(); i++) {
        LessonStep step = lesson.steps().get(i);
        Hyperparameters next = lesson.settingsAt(i, settings);
        boolean rebuild = next.needsRebuildFrom(settings);
        settings = next;
        if (rebuild) {
          restart(); // as the window does: these settings need the run built again
        }
        BufferedImage band = band(lesson, i, step);
        int pictureHeight = Math.max(height - band.getHeight(), (int) (height * 0.4));
        BufferedImage slide =
            stack(band, fitted(perform(step.action(), pictureHeight), width, pictureHeight));
        Path file = out.resolve(String.format("step-%02d.png", i + 1));
        ImageFiles.writePng(slide, file);
        written.add(file);
        console.println(Messages.text("lesson.render.step", i + 1, lesson.steps().size(), file));
        console.flush();
      }
    } finally {
      session.close();
    }
    return written;
  }

  private void restart() {
    session.close();
    session = engine.newSession(settings);
    last = null;
  }

  private BufferedImage perform(LessonAction action, int planeHeight) {
    if (action instanceof LessonAction.Reset) {
      restart();
    } else if (action instanceof LessonAction.TrainUntilStep until) {
      trainTo(Math.min(until.step(), limit()), Double.NaN);
    } else if (action instanceof LessonAction.TrainUntilAccuracy until) {
      trainTo(Math.min(until.maxSteps(), limit()), until.accuracy());
    } else if (action instanceof LessonAction.StepThrough) {
      trainTo(session.stepsDone() + 1, Double.NaN);
    } else if (action instanceof LessonAction.Compare compare) {
      return comparison(compare, planeHeight);
    }
    return plane(planeHeight);
  }

  /** The step limit counted from where the run is. */
  private long limit() {
    return stepLimit > 0 ? session.stepsDone() + stepLimit : Long.MAX_VALUE;
  }

  /**
   * Trains the lesson's run to a step, or until a check of the probe (every 10 steps) reaches the
   * accuracy when one is given.
   */
  private void trainTo(long step, double accuracy) {
    boolean untilAccuracy = !Double.isNaN(accuracy);
    RunDriver driver =
        RunDriver.of(session, probeSize)
            .checking(
                untilAccuracy ? ProbeSchedule.every(ACCURACY_CHECK_EVERY) : ProbeSchedule.NEVER)
            .into(
                new RunDriver.Sink() {
                  @Override
                  public void onDivergence(StepSnapshot snapshot) {
                    console.println(snapshot.divergence().get());
                  }
                });
    StopRule stop = StopRule.atStep(step);
    driver
        .run(settings, untilAccuracy ? stop.orAccuracyAtLeast(accuracy) : stop)
        .last()
        .ifPresent(s -> last = s);
  }

  /** The live run's plane: test features and centers as the window shows them after the step. */
  private BufferedImage plane(int planeHeight) {
    ProbeResult probe = session.probe(probeSize, settings.head());
    Vec2List centers =
        last != null ? last.centers().after() : session.origin(settings, 1).centers();
    String caption =
        last != null
            ? PlaneScenes.caption(last)
            : settings.isProjected()
                ? Messages.text("lesson.render.untrained")
                    + "\n"
                    + PlaneScenes.projectionNote(settings)
                : Messages.text("lesson.render.untrained");
    WorldBox box = WorldBox.robust(probe.features(), centers, PlaneScenes.OUTLIERS);
    Vec2List none = Vec2List.copyOf(new float[0]);
    PlaneScene scene =
        new PlaneScene(
                box.fit(width, planeHeight, PlaneScenes.PADDING),
                probe.features(),
                probe.labels(),
                none,
                IntVector.copyOf(new int[0]),
                centers,
                List.of(),
                -1,
                true,
                caption)
            .withKnownDigits(settings.knownDigits());
    return HeadlessFx.call(() -> new FrameCapture(width, planeHeight).capture(scene, style));
  }

  /** The comparison preset's runs, from the seed, trained to the step, on shared axes. */
  private BufferedImage comparison(LessonAction.Compare compare, int planeHeight) {
    Comparison.Plan plan = Comparison.Plan.of(compare.preset(), settings);
    long target =
        Math.max(1, Math.min(compare.untilStep(), stepLimit > 0 ? stepLimit : Long.MAX_VALUE));
    List<GridFigure.Panel> panels = new ArrayList<>();
    try (Comparison comparison = Comparison.open(engine, plan, probeSize)) {
      List<Comparison.PaneStep> steps = List.of();
      while (comparison.stepsDone() < target && !comparison.allDiverged()) {
        steps = comparison.step(comparison.stepsDone() + 1 == target);
      }
      for (Comparison.PaneStep paneStep : steps) {
        StepSnapshot s = paneStep.snapshot();
        String title =
            plan.trainAndTest()
                ? Messages.text(paneStep.pane() == 0 ? "compare.title.train" : "compare.title.test")
                : Messages.text(
                    "lesson.render.pane",
                    Messages.label(s.hyperparameters().head()),
                    s.hyperparameters().lambda(),
                    s.hyperparameters().alpha(),
                    Messages.label(s.hyperparameters().centerRule()));
        panels.add(new GridFigure.Panel(s, title, PlaneScenes.caption(s)));
      }
    }
    // as wide as lets the grid's height fill the space, so that it is drawn at its size, not shrunk
    int columns = (int) Math.ceil(Math.sqrt(panels.size()));
    int rows = (int) Math.ceil(panels.size() / (double) columns);
    int gridWidth = (int) Math.min(width, planeHeight / (rows * 0.8) * columns);
    BufferedImage grid = GridFigure.draw(panels, gridWidth);
    return fitted(grid, width, planeHeight);
  }

  private BufferedImage fitted(BufferedImage picture, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(awt(style.background()));
    g.fillRect(0, 0, w, h);
    double scale = Math.min(w / (double) picture.getWidth(), h / (double) picture.getHeight());
    int pw = (int) Math.round(picture.getWidth() * scale);
    int ph = (int) Math.round(picture.getHeight() * scale);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(picture, (w - pw) / 2, (h - ph) / 2, pw, ph, null);
    g.dispose();
    return out;
  }

  /** The text band above the picture: title and progress, narration, question. */
  private BufferedImage band(Lesson lesson, int index, LessonStep step) {
    double scale = height / 720.0;
    List<TextBand.Line> lines =
        List.of(
            new TextBand.Line(
                lesson.title().in(Messages.language())
                    + "   "
                    + Messages.text("lesson.progress", index + 1, lesson.steps().size()),
                17,
                true,
                style.foreground()),
            new TextBand.Line(
                step.narration().in(Messages.language()), 19, false, style.foreground()),
            new TextBand.Line(
                step.question()
                    .map(q -> Messages.text("lesson.question", q.in(Messages.language())))
                    .orElse(""),
                18,
                false,
                QUESTION));
    return HeadlessFx.call(() -> TextBand.draw(width, scale, style, lines));
  }

  private BufferedImage stack(BufferedImage band, BufferedImage picture) {
    BufferedImage slide =
        new BufferedImage(
            width, band.getHeight() + picture.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = slide.createGraphics();
    g.drawImage(band, 0, 0, null);
    g.drawImage(picture, 0, band.getHeight(), null);
    g.dispose();
    return slide;
  }

  private static java.awt.Color awt(Color c) {
    return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue());
  }
}
