package lab.centerloss.text;

import java.util.List;

/**
 * A sentence not yet put into words: a bundle key and its arguments. Whoever shows it renders it in
 * the language of that moment, so a status set before a language switch reads right after it.
 */
public record Message(String key, List<Object> arguments) {
  public Message {
    arguments = List.copyOf(arguments);
  }

  public static Message of(String key, Object... arguments) {
    return new Message(key, List.of(arguments));
  }

  /** The label of a choice, e.g. {@code label.HeadKind.arcface}, not yet in words. */
  public static Message label(Enum<?> choice) {
    return of("label." + choice.getDeclaringClass().getSimpleName() + "." + Ids.of(choice));
  }

  /**
   * The sentence in the files' language, English (the root bundle): what a file format records
   * reads the same whatever the language of the machine that wrote it.
   */
  public String forFiles() {
    return Messages.textIn(Language.ENGLISH, key, arguments.toArray());
  }

  /** The sentence in the current language. */
  public String render() {
    return Messages.text(key, arguments.toArray());
  }

  @Override
  public String toString() {
    return render();
  }
}
