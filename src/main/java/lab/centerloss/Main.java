package lab.centerloss;

import lab.centerloss.cli.CommandLineApp;

/**
 * Entry point. It does not extend {@code javafx.application.Application}, so JavaFX runs from the
 * class path of a plain {@code java -jar}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(CommandLineApp.create(new LabCommand()).execute(args));
  }
}
