package io.regalia.core.risk;

import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;

import java.time.LocalDate;

/**
 * What is known about one CVE (or, with {@code cve} null, about a vulnerability as a scanner describes
 * it) that the detection score uses. Each exploit-maturity source has its own field so the explanation
 * can say which one counted.
 *
 * @param cve                 CVE id, or null for scanner-only facts
 * @param cvss                preferred base score, or null when none is known (scored as 0)
 * @param cvssMaturity        maturity a CVSS vector states (v3.x {@code E:U/P/F/H}, v4.0 {@code E:U/P/A}), or null
 * @param cvssAttacked        CVSS v4.0 {@code E:A}: attacks reported (a threat signal)
 * @param kevDateAdded        date the CVE entered CISA KEV, null when not listed
 * @param ransomware          known ransomware campaign use
 * @param scannerMaturity     maturity scanner flags give (exploit available → functional, framework → weaponized), or null
 * @param malware             exploited by malware (scanner flag or feed)
 * @param nvdExploitReference NVD lists a reference tagged {@code Exploit} (→ proof-of-concept)
 * @param epss                EPSS probability 0–1, or null when unknown (scored as 0)
 * @param feedTrending        a feed marks the CVE trending
 * @param threatActor         a feed names a threat actor using it
 * @param activeAttacks       a feed reports active attacks
 */
public record ThreatFacts(String cve, CvssScore cvss, ExploitMaturity cvssMaturity, boolean cvssAttacked,
                          LocalDate kevDateAdded, boolean ransomware, ExploitMaturity scannerMaturity,
                          boolean malware, boolean nvdExploitReference, Double epss, boolean feedTrending,
                          boolean threatActor, boolean activeAttacks) {

    /** Nothing known. */
    public static final ThreatFacts NONE = builder().build();

    public ThreatFacts {
        if (epss != null && !(epss >= 0 && epss <= 1)) throw new IllegalArgumentException("EPSS must be 0–1, got " + epss);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().cve(cve).cvss(cvss).cvssMaturity(cvssMaturity).cvssAttacked(cvssAttacked)
                .kevDateAdded(kevDateAdded).ransomware(ransomware).scannerMaturity(scannerMaturity).malware(malware)
                .nvdExploitReference(nvdExploitReference).epss(epss).feedTrending(feedTrending)
                .threatActor(threatActor).activeAttacks(activeAttacks);
    }

    /**
     * These facts completed with {@code other}'s (typically a CVE's feed facts with the scanner's facts
     * about the vulnerability that names it): the preferred CVSS (these on a tie), the highest maturity
     * per source, any flag either sets, the earlier KEV date, and these EPSS unless unknown. The CVE id
     * stays this one's.
     */
    public ThreatFacts with(ThreatFacts other) {
        if (other == null) return this;
        LocalDate kev = kevDateAdded == null ? other.kevDateAdded
                : other.kevDateAdded == null || !other.kevDateAdded.isBefore(kevDateAdded) ? kevDateAdded : other.kevDateAdded;
        return new ThreatFacts(cve, CvssScore.preferred(cvss, other.cvss),
                ExploitMaturity.max(cvssMaturity, other.cvssMaturity), cvssAttacked || other.cvssAttacked, kev,
                ransomware || other.ransomware, ExploitMaturity.max(scannerMaturity, other.scannerMaturity),
                malware || other.malware, nvdExploitReference || other.nvdExploitReference,
                epss != null ? epss : other.epss, feedTrending || other.feedTrending,
                threatActor || other.threatActor, activeAttacks || other.activeAttacks);
    }

    /**
     * What a scanner says about a vulnerability: CVSS from its preferred valid vector, else its bare
     * score, else its severity 1–5; the maturity any of its vectors states; its exploit and malware
     * flags and EPSS. Malformed vectors and out-of-range values are skipped here; readers report them.
     */
    public static ThreatFacts fromScanner(VulnerabilityInfo vulnerability) {
        Builder facts = builder();
        ExploitMaturity vectorMaturity = null;
        boolean attacked = false;
        CvssScore cvss = null;
        for (String vector : new String[] {vulnerability.cvss4(), vulnerability.cvss3(), vulnerability.cvss2()}) {
            if (vector == null || vector.isBlank()) continue;
            if (Cvss.parse(vector) instanceof Cvss.Parsed p) {
                cvss = CvssScore.preferred(cvss, p.score());
                vectorMaturity = ExploitMaturity.max(vectorMaturity, p.exploitMaturity());
                attacked |= p.attacked();
            }
        }
        Double score = vulnerability.cvssScore();
        if (cvss == null && score != null && score >= 0 && score <= 10) cvss = new CvssScore(score, CvssSource.SCANNER);
        Integer severity = vulnerability.severity();
        if (cvss == null && severity != null && severity >= 1 && severity <= 5) cvss = Cvss.fromSeverity(severity);
        ThreatHints hints = vulnerability.hints();
        Double epss = hints.epss() != null && hints.epss() >= 0 && hints.epss() <= 1 ? hints.epss() : null;
        return facts.cvss(cvss).cvssMaturity(vectorMaturity).cvssAttacked(attacked)
                .scannerMaturity(hints.maturity()).malware(hints.malware()).epss(epss).build();
    }

    /** Fluent construction; every field starts unknown/false. */
    public static final class Builder {
        private String cve;
        private CvssScore cvss;
        private ExploitMaturity cvssMaturity;
        private boolean cvssAttacked;
        private LocalDate kevDateAdded;
        private boolean ransomware;
        private ExploitMaturity scannerMaturity;
        private boolean malware;
        private boolean nvdExploitReference;
        private Double epss;
        private boolean feedTrending;
        private boolean threatActor;
        private boolean activeAttacks;

        private Builder() {}

        public Builder cve(String value) { cve = value; return this; }

        public Builder cvss(CvssScore value) { cvss = value; return this; }

        public Builder cvss(double base, CvssSource source) { return cvss(new CvssScore(base, source)); }

        public Builder cvssMaturity(ExploitMaturity value) { cvssMaturity = value; return this; }

        public Builder cvssAttacked(boolean value) { cvssAttacked = value; return this; }

        /** Score, maturity and attack signal of a parsed vector. */
        public Builder cvss(Cvss.Parsed vector) {
            return cvss(vector.score()).cvssMaturity(vector.exploitMaturity()).cvssAttacked(vector.attacked());
        }

        public Builder kevDateAdded(LocalDate value) { kevDateAdded = value; return this; }

        public Builder ransomware(boolean value) { ransomware = value; return this; }

        public Builder scannerMaturity(ExploitMaturity value) { scannerMaturity = value; return this; }

        public Builder malware(boolean value) { malware = value; return this; }

        public Builder nvdExploitReference(boolean value) { nvdExploitReference = value; return this; }

        public Builder epss(Double value) { epss = value; return this; }

        public Builder feedTrending(boolean value) { feedTrending = value; return this; }

        public Builder threatActor(boolean value) { threatActor = value; return this; }

        public Builder activeAttacks(boolean value) { activeAttacks = value; return this; }

        public ThreatFacts build() {
            return new ThreatFacts(cve, cvss, cvssMaturity, cvssAttacked, kevDateAdded, ransomware, scannerMaturity,
                    malware, nvdExploitReference, epss, feedTrending, threatActor, activeAttacks);
        }
    }
}
