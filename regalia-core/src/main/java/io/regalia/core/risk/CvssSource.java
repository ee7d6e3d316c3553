package io.regalia.core.risk;

/**
 * Where a CVSS base score came from, in order of preference: a v4.0 vector, then v3.1, v3.0, v2, then a
 * bare score a scanner gave, then the scanner's severity 1–5.
 */
public enum CvssSource {
    V4_0("CVSS v4.0"), V3_1("CVSS v3.1"), V3_0("CVSS v3.0"), V2("CVSS v2"),
    SCANNER("scanner CVSS score"), SEVERITY("scanner severity");

    private final String label;

    CvssSource(String label) { this.label = label; }

    public String label() { return label; }

    /** True when this source is preferred over {@code other}. */
    public boolean preferredOver(CvssSource other) {
        return other == null || ordinal() < other.ordinal();
    }
}
