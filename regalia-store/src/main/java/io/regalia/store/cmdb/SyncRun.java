package io.regalia.store.cmdb;

import java.time.Instant;

/** One recorded sync: when, from where, and how it ended; {@code report} is null and {@code error} set when it failed. */
public record SyncRun(long id, String source, Instant startedAt, Instant finishedAt, Outcome outcome, String error,
                      SyncReport report) {
    public enum Outcome { SUCCEEDED, FAILED }
}
