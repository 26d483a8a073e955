package lab.centerloss;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: with no subcommand it opens the window. */
@Command(name = "center-loss-lab", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
        description = "Watch a small convolutional network learn MNIST with center loss and angular margins.")
final class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.VERSION};
        }
    }
}
