package lab.centerloss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.centerloss.data.DataLocation;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonAction;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.LessonRecordings;
import lab.centerloss.lesson.LessonStep;
import lab.centerloss.plot.HeadlessFx;
import lab.centerloss.text.Message;
import lab.centerloss.text.Messages;
import lab.centerloss.text.Printable;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.train.TrainingEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lesson [NAME|FILE]}: without an argument, the built-in lessons; with one, that lesson as a
 * handout (every step's narration, what it does and its question, in the language chosen). A lesson
 * file that cannot be used is one sentence and exit code 2, so a teacher checks a lesson written at
 * home before class.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true)
public final class LessonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME|FILE", arity = "0..1", descriptionKey = "lesson")
  String lesson;

  @picocli.CommandLine.Option(names = "--list")
  boolean list;

  @picocli.CommandLine.Option(names = "--render", paramLabel = "DIR")
  Path render;

  /** "": beside the lesson file; a built-in lesson's need a folder named. */
  @picocli.CommandLine.Option(
      names = "--record",
      paramLabel = "DIR",
      arity = "0..1",
      fallbackValue = "")
  String recordInto;

  @picocli.CommandLine.Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x720")
  String size;

  @picocli.CommandLine.Option(names = "--step-limit", paramLabel = "N", defaultValue = "0")
  long stepLimit;

  @picocli.CommandLine.Option(names = "--probe-size", defaultValue = "2000")
  int probeSize;

  @picocli.CommandLine.Option(names = "--data", paramLabel = "DIR")
  Path data;

  @picocli.CommandLine.Option(names = "--unknown-data", paramLabel = "DIR")
  Path unknownData;

  @picocli.CommandLine.Option(
      names = "--device",
      paramLabel = "auto|cpu|cuda",
      defaultValue = "auto")
  DeviceChoice device;

  @picocli.CommandLine.Option(names = "--threads", defaultValue = "0")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (lesson == null || list) {
      for (Lesson builtIn : LessonFile.builtIns()) {
        out.println(
            Messages.text(
                "lesson.listed",
                builtIn.name(),
                builtIn.title().in(Messages.language()),
                builtIn.steps().size()));
      }
      out.flush();
      return 0;
    }
    Lesson read;
    try {
      read = LessonFile.byNameOrFile(lesson);
    } catch (LessonFile.LessonException e) {
      throw new UserError(e.getMessage());
    }
    if (render != null) {
      return renderSlides(read, out);
    }
    if (recordInto != null) {
      return record(read, out);
    }
    // a lesson file's texts may hold terminal escapes (issue 25): printed escaped
    out.println(Printable.text(read.title().in(Messages.language())));
    for (int i = 0; i < read.steps().size(); i++) {
      LessonStep step = read.steps().get(i);
      out.println();
      out.println(Messages.text("lesson.progress", i + 1, read.steps().size()));
      out.println(Printable.text(step.narration().in(Messages.language())));
      String does = LessonAction.describe(step.action()).map(Message::render).orElse("");
      if (!does.isEmpty()) {
        out.println("→ " + does);
      }
      step.question()
          .ifPresent(
              q ->
                  out.println(
                      Messages.text("lesson.question", Printable.text(q.in(Messages.language())))));
    }
    out.flush();
    return 0;
  }

  /** {@code --record}: the lesson's recordings made again (see {@link LessonRecorder}). */
  private int record(Lesson read, PrintWriter out) throws Exception {
    Path folder;
    if (!recordInto.isEmpty()) {
      folder = Path.of(recordInto);
    } else if (read.folder().isPresent()) {
      folder = read.folder().get();
    } else {
      throw new UserError(Messages.text("lesson.record.needFolder", read.name()));
    }
    if (probeSize < 1 || probeSize > 10_000) {
      throw new UserError(Messages.text("lesson.render.badLimits"));
    }
    if (LessonRecordings.segments(read).isEmpty()) {
      throw new UserError(Messages.text("lesson.record.nothing", read.name()));
    }
    TrainingOptions.checkThreads(threads);
    var dataSet =
        TrainCommand.loadData(data != null ? data : DataLocation.defaultMnistFolder(), unknownData);
    long started = System.nanoTime();
    try (var engine = TrainingEngine.open(dataSet, device, threads)) {
      var manifest =
          new LessonRecorder(engine, probeSize, out).record(read, folder, dataSet.fingerprint());
      long bytes = manifest.entries().stream().mapToLong(LessonRecordings.Entry::bytes).sum();
      out.println(
          Messages.text(
              "lesson.record.done",
              manifest.entries().size(),
              folder,
              bytes / 1e6,
              (System.nanoTime() - started) / 1e9));
    } catch (IOException e) {
      throw new UserError(Messages.text("lesson.render.cannotWrite", folder, e.getMessage()));
    }
    out.flush();
    return 0;
  }

  private int renderSlides(Lesson read, PrintWriter out) throws Exception {
    int[] wh = RenderCommand.parseSize(size);
    if (wh[0] < 320 || wh[1] < 240 || wh[0] > 7680 || wh[1] > 4320) {
      throw new UserError(Messages.text("lesson.render.badSize", size));
    }
    if (stepLimit < 0 || probeSize < 1 || probeSize > 10_000) {
      throw new UserError(Messages.text("lesson.render.badLimits"));
    }
    TrainingOptions.checkThreads(threads);
    var dataSet =
        TrainCommand.loadData(data != null ? data : DataLocation.defaultMnistFolder(), unknownData);
    HeadlessFx.start();
    try (var engine = TrainingEngine.open(dataSet, device, threads)) {
      var files =
          new LessonRenderer(engine, wh[0], wh[1], probeSize, stepLimit, out).render(read, render);
      out.println(Messages.text("lesson.render.done", files.size(), render));
    } catch (IOException e) {
      throw new UserError(Messages.text("lesson.render.cannotWrite", render, e.getMessage()));
    }
    out.flush();
    return 0;
  }
}
