package io.regalia.ingest.grype;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.ExploitMaturity;
import io.regalia.core.model.ThreatHints;
import io.regalia.core.model.VulnerabilityInfo;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.artifact.ArtifactScan;
import io.regalia.ingest.json.JsonStream;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.vulnerability.AdvisoryIds;
import io.regalia.ingest.vulnerability.CvssVectors;
import io.regalia.ingest.vulnerability.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import static io.regalia.ingest.json.JsonTrees.array;
import static io.regalia.ingest.json.JsonTrees.instant;
import static io.regalia.ingest.json.JsonTrees.number;
import static io.regalia.ingest.json.JsonTrees.text;

/**
 * Reads a Grype JSON report. The scanned source is the asset (an image is a CONTAINER, a directory or
 * file a HOST); each match is a vulnerable artifact. Grype repeats a vulnerability once per matching
 * package and sometimes twice for the same package: these become one detection per vulnerability whose
 * results list every package and path. CVSS vectors prefer NVD's, EPSS takes the highest score given,
 * and a vulnerability Grype marks as known exploited is weaponized.
 */
public final class GrypeReader implements ReportReader {
    @Override
    public String format() { return "grype"; }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        var scan = new ArtifactScan(format(), "Grype");
        try (var json = JsonStream.open(file)) {
            json.root();
            json.expect(JsonToken.START_OBJECT, "a Grype report object");
            json.fields(field -> {
                switch (field) {
                    case "matches" -> {
                        if (json.current() == JsonToken.VALUE_NULL) return;
                        json.elements(i -> readMatch(json, scan));
                    }
                    case "source" -> readSource(json.tree(), scan);
                    case "distro" -> {
                        JsonNode distro = json.tree();
                        String name = text(distro, "name");
                        String version = text(distro, "version");
                        if (name != null) scan.operatingSystem(version == null ? name : name + " " + version);
                    }
                    case "descriptor" -> scan.scannedAt(instant(json.tree(), "timestamp"));
                    default -> json.skip();
                }
            });
            json.end();
        }
        if (!scan.hasArtifact()) {
            scan.warn(file.toString(), "the report names no source; the asset is named after the file");
            scan.artifact(file.getFileName().toString(), AssetType.UNKNOWN);
        }
        scan.emitTo(sink);
    }

    private static void readSource(JsonNode source, ArtifactScan scan) {
        String type = text(source, "type");
        JsonNode target = source.get("target");
        String name;
        if (target != null && target.isObject()) {
            name = text(target, "userInput");
            if (name == null) name = array(target, "tags").stream().map(JsonNode::asText).findFirst().orElse(null);
            if (name == null) name = text(target, "imageID");
            if (name == null) name = text(target, "path");
        } else {
            name = text(source, "target");
        }
        if (name == null) return;
        AssetType assetType = type == null ? AssetType.UNKNOWN : switch (type.toLowerCase(Locale.ROOT)) {
            case "image" -> AssetType.CONTAINER;
            case "directory", "file" -> AssetType.HOST;
            default -> AssetType.UNKNOWN;
        };
        scan.artifact(name, assetType);
    }

    private static void readMatch(JsonStream json, ArtifactScan scan) {
        String where = json.where();
        String path = json.path();
        JsonNode match = json.tree();
        JsonNode vulnerability = match.get("vulnerability");
        String id = text(vulnerability, "id");
        if (id == null) {
            scan.warn(where, "a match without vulnerability id was skipped at " + path);
            return;
        }
        JsonNode artifact = match.get("artifact");
        scan.software(text(artifact, "name"), text(artifact, "version"), null);
        scan.detection(detection(id, vulnerability, array(match, "relatedVulnerabilities"), artifact));
    }

    private static DetectionObservation detection(String id, JsonNode vulnerability, List<JsonNode> related,
                                                  JsonNode artifact) {
        var cves = new LinkedHashSet<String>();
        if (AdvisoryIds.isCve(id)) cves.add(id);
        for (JsonNode r : related) {
            String relatedId = text(r, "id");
            if (AdvisoryIds.isCve(relatedId)) cves.add(relatedId);
        }

        var all = new ArrayList<JsonNode>();
        all.add(vulnerability);
        all.addAll(related);
        Integer severity = Severity.fromWord(text(vulnerability, "severity"));
        if (severity == null) {
            severity = related.stream().map(r -> Severity.fromWord(text(r, "severity")))
                    .filter(s -> s != null).findFirst().orElse(null);
        }
        CvssVectors vectors = CvssVectors.NONE;
        Double score = null;
        for (JsonNode described : byPreference(all)) {
            for (JsonNode cvss : array(described, "cvss")) {
                vectors = vectors.offer(text(cvss, "vector"));
                if (score == null) score = number(cvss, "metrics", "baseScore");
            }
        }
        Double epss = null;
        boolean knownExploited = false;
        for (JsonNode described : all) {
            for (JsonNode e : array(described, "epss")) {
                Double value = number(e, "epss");
                if (value != null && (epss == null || value > epss)) epss = value;
            }
            knownExploited |= !array(described, "knownExploited").isEmpty();
        }
        var hints = new ThreatHints(knownExploited ? ExploitMaturity.WEAPONIZED : null, false, epss);

        String fixState = text(vulnerability, "fix", "state");
        Boolean patchAvailable = fixState == null ? null : switch (fixState) {
            case "fixed" -> Boolean.TRUE;
            case "not-fixed", "wont-fix" -> Boolean.FALSE;
            default -> null;
        };
        String title = related.stream().map(r -> text(r, "description")).filter(d -> d != null).findFirst()
                .orElse(text(vulnerability, "description"));
        var info = new VulnerabilityInfo(AdvisoryIds.key(id, "grype"), null, title == null ? id : firstSentence(title),
                severity, new ArrayList<>(cves), vectors.cvss2(), vectors.cvss3(), vectors.cvss4(), score,
                patchAvailable, hints);
        return new DetectionObservation(info, Severity.typeOf(severity), null, null, null, null, null,
                results(artifact, vulnerability));
    }

    /** NVD's description first, then the matched record's, then the other related records'. */
    private static List<JsonNode> byPreference(List<JsonNode> described) {
        var ordered = new ArrayList<JsonNode>();
        described.stream().filter(d -> isNvd(text(d, "namespace"))).forEach(ordered::add);
        described.stream().filter(d -> !isNvd(text(d, "namespace"))).forEach(ordered::add);
        return ordered;
    }

    private static boolean isNvd(String namespace) {
        return namespace != null && namespace.toLowerCase(Locale.ROOT).startsWith("nvd");
    }

    private static String results(JsonNode artifact, JsonNode vulnerability) {
        var line = new StringBuilder();
        line.append(text(artifact, "name") == null ? "?" : text(artifact, "name"));
        if (text(artifact, "version") != null) line.append(' ').append(text(artifact, "version"));
        if (text(artifact, "type") != null) line.append(" (").append(text(artifact, "type")).append(')');
        var paths = array(artifact, "locations").stream().map(l -> text(l, "path")).filter(p -> p != null).toList();
        if (!paths.isEmpty()) line.append(" at ").append(String.join(", ", paths));
        var fixes = array(vulnerability, "fix", "versions").stream().map(JsonNode::asText).toList();
        if (!fixes.isEmpty()) line.append(", fixed in ").append(String.join(", ", fixes));
        return line.toString();
    }

    /** Grype carries descriptions, not titles: the first sentence serves as one. */
    private static String firstSentence(String description) {
        int end = description.indexOf(". ");
        String sentence = end > 0 ? description.substring(0, end + 1) : description;
        return sentence.length() > 200 ? sentence.substring(0, 197) + "..." : sentence;
    }
}
