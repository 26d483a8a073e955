package lab.centerloss.data;

import lab.centerloss.text.ExplainedException;
import lab.centerloss.text.Message;

/** A data file is missing or unusable; the reason is one sentence that names the file. */
public final class DataSetException extends ExplainedException {
  public DataSetException(Message reason) {
    super(reason);
  }

  public DataSetException(Message reason, Throwable cause) {
    super(reason, cause);
  }
}
