package io.topicbus.log;

/** The log cannot store or read something (disk full, closed, I/O error). Maps to 503 on the API. */
public class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
