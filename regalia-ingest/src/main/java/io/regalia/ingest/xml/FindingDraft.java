package io.regalia.ingest.xml;

import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.DetectionType;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.Protocol;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;
import us.springett.cvss.CvssV4;
import us.springett.cvss.MalformedVectorException;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One finding being read: the vulnerability as the scanner describes it and where and when it was seen.
 * CVSS vectors are checked with a CVSS library; a malformed one is a warning and is left out.
 */
public final class FindingDraft {

    /** Results text kept per detection; scanner outputs can run to megabytes and are only shown to people. */
    public static final int MAX_RESULTS_CHARS = 4000;
    private static final String CUT_MARK = "… [truncated]";
    private static final VectorVersions VECTOR_VERSIONS = new VectorVersions();
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}", Pattern.CASE_INSENSITIVE);

    private final SourcePosition at;
    private final String key;
    private Long qid;
    private String title;
    private Integer severity;
    private final Set<String> cves = new LinkedHashSet<>();
    private String cvss2;
    private String cvss3;
    private String cvss4;
    private String temporal2;
    private String temporal3;
    private final Double[] scoreByVersion = new Double[5];
    private Boolean patchAvailable;
    private ExploitMaturity maturity;
    private boolean malware;
    private Double epss;
    private DetectionType type = DetectionType.CONFIRMED;
    private DetectionStatus status;
    private Integer port;
    private Protocol protocol;
    private Instant firstFound;
    private Instant lastFound;
    private String results;

    /** {@code key} is {@code <source>:<id>}, e.g. {@code nessus:19506}. */
    public FindingDraft(SourcePosition at, String key) {
        this.at = at;
        this.key = key;
    }

    public FindingDraft qid(Long value) {
        qid = value;
        return this;
    }

    public FindingDraft title(String value) {
        if (title == null) title = value;
        return this;
    }

    /** Severity on the 1–5 scale; other values are reported and dropped. */
    public FindingDraft severity(Integer value) {
        if (value == null) return this;
        if (value < 1 || value > 5) {
            at.warn("severity " + value + " is outside 1–5; ignored");
            return this;
        }
        severity = value;
        return this;
    }

    /** Every CVE id found in the text (a single id, or a list separated by anything). */
    public FindingDraft cves(CharSequence text) {
        cves.addAll(cveIds(text));
        return this;
    }

    /** The distinct CVE ids in a text, upper-cased, in order of appearance. */
    public static List<String> cveIds(CharSequence text) {
        if (text == null) return List.of();
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = CVE.matcher(text);
        while (m.find()) ids.add(m.group().toUpperCase(Locale.ROOT));
        return List.copyOf(ids);
    }

    /**
     * A CVSS base vector of any version: plain v2 ({@code AV:N/AC:L/…}, also as {@code CVSS2#…} or in
     * parentheses), {@code CVSS:3.x/…} or {@code CVSS:4.0/…}.
     */
    public FindingDraft cvssVector(String raw) {
        String vector = normalized(raw);
        if (vector == null) return this;
        switch (VECTOR_VERSIONS.of(vector)) {
            case 0 -> at.warn("malformed CVSS vector '" + raw + "' on " + key + "; ignored");
            case 2 -> { if (cvss2 == null) cvss2 = vector; }
            case 4 -> { if (cvss4 == null) cvss4 = vector; }
            default -> { if (cvss3 == null) cvss3 = vector; }
        }
        return this;
    }

    /**
     * Temporal metrics given apart from the base vector (Nessus {@code cvss_temporal_vector},
     * {@code cvss3_temporal_vector}); appended to it so the exploit maturity (E:) reaches the risk model.
     */
    public FindingDraft cvssTemporal(String raw) {
        String metrics = normalized(raw);
        if (metrics == null) return this;
        if (metrics.startsWith("CVSS:3.")) {
            int slash = metrics.indexOf('/');
            if (slash > 0 && temporal3 == null) temporal3 = metrics.substring(slash + 1);
        } else if (temporal2 == null) {
            temporal2 = metrics;
        }
        return this;
    }

    /**
     * A base score the scanner gives for CVSS major version 2, 3 or 4 (0 when it does not say). It is
     * kept only when no vector of that version or a newer one is known: scoring prefers vectors.
     */
    public FindingDraft cvssScore(int version, Double score) {
        if (score == null) return this;
        if (score < 0 || score > 10) {
            at.warn("CVSS score " + score + " on " + key + " is outside 0–10; ignored");
            return this;
        }
        if (scoreByVersion[version] == null) scoreByVersion[version] = score;
        return this;
    }

    public FindingDraft patchAvailable(Boolean value) {
        if (value != null && patchAvailable == null) patchAvailable = value;
        return this;
    }

    /** Raises the exploit maturity to {@code value} if that is higher than what is known. */
    public FindingDraft maturity(ExploitMaturity value) {
        maturity = ExploitMaturity.max(maturity, value);
        return this;
    }

    public FindingDraft malware(boolean value) {
        malware |= value;
        return this;
    }

    /** EPSS probability 0–1; a value in 1–100 is read as a percentage. */
    public FindingDraft epss(Double value) {
        if (value == null) return this;
        double probability = value > 1 && value <= 100 ? value / 100 : value;
        if (probability < 0 || probability > 1) {
            at.warn("EPSS " + value + " on " + key + " is not a probability; ignored");
        } else {
            epss = probability;
        }
        return this;
    }

    public FindingDraft type(DetectionType value) {
        if (value != null) type = value;
        return this;
    }

    public FindingDraft status(DetectionStatus value) {
        status = value;
        return this;
    }

    /** Port 1–65535 (0 or null means the finding is not on a port). The protocol only counts with a port. */
    public FindingDraft port(Integer number, Protocol protocol) {
        if (number == null || number == 0) return this;
        if (number < 0 || number > 65535) {
            at.warn("port " + number + " on " + key + " is not a valid port; ignored");
            return this;
        }
        this.port = number;
        this.protocol = protocol;
        return this;
    }

    public FindingDraft found(Instant first, Instant last) {
        firstFound = first;
        lastFound = last;
        return this;
    }

    /** Scanner output, cut to {@link #MAX_RESULTS_CHARS}. */
    public FindingDraft results(String text) {
        results = truncate(text);
        return this;
    }

    public String key() {
        return key;
    }

    public DetectionObservation build() {
        String v2 = withTemporal(cvss2, temporal2);
        String v3 = cvss3 == null || temporal3 == null ? cvss3 : withTemporal(cvss3, temporal3);
        int newestVector = cvss4 != null ? 4 : cvss3 != null ? 3 : cvss2 != null ? 2 : 0;
        int newestScore = 4;
        while (newestScore >= 0 && scoreByVersion[newestScore] == null) newestScore--;
        Double score = newestScore >= 0 && (newestVector == 0 || newestScore > newestVector)
                ? scoreByVersion[newestScore] : null;
        ThreatHints hints = maturity == null && !malware && epss == null ? ThreatHints.NONE
                : new ThreatHints(maturity, malware, epss);
        VulnerabilityInfo info = new VulnerabilityInfo(key, qid, title, severity, List.copyOf(cves),
                v2, v3, cvss4, score, patchAvailable, hints);
        return new DetectionObservation(info, type, status, port, port == null ? null : protocol,
                firstFound, lastFound, results);
    }

    /** Severity 1–5 for a CVSS-like score 0–10, in the bands of the risk model's fallback (1.9/3.9/6.9/8.9/10). */
    public static int severityOfScore(double score) {
        if (score <= 0) return 1;
        if (score < 4.0) return 2;
        if (score < 7.0) return 3;
        if (score < 9.0) return 4;
        return 5;
    }

    /** Text cut to at most {@link #MAX_RESULTS_CHARS} characters, marked where it was cut. */
    public static String truncate(String text) {
        if (text == null || text.length() <= MAX_RESULTS_CHARS) return text;
        int end = MAX_RESULTS_CHARS - CUT_MARK.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + CUT_MARK;
    }

    private String withTemporal(String base, String temporal) {
        if (base == null || temporal == null) return base;
        String combined = base + "/" + temporal;
        if (VECTOR_VERSIONS.of(combined) != 0) return combined;
        at.warn("malformed CVSS temporal metrics '" + temporal + "' on " + key + "; base vector kept");
        return base;
    }

    private static String normalized(String raw) {
        if (raw == null) return null;
        String vector = raw.strip();
        if (vector.startsWith("CVSS2#")) vector = vector.substring("CVSS2#".length());
        if (vector.startsWith("(") && vector.endsWith(")")) vector = vector.substring(1, vector.length() - 1);
        return vector.isEmpty() ? null : vector;
    }

    /**
     * The CVSS major version of each vector, 0 when malformed. A report repeats a few thousand vectors over
     * a million findings, and parsing one costs more than reading the finding around it.
     */
    private static final class VectorVersions {
        private static final int CAPACITY = 10_000;
        private final Map<String, Integer> known = new ConcurrentHashMap<>();

        int of(String vector) {
            Integer version = known.get(vector);
            if (version != null) return version;
            version = parse(vector);
            if (known.size() < CAPACITY) known.put(vector, version);
            return version;
        }

        private static int parse(String vector) {
            try {
                Cvss cvss = Cvss.fromVector(vector);
                if (cvss == null) return 0;
                return cvss instanceof CvssV2 ? 2 : cvss instanceof CvssV4 ? 4 : 3;
            } catch (MalformedVectorException | IllegalArgumentException e) {
                return 0;
            }
        }
    }
}
