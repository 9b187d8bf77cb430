package io.canarymesh.store;

/** The writes of one transaction: they commit together when this returns, or not at all. */
@FunctionalInterface
public interface TransactionBody<T> {

  T run(Transaction transaction) throws StoreException;
}
