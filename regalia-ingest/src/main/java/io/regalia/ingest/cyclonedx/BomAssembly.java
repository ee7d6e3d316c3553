package io.regalia.ingest.cyclonedx;

import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.artifact.ArtifactScan;
import io.regalia.ingest.vulnerability.AdvisoryIds;
import io.regalia.ingest.vulnerability.CvssVectors;
import io.regalia.ingest.vulnerability.Severity;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a BOM's metadata component, components and vulnerabilities into one asset. Vulnerabilities
 * name components by reference and may come before them, so they are resolved at the end.
 */
final class BomAssembly {
    /** Analysis states saying the component is not (or no longer) exploitable: not an open detection. */
    private static final Set<String> CLOSED_STATES = Set.of("not_affected", "false_positive", "resolved",
            "resolved_with_pedigree");
    private static final Set<String> NOT_SOFTWARE = Set.of("operating-system", "file", "container");
    private static final Set<String> SUPPORTED_VERSIONS = Set.of("1.2", "1.3", "1.4", "1.5", "1.6");

    private final Path file;
    private final ArtifactScan scan = new ArtifactScan("cyclonedx", "CycloneDX");
    private final Map<String, Bom.Component> componentsByRef = new HashMap<>();
    private final List<Bom.Vulnerability> vulnerabilities = new ArrayList<>();
    private Bom.Component subject;

    BomAssembly(Path file) { this.file = file; }

    void specVersion(String where, String version) {
        if (version != null && !SUPPORTED_VERSIONS.contains(version)) {
            scan.warn(where, "CycloneDX " + version + " is not a known version (1.2–1.6); read as 1.6");
        }
    }

    void timestamp(Instant at) { scan.scannedAt(at); }

    /** The component the BOM describes ({@code metadata.component}): the asset. */
    void subject(Bom.Component component) { this.subject = component; }

    void component(Bom.Component component) {
        if (component.ref() != null) componentsByRef.put(component.ref(), component);
        String type = component.type() == null ? "" : component.type().toLowerCase(Locale.ROOT);
        if (type.equals("operating-system")) {
            scan.operatingSystem(component.version() == null ? component.name()
                    : component.name() + " " + component.version());
        } else if (!NOT_SOFTWARE.contains(type)) {
            scan.software(component.name(), component.version(), component.publisher());
        }
    }

    void vulnerability(Bom.Vulnerability vulnerability) {
        if (vulnerability.id() == null) {
            scan.warn(vulnerability.where(), "a vulnerability without id was skipped");
            return;
        }
        vulnerabilities.add(vulnerability);
    }

    void emitTo(ReportSink sink) {
        if (subject != null && subject.name() != null) {
            scan.artifact(subject.name(),
                    "container".equalsIgnoreCase(subject.type()) ? AssetType.CONTAINER : AssetType.HOST);
        } else {
            scan.warn(file.toString(), "the BOM has no metadata.component; the asset is named after the file");
            scan.artifact(file.getFileName().toString(), AssetType.UNKNOWN);
        }
        vulnerabilities.forEach(v -> scan.detection(detection(v)));
        scan.emitTo(sink);
    }

    private DetectionObservation detection(Bom.Vulnerability v) {
        var cves = new LinkedHashSet<String>();
        if (AdvisoryIds.isCve(v.id())) cves.add(v.id().toUpperCase(Locale.ROOT));
        v.referenceIds().stream().filter(AdvisoryIds::isCve).map(id -> id.toUpperCase(Locale.ROOT)).forEach(cves::add);

        CvssVectors vectors = CvssVectors.NONE;
        Double score = null;
        Integer severity = null;
        for (Bom.Rating rating : byPreference(v.ratings())) {
            vectors = vectors.offer(vector(rating));
            if (score == null && rating.score() != null && isCvss(rating.method())) score = rating.score();
            Integer level = Severity.fromWord(rating.severity());
            if (level != null && (severity == null || level > severity)) severity = level;
        }
        if (severity == null && score != null) severity = Severity.fromScore(score);

        String state = v.state() == null ? null : v.state().toLowerCase(Locale.ROOT);
        boolean closed = state != null && CLOSED_STATES.contains(state);
        var info = new VulnerabilityInfo(AdvisoryIds.key(v.id(), "cyclonedx"), null, title(v), severity,
                new ArrayList<>(cves), vectors.cvss2(), vectors.cvss3(), vectors.cvss4(), score,
                "resolved".equals(state) ? Boolean.TRUE : null, null);
        return new DetectionObservation(info, Severity.typeOf(severity), closed ? DetectionStatus.FIXED : null,
                null, null, null, null, results(v, state));
    }

    private String results(Bom.Vulnerability v, String state) {
        var lines = new ArrayList<String>();
        for (String ref : v.affects()) {
            Bom.Component c = componentsByRef.get(ref);
            lines.add(c == null || c.name() == null ? ref : c.version() == null ? c.name() : c.name() + " " + c.version());
        }
        if (state != null) {
            var analysis = new StringBuilder("analysis: ").append(state);
            if (v.justification() != null) analysis.append(" (").append(v.justification()).append(')');
            if (v.detail() != null) analysis.append(": ").append(v.detail());
            lines.add(analysis.toString());
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static String title(Bom.Vulnerability v) {
        String description = v.description();
        if (description == null) return v.id();
        int end = description.indexOf(". ");
        String sentence = end > 0 ? description.substring(0, end + 1) : description;
        return sentence.length() > 200 ? sentence.substring(0, 197) + "..." : sentence;
    }

    /** NVD's ratings first, then the others in the order given. */
    private static List<Bom.Rating> byPreference(List<Bom.Rating> ratings) {
        var ordered = new ArrayList<Bom.Rating>();
        ratings.stream().filter(r -> isNvd(r.source())).forEach(ordered::add);
        ratings.stream().filter(r -> !isNvd(r.source())).forEach(ordered::add);
        return ordered;
    }

    private static boolean isNvd(String source) {
        return source != null && source.toLowerCase(Locale.ROOT).contains("nvd");
    }

    private static boolean isCvss(String method) {
        return method == null || method.toUpperCase(Locale.ROOT).startsWith("CVSS");
    }

    /** The rating's vector, with the version prefix its method implies when the vector omits it. */
    private static String vector(Bom.Rating rating) {
        String vector = rating.vector();
        if (vector == null || rating.method() == null || CvssVectors.versionOf(vector) != null) return vector;
        String bare = CvssVectors.normalize(vector);
        return switch (rating.method().toUpperCase(Locale.ROOT)) {
            case "CVSSV3" -> "CVSS:3.0/" + bare;
            case "CVSSV31" -> "CVSS:3.1/" + bare;
            case "CVSSV4", "CVSSV40" -> "CVSS:4.0/" + bare;
            default -> vector;
        };
    }
}
