package lab.centerloss.cli;

import java.io.PrintWriter;
import lab.centerloss.train.DeviceUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Wires the commands and the error policy: a mistake of the user's (an option, a data file) is one
 * sentence on standard error and exit code 2, never a stack trace.
 */
public final class CommandLineApp {
  public static final int USER_ERROR = 2;

  private CommandLineApp() {}

  /**
   * The command line for {@code root}, with the training commands added under it. A root that is a
   * {@link LessonTimer} (the top-level command, which knows the window) lends it to {@code bench
   * --lesson}.
   */
  public static CommandLine create(Object root) {
    CommandLine commandLine = new CommandLine(root);
    commandLine.addSubcommand(new TrainCommand());
    commandLine.addSubcommand(new RenderCommand());
    commandLine.addSubcommand(new BenchCommand(root instanceof LessonTimer timer ? timer : null));
    commandLine.addSubcommand(new RunInfoCommand());
    commandLine.addSubcommand(new SweepCommand());
    commandLine.addSubcommand(new LessonCommand());
    commandLine.addSubcommand(new ExportHtmlCommand());
    commandLine
        .getSubcommands()
        .values()
        .forEach(command -> TrainingOptions.addSettingOptions(command.getCommandSpec()));
    // after the subcommands: picocli gives the bundle to those it has
    commandLine.setResourceBundle(new HelpBundle());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(ONE_SENTENCE);
    commandLine.setExecutionExceptionHandler(USER_ERRORS);
    return commandLine;
  }

  private static final IParameterExceptionHandler ONE_SENTENCE =
      (ParameterException e, String[] args) -> {
        PrintWriter err = e.getCommandLine().getErr();
        err.println(e.getMessage() + " (see --help)");
        err.flush();
        return USER_ERROR;
      };

  private static final IExecutionExceptionHandler USER_ERRORS =
      (e, commandLine, parseResult) -> {
        if (e instanceof UserError
            || e instanceof IllegalArgumentException
            || e instanceof DeviceUnavailableException) {
          commandLine.getErr().println(e.getMessage());
          commandLine.getErr().flush();
          return USER_ERROR;
        }
        throw e;
      };
}
