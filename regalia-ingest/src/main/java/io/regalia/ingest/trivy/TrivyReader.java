package io.regalia.ingest.trivy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.regalia.core.model.AssetType;
import io.regalia.core.model.DetectionObservation;
import io.regalia.core.model.DetectionStatus;
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
import java.util.Set;
import java.util.regex.Pattern;

import static io.regalia.ingest.json.JsonTrees.array;
import static io.regalia.ingest.json.JsonTrees.instant;
import static io.regalia.ingest.json.JsonTrees.number;
import static io.regalia.ingest.json.JsonTrees.text;

/**
 * Reads a Trivy JSON report. The scanned artifact ({@code ArtifactName}) is the asset: a CONTAINER for
 * images, a HOST for filesystem, rootfs and VM scans. Each vulnerable package of each result is a
 * detection keyed by its advisory ({@code cve:…}, {@code ghsa:…}); a vulnerability found in several
 * packages is one detection whose results list every package. Status {@code not_affected} (from VEX)
 * is reported as FIXED so that it never counts as open; {@code fixed} only means a fix exists.
 */
public final class TrivyReader implements ReportReader {
    private static final Pattern OS_TARGET = Pattern.compile("(.+?) \\(([^()]+)\\)");
    /** Statuses that say the installed version stays vulnerable with no fix to install. */
    private static final Set<String> NO_FIX = Set.of("affected", "will_not_fix", "fix_deferred", "end_of_life");

    @Override
    public String format() { return "trivy"; }

    @Override
    public void read(Path file, ReportSink sink) throws BadInputException {
        var scan = new ArtifactScan(format(), "Trivy");
        try (var json = JsonStream.open(file)) {
            JsonToken root = json.root();
            if (root == JsonToken.START_ARRAY) {
                readLegacy(json, scan);
            } else {
                readSchema2(json, scan);
            }
            json.end();
        }
        if (!scan.hasArtifact()) {
            scan.warn(file.toString(), "the report names no artifact; the asset is named after the file");
            scan.artifact(file.getFileName().toString(), AssetType.UNKNOWN);
        }
        scan.emitTo(sink);
    }

    private void readSchema2(JsonStream json, ArtifactScan scan) {
        json.expect(JsonToken.START_OBJECT, "a Trivy report object");
        var artifact = new Object() {
            String name;
            String type;
        };
        json.fields(field -> {
            switch (field) {
                case "SchemaVersion" -> {
                    String where = json.where();
                    String version = json.text();
                    if (!"2".equals(version)) {
                        scan.warn(where, "SchemaVersion " + version + " is not 2; read as version 2");
                    }
                }
                case "CreatedAt" -> scan.scannedAt(instant(json.text()));
                case "ArtifactName" -> artifact.name = json.text();
                case "ArtifactType" -> artifact.type = json.text();
                case "Metadata" -> {
                    JsonNode metadata = json.tree();
                    String family = text(metadata, "OS", "Family");
                    String name = text(metadata, "OS", "Name");
                    if (family != null || name != null) {
                        scan.operatingSystem(family == null ? name : name == null ? family : family + " " + name);
                    }
                }
                case "Results" -> {
                    if (json.current() == JsonToken.VALUE_NULL) return;
                    json.elements(i -> readResult(json, scan));
                }
                default -> json.skip();
            }
        });
        if (artifact.name != null) scan.artifact(artifact.name, assetType(artifact.type));
    }

    /** Before SchemaVersion 2 Trivy wrote the results alone; an image's OS result names it "image (os version)". */
    private void readLegacy(JsonStream json, ArtifactScan scan) {
        json.elements(i -> {
            String where = json.where();
            JsonNode result = readResult(json, scan);
            String target = text(result, "Target");
            var osTarget = target == null ? null : OS_TARGET.matcher(target);
            if (!scan.hasArtifact() && osTarget != null && osTarget.matches()) {
                scan.artifact(osTarget.group(1), AssetType.CONTAINER);
                scan.operatingSystem(osTarget.group(2));
            } else if (target == null) {
                scan.warn(where, "a result without Target");
            }
        });
    }

