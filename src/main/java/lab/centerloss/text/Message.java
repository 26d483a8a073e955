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

  /** The sentence in the current language. */
  public String render() {
    return Messages.text(key, arguments.toArray());
  }

  @Override
  public String toString() {
    return render();
  }
}
