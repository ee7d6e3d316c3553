package io.regalia.ingest.cmdb;

import io.regalia.core.report.BadInputException;

/**
 * ServiceNow could not be read: refused credentials, an unknown table, an answer that is not the Table
 * API's, or transient failures that outlasted every retry. {@code where} names the table and offset.
 */
public final class ServiceNowException extends BadInputException {
    public ServiceNowException(String where, String reason) {
        super(where, reason);
    }
}
