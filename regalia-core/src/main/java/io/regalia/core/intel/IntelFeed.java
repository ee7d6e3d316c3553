package io.regalia.core.intel;

import java.time.LocalDate;

/** What one load of a threat-intel feed was: its own date, which explanations cite, and how many records it held. */
public sealed interface IntelFeed permits KevFeed, EpssFeed, NvdFeed {

    /** The date the feed publisher gave this release (or, where the file carries none, the date inferred from its content). */
    LocalDate feedDate();

    /** Number of records delivered. */
    long records();
}
