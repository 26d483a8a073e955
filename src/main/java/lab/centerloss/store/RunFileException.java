package lab.centerloss.store;

import lab.centerloss.text.Explained;
import lab.centerloss.text.Message;

/**
 * A run file that cannot be read or written; the message is one sentence naming the file and the
 * problem.
 */
public final class RunFileException extends Exception implements Explained {
  private final transient Message reason;

  public RunFileException(Message reason) {
    super(reason.key());
    this.reason = reason;
  }

  public RunFileException(Message reason, Throwable cause) {
    super(reason.key(), cause);
    this.reason = reason;
  }

  @Override
  public String getMessage() {
    return reason.render();
  }

  @Override
  public Message reason() {
    return reason;
  }
}
