package lab.centerloss;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import lab.centerloss.cli.CommandLineApp;
import lab.centerloss.cli.LessonTimer;
import lab.centerloss.lesson.Lesson;
import lab.centerloss.lesson.LessonFile;
import lab.centerloss.lesson.Scenario;
import lab.centerloss.text.AppInfo;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import lab.centerloss.train.DeviceChoice;
import lab.centerloss.ui.LabApplication;
import lab.centerloss.ui.LessonBench;
import lab.centerloss.ui.UiBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The top command: with no subcommand it opens the window; the subcommands work without a display.
 * It lends the window's lesson player to {@code bench --lesson} ({@link LessonTimer}): the command
 * line knows no window, and {@code bench} is where a teacher looks for measurements (a separate
 * {@code bench-ui --lesson} would split one question over two commands).
 */
@Command(
    name = "center-loss-lab",
    mixinStandardHelpOptions = true,
    versionProvider = LabCommand.Version.class,
    subcommands = UiBenchCommand.class)
final class LabCommand implements Callable<Integer>, LessonTimer {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR")
  Path data;

  @Option(names = "--unknown-data", paramLabel = "DIR")
  Path unknownData;

  @Option(names = "--device", paramLabel = "auto|cpu|cuda")
  DeviceChoice device;

  @Option(names = "--open", paramLabel = "FILE")
  Path open;

  @Option(names = "--lesson", paramLabel = "NAME|FILE")
  String lesson;

  @Option(names = "--scenario", paramLabel = "FILE")
  Path scenario;

  private Language language;

  /** Every command takes it: the language of its messages, pictures and (here) the window. */
  @Option(
      names = "--lang",
      paramLabel = "en|zh-CN",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      converter = LanguageConverter.class)
  void language(Language chosen) {
    language = chosen;
    Messages.use(chosen);
  }

  static final class LanguageConverter implements picocli.CommandLine.ITypeConverter<Language> {
    @Override
    public Language convert(String value) {
      try {
        return Language.byTag(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** With no subcommand: the window, until it is closed. */
  @Override
  public Integer call() {
    if (lesson != null) {
      try {
        LessonFile.byNameOrFile(lesson); // a problem is said here, before the window opens
      } catch (LessonFile.LessonException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return CommandLineApp.USER_ERROR;
      }
    }
    if (scenario != null) {
      try {
        Scenario.read(scenario);
      } catch (LessonFile.LessonException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return CommandLineApp.USER_ERROR;
      }
    }
    if (!LabApplication.displayAvailable()) {
      spec.commandLine().getErr().println(Messages.text("cli.noDisplay"));
      return 1;
    }
    LabApplication.launchWindow(data, unknownData, device, open, language, lesson, scenario);
    return 0;
  }

  /** The longest one step may take before {@code bench --lesson} gives up on it. */
  private static final int STEP_TIMEOUT_SECONDS = 1800;

  @Override
  public List<LessonTimer.Step> play(
      Lesson lesson,
      Path data,
      Path unknownData,
      int threads,
      int probeSize,
      boolean live,
      Consumer<LessonTimer.Step> eachStep) {
    return new LessonBench(data, unknownData, threads, probeSize, STEP_TIMEOUT_SECONDS)
        .play(lesson, live, step -> eachStep.accept(asTimed(step))).stream()
            .map(LabCommand::asTimed)
            .toList();
  }

  private static LessonTimer.Step asTimed(LessonBench.Step step) {
    return new LessonTimer.Step(
        step.seconds(), step.trainedTo(), step.cpuSeconds(), step.busiestThreadCpuSeconds());
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {AppInfo.NAME + " " + AppInfo.VERSION};
    }
  }
}
