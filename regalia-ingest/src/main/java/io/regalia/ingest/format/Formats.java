package io.regalia.ingest.format;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.csv.NessusCsvReader;
import io.regalia.ingest.csv.OpenVasCsvReader;
import io.regalia.ingest.csv.QualysCsvReader;
import io.regalia.ingest.report.ReportReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a report's format from its content, never its name, reading only its first {@value #SNIFF_BYTES}
 * bytes: the XML root element, the first top-level JSON keys, or a CSV header row (which may follow
 * metadata lines). {@code --format} overrides detection by name.
 */
public final class Formats {
    /** Every format name {@code --format} accepts, as the ingestion spec lists them. */
    public static final List<String> NAMES = List.of("qualys-detection", "qualys-scan", "qualys-asset",
            "qualys-csv", "nessus", "nessus-csv", "openvas", "openvas-csv", "trivy", "grype", "cyclonedx", "nmap",
            "inventory");

    static final int SNIFF_BYTES = 16 * 1024;
    private static final int CSV_ROWS = 250;

    private static final Map<String, String> XML_ROOTS = Map.of(
            "HOST_LIST_VM_DETECTION_OUTPUT", "qualys-detection",
            "SCAN", "qualys-scan",
            "ASSET_DATA_REPORT", "qualys-asset",
            "NessusClientData_v2", "nessus",
            "report", "openvas",
            "get_reports_response", "openvas",
            "nmaprun", "nmap",
            "bom", "cyclonedx");

    private static final JsonFactory JSON = new JsonFactory();

    private Formats() {}

    /** The reader for the file's detected format, from the readers this module ships. */
    public static ReportReader detect(Path file) throws BadInputException {
        return detect(file, null, ReportReaders.builtIn());
    }

    /** The reader {@code format} names when given (the {@code --format} option), else the detected one's. */
    public static ReportReader detect(Path file, String format) throws BadInputException {
        return detect(file, format, ReportReaders.builtIn());
    }

    public static ReportReader detect(Path file, String format, ReportReaders readers) throws BadInputException {
        if (format != null) return readers.reader(format.trim().toLowerCase(Locale.ROOT));
        String detected = detectFormat(file);
        if (!readers.has(detected)) {
            throw new BadInputException(file.toString(), "detected format " + detected
                    + ", but this build has no reader for it");
        }
        return readers.reader(detected);
    }

    /** The name of the file's format (one of {@link #NAMES}); bad input when it is none of them. */
    public static String detectFormat(Path file) throws BadInputException {
        String text = head(file);
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) throw new BadInputException(file.toString(), "the file is empty");
        Optional<String> format = switch (trimmed.charAt(0)) {
            case '<' -> xmlFormat(text);
            case '{' -> jsonObjectFormat(trimmed);
            case '[' -> jsonArrayFormat(trimmed);
            default -> csvFormat(text);
        };
        return format.orElseThrow(() -> new BadInputException(file.toString(),
                "unrecognized report format (expected one of " + String.join(", ", NAMES) + ")"));
    }

    private static String head(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(SNIFF_BYTES);
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            // The head may end inside a multi-byte character: replace rather than fail.
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, bytes.length))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root element's name decides; the DOCTYPE is read but never followed. */
    private static Optional<String> xmlFormat(String head) {
        XMLInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(head));
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT) {
                    return Optional.ofNullable(XML_ROOTS.get(xml.getLocalName()));
                }
            }
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The first top-level key that belongs to one format decides; nested values are skipped. */
    private static Optional<String> jsonObjectFormat(String head) {
        try (JsonParser json = JSON.createParser(head)) {
            json.nextToken();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                JsonToken value = json.nextToken();
                switch (key) {
                    case "SchemaVersion", "ArtifactName", "ArtifactType", "Results" -> {
                        return Optional.of("trivy");
                    }
                    case "matches" -> {
                        return Optional.of("grype");
                    }
                    case "bomFormat" -> {
                        if (value == JsonToken.VALUE_STRING && "CycloneDX".equalsIgnoreCase(json.getText())) {
                            return Optional.of("cyclonedx");
                        }
                    }
                    case "$schema" -> {
                        if (value == JsonToken.VALUE_STRING && json.getText().toLowerCase(Locale.ROOT).contains("cyclonedx")) {
                            return Optional.of("cyclonedx");
                        }
                    }
                    case "format" -> {
                        if (value == JsonToken.VALUE_STRING && json.getText().startsWith("regalia-inventory/")) {
                            return Optional.of("inventory");
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        } catch (IOException e) {
            // The head ended inside a value: what was seen did not decide.
        }
        return Optional.empty();
    }

    /** Trivy before SchemaVersion 2 wrote a bare list of results, each with a Target. */
    private static Optional<String> jsonArrayFormat(String head) {
        try (JsonParser json = JSON.createParser(head)) {
            json.nextToken();
            if (json.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String key = json.currentName();
                json.nextToken();
                if (key.equals("Target")) return Optional.of("trivy");
                json.skipChildren();
            }
        } catch (IOException e) {
            // undecided
        }
        return Optional.empty();
    }

    /** The first row that is a known header decides; metadata lines before it are passed over. */
    private static Optional<String> csvFormat(String head) {
        try (CSVParser csv = CSVParser.builder().setReader(new StringReader(head))
                .setFormat(CSVFormat.DEFAULT.builder().setTrailingData(true).get()).get()) {
            int rows = 0;
            for (CSVRecord record : csv) {
                List<String> row = record.toList();
                if (OpenVasCsvReader.recognizes(row)) return Optional.of("openvas-csv");
                if (NessusCsvReader.recognizes(row)) return Optional.of("nessus-csv");
                if (QualysCsvReader.recognizes(row)) return Optional.of("qualys-csv");
                if (++rows >= CSV_ROWS) break;
            }
        } catch (IOException | UncheckedIOException e) {
            // The head ended inside a quoted value, or this is not CSV.
        }
        return Optional.empty();
    }

    /** The inventory reader as a report reader; with {@code skipInvalid} bad assets are skipped and reported. */
    public static ReportReader inventory(boolean skipInvalid) {
        io.regalia.ingest.inventory.InventoryJsonReader reader = new io.regalia.ingest.inventory.InventoryJsonReader(skipInvalid);
        return new ReportReader() {
            @Override public String format() { return "inventory"; }
            @Override public void read(Path file, io.regalia.core.report.ReportSink sink) { reader.read(file, sink); }
        };
    }
}
