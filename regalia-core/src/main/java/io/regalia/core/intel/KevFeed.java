package io.regalia.core.intel;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One load of the KEV catalog. The JSON catalog states {@code catalogVersion} and {@code dateReleased}, and
 * {@code feedDate} is the (UTC) day of release. The CSV states neither: then both are null, {@code feedDate} is
 * the newest dateAdded and {@code feedDateInferred} is true, so explanations can say so.
 */
public record KevFeed(String catalogVersion, Instant dateReleased, LocalDate feedDate, boolean feedDateInferred,
                      long entries) implements IntelFeed {
    @Override
    public long records() { return entries; }
}
