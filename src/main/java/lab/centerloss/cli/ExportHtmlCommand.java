package lab.centerloss.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lab.centerloss.plot.PlaneScenes;
import lab.centerloss.plot.StudentPage;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import lab.centerloss.store.RunRecord;
import lab.centerloss.text.Messages;
import lab.centerloss.train.Hyperparameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export-html RUN.clab [RUN2.clab …] --out page.html}: one self-contained web page that
 * plays the runs in any browser (several runs side by side on shared axes); a sweep's folder gives
 * its runs. Needs no libtorch and no display.
 */
@Command(name = "export-html", mixinStandardHelpOptions = true, sortOptions = false)
public final class ExportHtmlCommand implements Callable<Integer> {
  /** More panes than this are too small to read on a laptop, and the page grows past its budget. */
  public static final int MAX_RUNS = 8;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", arity = "1..*", descriptionKey = "runs")
  List<Path> inputs;

  @Option(names = "--out", paramLabel = "FILE", required = true)
  Path out;

  @Option(names = "--projector")
  boolean projector;

  @Override
  public Integer call() {
    AtomicFiles.discard(
        AtomicFiles.temporaryFor(out)); // the folder's problems, named before any reading
    List<Path> files = runFiles();
    if (files.size() > MAX_RUNS) {
      throw UserError.of("cli.exportHtml.tooManyRuns", MAX_RUNS, files.size());
    }
    List<StudentPage.Pane> panes = new ArrayList<>();
    for (Path file : files) {
      RunRecord run;
      try {
        run = RunFile.read(file).record();
      } catch (RunFileException e) {
        throw new UserError(e.getMessage());
      }
      panes.add(new StudentPage.Pane(files.size() > 1 ? title(file, run) : "", run));
    }
    String page = StudentPage.html(panes, !projector);
    AtomicFiles.writeString(out, page);
    spec.commandLine()
        .getOut()
        .println(
            Messages.text(
                "cli.exportHtml.wrote",
                out,
                panes.size(),
                page.getBytes(StandardCharsets.UTF_8).length / 1e6));
    return 0;
  }

  /** The files given, a folder's run files (a sweep's: DIR/runs/*.clab) in name order. */
  private List<Path> runFiles() {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (!Files.isDirectory(input)) {
        files.add(input);
        continue;
      }
      Path folder = Files.isDirectory(input.resolve("runs")) ? input.resolve("runs") : input;
      try (Stream<Path> listing = Files.list(folder)) {
        List<Path> runs =
            listing
                .filter(p -> p.getFileName().toString().endsWith(RunFile.EXTENSION))
                .sorted()
                .toList();
        if (runs.isEmpty()) {
          throw UserError.of("cli.exportHtml.noRuns", input);
        }
        files.addAll(runs);
      } catch (IOException e) {
        throw UserError.of("cli.write.failed", input, e.getMessage());
      }
    }
    return files;
  }

  /** A pane's title: what sets the run apart, as a sweep's panel says it (head, λ, α, m, seed). */
  static String title(Path file, RunRecord run) {
    Hyperparameters hp =
        run.latest()
            .map(s -> s.hyperparameters())
            .orElse(run.origin() != null ? run.origin().hyperparameters() : null);
    if (hp == null) {
      return file.getFileName().toString();
    }
    String seed = String.valueOf(hp.seed()); // no digit grouping: it is a name
    String lambda = PlaneScenes.shortNumber(hp.lambda());
    String alpha = PlaneScenes.shortNumber(hp.alpha());
    return hp.head().usesMargin()
        ? Messages.text(
            "sweep.panel.titleMargin",
            Messages.label(hp.head()),
            lambda,
            alpha,
            PlaneScenes.shortNumber(hp.margin()),
            seed)
        : Messages.text("sweep.panel.title", Messages.label(hp.head()), lambda, alpha, seed);
  }
}
