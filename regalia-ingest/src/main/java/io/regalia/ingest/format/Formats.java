package io.regalia.ingest.format;

import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.cyclonedx.CycloneDxReader;
import io.regalia.ingest.grype.GrypeReader;
import io.regalia.ingest.inventory.InventoryJsonReader;
import io.regalia.ingest.nessus.NessusReader;
import io.regalia.ingest.openvas.OpenVasReader;
import io.regalia.ingest.qualys.QualysAssetReader;
import io.regalia.ingest.qualys.QualysDetectionReader;
import io.regalia.ingest.qualys.QualysScanReader;
import io.regalia.ingest.report.ReportReader;
import io.regalia.ingest.trivy.TrivyReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every report format by its {@code --format} name, and detection of the format from a file's first bytes. */
public final class Formats {
    private static final int SNIFF = 16 * 1024;
    private static final Pattern XML_ROOT = Pattern.compile("<(?![?!])([A-Za-z_][\\w.:-]*)");
    private static final Map<String, Supplier<ReportReader>> READERS = new LinkedHashMap<>();

    static {
        READERS.put("qualys-detection", QualysDetectionReader::new);
        READERS.put("qualys-scan", QualysScanReader::new);
        READERS.put("qualys-asset", QualysAssetReader::new);
        READERS.put("nessus", NessusReader::new);
        READERS.put("openvas", OpenVasReader::new);
        READERS.put("trivy", TrivyReader::new);
        READERS.put("grype", GrypeReader::new);
        READERS.put("cyclonedx", CycloneDxReader::new);
        READERS.put("inventory", () -> inventory(false));
    }

    private Formats() {}

    public static Set<String> names() { return READERS.keySet(); }

    /** The reader for a format name, as {@code --format} gives it. */
    public static ReportReader byName(String name, Path file) {
        Supplier<ReportReader> reader = READERS.get(name);
        if (reader == null) {
            throw new BadInputException(String.valueOf(file), "unknown format '" + name + "' (expected one of " + String.join(", ", names()) + ")");
        }
        return reader.get();
    }

    /** The inventory reader; with {@code skipInvalid} it skips and reports bad assets instead of failing. */
    public static ReportReader inventory(boolean skipInvalid) {
        InventoryJsonReader reader = new InventoryJsonReader(skipInvalid);
        return new ReportReader() {
            @Override public String format() { return "inventory"; }
            @Override public void read(Path file, ReportSink sink) { reader.read(file, sink); }
        };
    }

    /** Detects the format from the content, never the name. */
    public static ReportReader detect(Path file) {
        String head;
        try (InputStream in = Files.newInputStream(file)) {
            head = new String(in.readNBytes(SNIFF), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read: " + e.getMessage());
        }
        String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
        String trimmed = text.stripLeading();
        String name = null;
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            if (text.contains("\"regalia-inventory/")) name = "inventory";
            else if (text.contains("\"bomFormat\"")) name = "cyclonedx";
            else if (text.contains("\"matches\"") && (text.contains("\"descriptor\"") || text.contains("\"artifact\""))) name = "grype";
            else if (text.contains("\"SchemaVersion\"") || text.contains("\"Results\"") || text.contains("\"Target\"")) name = "trivy";
        } else if (trimmed.startsWith("<")) {
            Matcher m = XML_ROOT.matcher(text);
            String root = m.find() ? m.group(1) : "";
            name = switch (root) {
                case "HOST_LIST_VM_DETECTION_OUTPUT" -> "qualys-detection";
                case "SCAN" -> "qualys-scan";
                case "ASSET_DATA_REPORT" -> "qualys-asset";
                case "NessusClientData_v2" -> "nessus";
                case "report" -> "openvas";
                case "nmaprun" -> "nmap";
                case "bom" -> "cyclonedx";
                default -> null;
            };
        }
        if (name == null || !READERS.containsKey(name)) {
            throw new BadInputException(file.toString(), "unrecognized report format (expected one of " + String.join(", ", names())
                    + "; give --format to choose)");
        }
        return READERS.get(name).get();
    }
}