    private JsonNode readResult(JsonStream json, ArtifactScan scan) {
        String path = json.path();
        String where = json.where();
        JsonNode result = json.tree();
        if (!result.isObject()) throw json.error("expected a result object");
        String target = text(result, "Target");
        var vulnerabilities = array(result, "Vulnerabilities");
        for (int i = 0; i < vulnerabilities.size(); i++) {
            JsonNode vulnerability = vulnerabilities.get(i);
            String id = text(vulnerability, "VulnerabilityID");
            if (id == null) {
                scan.warn(where, "a vulnerability without VulnerabilityID was skipped at " + path + ".Vulnerabilities[" + i + "]");
                continue;
            }
            scan.software(text(vulnerability, "PkgName"), text(vulnerability, "InstalledVersion"), null);
            scan.detection(detection(id, vulnerability, target));
        }
        for (JsonNode pkg : array(result, "Packages")) {
            scan.software(text(pkg, "Name"), text(pkg, "Version"), null);
        }
        return result;
    }

    private static DetectionObservation detection(String id, JsonNode v, String target) {
        var cves = AdvisoryIds.isCve(id) ? List.of(id) : List.<String>of();
        Integer severity = Severity.fromWord(text(v, "Severity"));
        String status = text(v, "Status");
        String fixedVersion = text(v, "FixedVersion");
        Boolean patchAvailable = fixedVersion != null ? Boolean.TRUE
                : status != null && NO_FIX.contains(status) ? Boolean.FALSE : null;

        CvssVectors vectors = CvssVectors.NONE;
        Double score = null;
        for (JsonNode source : cvssSources(v)) {
            vectors = vectors.offer(text(source, "V2Vector")).offer(text(source, "V3Vector")).offer(text(source, "V40Vector"));
            if (score == null) score = firstNonNull(number(source, "V40Score"), number(source, "V3Score"), number(source, "V2Score"));
        }
        String title = text(v, "Title");
        var info = new VulnerabilityInfo(AdvisoryIds.key(id, "trivy"), null, title == null ? id : title, severity, cves,
                vectors.cvss2(), vectors.cvss3(), vectors.cvss4(), score, patchAvailable, null);
        return new DetectionObservation(info, Severity.typeOf(severity),
                "not_affected".equals(status) ? DetectionStatus.FIXED : null, null, null, null, null,
                results(v, target, fixedVersion, status));
    }

    /** CVSS entries in order of preference: NVD, then the source Trivy took the severity from, then the rest. */
    private static List<JsonNode> cvssSources(JsonNode v) {
        JsonNode cvss = v.get("CVSS");
        if (cvss == null || !cvss.isObject()) return List.of();
        var names = new LinkedHashSet<String>();
        names.add("nvd");
        String severitySource = text(v, "SeveritySource");
        if (severitySource != null) names.add(severitySource);
        cvss.fieldNames().forEachRemaining(names::add);
        var sources = new ArrayList<JsonNode>();
        for (String name : names) {
            if (cvss.get(name) != null) sources.add(cvss.get(name));
        }
        return sources;
    }

    private static String results(JsonNode v, String target, String fixedVersion, String status) {
        var line = new StringBuilder();
        if (target != null) line.append(target).append(": ");
        line.append(text(v, "PkgName") == null ? "?" : text(v, "PkgName"));
        if (text(v, "InstalledVersion") != null) line.append(' ').append(text(v, "InstalledVersion"));
        if (text(v, "PkgPath") != null) line.append(" at ").append(text(v, "PkgPath"));
        if (fixedVersion != null) line.append(", fixed in ").append(fixedVersion);
        if (status != null) line.append(", status ").append(status);
        return line.toString();
    }

    private static AssetType assetType(String artifactType) {
        if (artifactType == null) return AssetType.UNKNOWN;
        return switch (artifactType) {
            case "container_image" -> AssetType.CONTAINER;
            case "filesystem", "rootfs", "vm" -> AssetType.HOST;
            default -> AssetType.UNKNOWN;
        };
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) if (value != null) return value;
        return null;
    }
}
