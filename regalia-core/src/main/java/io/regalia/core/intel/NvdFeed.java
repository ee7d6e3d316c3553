package io.regalia.core.intel;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One load of NVD CVE records (one response, one page or a directory of them). {@code timestamp} is the newest
 * response timestamp; files without one (single CVE records) leave it null, and then {@code feedDate} is the
 * newest lastModified with {@code feedDateInferred} true.
 */
public record NvdFeed(Instant timestamp, LocalDate feedDate, boolean feedDateInferred, long cves) implements IntelFeed {
    @Override
    public long records() { return cves; }
}
