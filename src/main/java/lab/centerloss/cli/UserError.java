package lab.centerloss.cli;

import lab.centerloss.text.Messages;

/** A problem with what the user gave (an option, a file): reported in one sentence, exit code 2. */
final class UserError extends RuntimeException {
  UserError(String message) {
    super(message);
  }

  /** The sentence of this message key, in the language chosen (--lang). */
  static UserError of(String key, Object... arguments) {
    return new UserError(Messages.text(key, arguments));
  }
}
