package io.canarymesh.store;

/**
 * The database itself failed (disk full, file unreadable or locked by another store): not a refusal
 * of one request but a fault of the store, like etcd being unavailable.
 */
public final class StorageFailureException extends RuntimeException {

  StorageFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
