package io.regalia.core.intel;

import java.time.LocalDate;

/**
 * One load of an EPSS scores file: the model version and score date from its {@code #model_version:…,score_date:…}
 * line. {@code modelVersion} is null for old files without that line (their score date comes from the file name).
 */
public record EpssFeed(String modelVersion, LocalDate scoreDate, long scores) implements IntelFeed {
    @Override
    public LocalDate feedDate() { return scoreDate; }

    @Override
    public long records() { return scores; }
}
