package io.regalia.core.intel;

import java.time.Instant;
import java.util.List;

/**
 * One CVE as the NVD CVE API 2.0 describes it. Each vector is the one from the {@code Primary} source when
 * present, else the first {@code Secondary} one; {@code cvss3Vector} prefers v3.1 over v3.0. Null when the NVD
 * has none. {@code cwes} are the weakness ids as given (including NVD's "NVD-CWE-Other"/"NVD-CWE-noinfo"),
 * Primary first, without duplicates. {@code exploitReference} is true when a reference is tagged "Exploit".
 * {@code description} is the English one.
 */
public record NvdCve(String cveId, Instant published, Instant lastModified, String cvss2Vector, String cvss3Vector,
                     String cvss4Vector, List<String> cwes, boolean exploitReference, String description) {
    public NvdCve {
        cwes = cwes == null ? List.of() : List.copyOf(cwes);
    }
}
