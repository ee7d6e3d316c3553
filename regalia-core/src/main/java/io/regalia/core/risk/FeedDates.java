package io.regalia.core.risk;

import java.time.LocalDate;

/** The dates of the threat-intel feeds the scores used (each null when that feed was never loaded). */
public record FeedDates(LocalDate kev, LocalDate epss, LocalDate nvd) {
    public static final FeedDates NONE = new FeedDates(null, null, null);
}
