package lab.centerloss;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.centerloss.cli.CommandLineApp;
import lab.centerloss.text.Language;
import lab.centerloss.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help in both languages: each word from the bundle, none left in English. */
class CommandLineHelpTest {
  private final Language before = Messages.language();

  @AfterEach
  void restoreLanguage() {
    Messages.use(before);
  }

  /** Every command, by its arguments before --help (none for the top command). */
  private static Map<List<String>, CommandSpec> commands() {
    Map<List<String>, CommandSpec> commands = new LinkedHashMap<>();
    CommandLine top = CommandLineApp.create(new LabCommand());
    commands.put(List.of(), top.getCommandSpec());
    top.getSubcommands().forEach((name, sub) -> commands.put(List.of(name), sub.getCommandSpec()));
    return commands;
  }

  /** The key the bundle has for an option or parameter of this command, or null. */
  private static String keyOf(CommandSpec command, ArgSpec arg) {
    List<String> names = new ArrayList<>();
    if (!arg.descriptionKey().isEmpty()) {
      names.add(arg.descriptionKey());
    }
    if (arg instanceof OptionSpec option) {
      Arrays.stream(option.names()).map(n -> n.replaceFirst("^-+", "")).forEach(names::add);
    }
    for (String name : names) {
      for (String key :
          List.of("cli.help." + command.qualifiedName(".") + "." + name, "cli.help." + name)) {
        if (Messages.has(key)) {
          return key;
        }
      }
    }
    return null;
  }

  private static String description(ArgSpec arg) {
    return String.join(" ", arg.description()).trim();
  }

  @Test
  @DisplayName("every command and every option has its words in the bundle, in both languages")
  void noMissingKey() {
    List<String> missing = new ArrayList<>();
    for (Language language : Language.values()) {
      Messages.use(language);
      for (CommandSpec command : commands().values()) {
        String name = command.qualifiedName(".");
        if (!Messages.has("cli.help." + name + ".usage.description")
            && !Messages.has("cli.help." + name + ".usage.description.0")) {
          missing.add(language + " " + name + ": its description");
        }
        List<ArgSpec> args = new ArrayList<>(command.options());
        args.addAll(command.positionalParameters());
        for (ArgSpec arg : args) {
          if (keyOf(command, arg) == null || description(arg).isEmpty()) {
            missing.add(language + " " + name + " " + arg.paramLabel() + " " + arg);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName(
      "--help of every command in Chinese: every description in Chinese, no English one left")
  void helpInBothLanguages() {
    Messages.use(Language.ENGLISH);
    Map<List<String>, List<String>> english = new LinkedHashMap<>();
    commands()
        .forEach(
            (path, command) -> {
              List<String> texts = new ArrayList<>();
              command.options().forEach(o -> texts.add(description(o)));
              command.positionalParameters().forEach(p -> texts.add(description(p)));
              texts.add(String.join(" ", command.usageMessage().description()));
              english.put(path, texts);
            });
    for (var entry : english.entrySet()) {
      List<String> args = new ArrayList<>(entry.getKey());
      args.addAll(List.of("--help", "--lang", "en"));
      CommandLineTest.Run inEnglish = CommandLineTest.run(args.toArray(String[]::new));
      assertThat(inEnglish.exitCode()).isZero();
      for (String text : entry.getValue()) {
        assertThat(inEnglish.out()).as("English help of %s", entry.getKey()).contains(start(text));
      }

      args.set(args.size() - 1, "zh-CN");
      CommandLineTest.Run inChinese = CommandLineTest.run(args.toArray(String[]::new));
      assertThat(inChinese.exitCode()).isZero();
      assertThat(inChinese.out()).as("Chinese help of %s", entry.getKey()).contains("用法：");
      for (String text : entry.getValue()) {
        assertThat(inChinese.out())
            .as("Chinese help of %s", entry.getKey())
            .doesNotContain(start(text));
      }
    }
    Messages.use(Language.SIMPLIFIED_CHINESE);
    for (var entry : commands().entrySet()) {
      List<ArgSpec> args = new ArrayList<>(entry.getValue().options());
      args.addAll(entry.getValue().positionalParameters());
      for (ArgSpec arg : args) {
        assertThat(description(arg))
            .as("%s %s", entry.getKey(), arg.paramLabel())
            .containsPattern("\\p{IsHan}");
      }
    }
  }

  /** The first words of a description: what a wrapped help line still holds whole. */
  private static String start(String text) {
    String[] words = text.split(" ");
    return String.join(" ", Arrays.copyOf(words, Math.min(3, words.length)));
  }
}
