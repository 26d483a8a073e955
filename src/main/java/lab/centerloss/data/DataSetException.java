package lab.centerloss.data;

import lab.centerloss.text.Explained;
import lab.centerloss.text.Message;

/**
 * A data file is missing or unusable. The reason is one sentence that names the file, kept as a
 * message so that whoever shows it puts it in the language of that moment.
 */
public final class DataSetException extends Exception implements Explained {
  private final transient Message reason;

  public DataSetException(Message reason) {
    super(reason.key());
    this.reason = reason;
  }

  public DataSetException(Message reason, Throwable cause) {
    super(reason.key(), cause);
    this.reason = reason;
  }

  /** The sentence in the language in force when it is asked for. */
  @Override
  public String getMessage() {
    return reason.render();
  }

  @Override
  public Message reason() {
    return reason;
  }
}
