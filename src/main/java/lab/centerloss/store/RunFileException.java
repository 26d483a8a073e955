package lab.centerloss.store;

import lab.centerloss.text.ExplainedException;
import lab.centerloss.text.Message;

/**
 * A run file that cannot be read or written; the reason is one sentence naming the file and the
 * problem.
 */
public final class RunFileException extends ExplainedException {
  public RunFileException(Message reason) {
    super(reason);
  }

  public RunFileException(Message reason, Throwable cause) {
    super(reason, cause);
  }
}
