package lab.centerloss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lab.centerloss.store.RunFile;
import lab.centerloss.store.RunFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run-info FILE}: what a run file holds, as JSON; needs no libtorch. */
@Command(name = "run-info", mixinStandardHelpOptions = true)
public final class RunInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", descriptionKey = "file")
  Path file;

  @Override
  public Integer call() throws Exception {
    RunFile.Contents contents;
    try {
      contents = RunFile.read(file);
    } catch (RunFileException e) {
      throw new UserError(e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .println(
            new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(RunFile.info(contents, file)));
    return 0;
  }
}
