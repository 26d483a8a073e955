package lab.centerloss.cli;

import java.util.Collections;
import java.util.Enumeration;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import lab.centerloss.text.Messages;

/**
 * The command line's help words, as picocli reads them: the app's own bundle, keys under {@value
 * #PREFIX}, in the language in force when the help is printed ({@code --lang} is parsed before
 * {@code --help} is answered). Picocli asks for a command's description as {@code <qualified
 * name>.usage.description} (e.g. {@code center-loss-lab.train.usage.description}), for an option's
 * as {@code <qualified name>.<option>}, then as {@code <option>} alone: an option that several
 * commands share with the same words has one key without a command ({@code cli.help.model}). Texts
 * are patterns as every text of the bundle is ({@code ''} for an apostrophe).
 */
final class HelpBundle extends ResourceBundle {
  static final String PREFIX = "cli.help.";

  @Override
  protected Object handleGetObject(String key) {
    String ours = PREFIX + key;
    return Messages.has(ours) ? Messages.text(ours) : null;
  }

  @Override
  public Enumeration<String> getKeys() {
    return Collections.enumeration(keys());
  }

  @Override
  protected Set<String> handleKeySet() {
    return keys();
  }

  /** Picocli's keys that the bundle has words for (the same in every language). */
  static Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    for (String key : Messages.bundle().keySet()) {
      if (key.startsWith(PREFIX)) {
        keys.add(key.substring(PREFIX.length()));
      }
    }
    return keys;
  }
}
