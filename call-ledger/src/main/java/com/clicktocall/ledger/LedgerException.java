package com.clicktocall.ledger;

/**
 * The ledger could not be read or written: DynamoDB failed, timed out, or stayed contended. The
 * message names the operation, never an item's contents.
 */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }

    public LedgerException(String message) {
        super(message);
    }
}
