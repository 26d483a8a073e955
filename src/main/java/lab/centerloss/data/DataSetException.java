package lab.centerloss.data;

/**
 * A data file is missing or unusable. The message is one sentence that names the file, meant to be
 * shown to a teacher as it is.
 */
public final class DataSetException extends Exception {
  public DataSetException(String message) {
    super(message);
  }

  public DataSetException(String message, Throwable cause) {
    super(message, cause);
  }
}
