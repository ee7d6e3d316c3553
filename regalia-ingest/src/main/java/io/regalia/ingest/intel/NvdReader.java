package io.regalia.ingest.intel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regalia.core.intel.NvdCve;
import io.regalia.core.intel.NvdFeed;
import io.regalia.core.report.BadInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads NVD CVE API 2.0 JSON: a full response or feed file ({@code {"timestamp":…,"vulnerabilities":[{"cve":…}]}}),
 * a bare page (an array of {@code {"cve":…}}), a single {@code {"cve":…}} or a single CVE object (as the NVD
 * JSON data-feed repositories store them), or a directory tree of such {@code .json}/{@code .json.gz} files.
 * Each CVE is built from its own subtree only, so response files of any size stream.
 */
public final class NvdReader {
    private NvdReader() {}

    /**
     * Delivers every CVE to {@code cves}; files of a directory are read in path order.
     *
     * @throws BadInputException naming file:line:column of the CVE and the JSON path of the bad value
     */
    public static NvdFeed read(Path fileOrDirectory, Consumer<? super NvdCve> cves) {
        Totals totals = new Totals();
        if (Files.isDirectory(fileOrDirectory)) {
            List<Path> files = jsonFiles(fileOrDirectory);
            if (files.isEmpty()) throw new BadInputException(FeedFiles.name(fileOrDirectory), "no .json files in this directory");
            for (Path file : files) readFile(file, cves, totals);
        } else {
            readFile(fileOrDirectory, cves, totals);
        }
        if (totals.timestamp != null) {
            return new NvdFeed(totals.timestamp, LocalDate.ofInstant(totals.timestamp, ZoneOffset.UTC), false, totals.count);
        }
        LocalDate inferred = totals.newestModified == null ? null : LocalDate.ofInstant(totals.newestModified, ZoneOffset.UTC);
        return new NvdFeed(null, inferred, true, totals.count);
    }

    private static final class Totals {
        Instant timestamp;
        Instant newestModified;
        long count;

        void accept(NvdCve cve, Consumer<? super NvdCve> cves) {
            if (cve.lastModified() != null && (newestModified == null || cve.lastModified().isAfter(newestModified))) {
                newestModified = cve.lastModified();
            }
            cves.accept(cve);
            count++;
        }
    }

    private static List<Path> jsonFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".json") || n.endsWith(".json.gz");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readFile(Path file, Consumer<? super NvdCve> cves, Totals totals) {
        try (JsonParser p = FeedFiles.jsonParser(file)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                page(file, p, "", cves, totals);
            } else if (first == JsonToken.START_OBJECT) {
                object(file, p, cves, totals);
            } else {
                throw new BadInputException(FeedFiles.where(file, p.currentTokenLocation()),
                        "expected an NVD CVE API 2.0 JSON object or array");
            }
            if (p.nextToken() != null) {
                throw new BadInputException(FeedFiles.where(file, p.currentTokenLocation()), "unexpected content after the document");
            }
        } catch (IOException e) {
            throw FeedFiles.failure(file, e);
        }
    }

    /** A top-level object: a response (streams its vulnerabilities) or one CVE record (small: kept whole). */
    private static void object(Path file, JsonParser p, Consumer<? super NvdCve> cves, Totals totals) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        boolean response = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("vulnerabilities") && p.currentToken() == JsonToken.START_ARRAY) {
                response = true;
                page(file, p, "vulnerabilities", cves, totals);
            } else {
                rest.set(field, p.readValueAsTree());
            }
        }
        JsonItem top = new JsonItem(file, start, rest, "");
        if (response) {
            Instant timestamp = top.instant("timestamp", false);
            if (timestamp != null && (totals.timestamp == null || timestamp.isAfter(totals.timestamp))) {
                totals.timestamp = timestamp;
            }
        } else if (rest.has("cve")) {
            totals.accept(cve(top.child("cve")), cves);
        } else if (rest.has("id")) {
            totals.accept(cve(top), cves);
        } else {
            throw new BadInputException(FeedFiles.where(file, start),
                    "not NVD CVE API 2.0 JSON: no \"vulnerabilities\", \"cve\" or \"id\"");
        }
    }

    private static void page(Path file, JsonParser p, String path, Consumer<? super NvdCve> cves, Totals totals)
            throws IOException {
        int index = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = p.currentTokenLocation();
            JsonItem item = new JsonItem(file, at, p.readValueAsTree(), path + "[" + index++ + "]");
            if (!item.isObject()) throw item.error("", "expected an object");
            if (item.node().has("cve")) {
                totals.accept(cve(item.child("cve")), cves);
            } else {
                totals.accept(cve(item), cves);
            }
        }
    }

    private static NvdCve cve(JsonItem item) {
        if (!item.isObject()) throw item.error("", "expected an object");
        String id = item.cveId("id");
        JsonNode metrics = item.node().path("metrics");
        return new NvdCve(id, item.instant("published", false), item.instant("lastModified", false),
                vector(metrics.path("cvssMetricV2")),
                firstNonNull(vector(metrics.path("cvssMetricV31")), vector(metrics.path("cvssMetricV30"))),
                vector(metrics.path("cvssMetricV40")),
                cwes(item.node().path("weaknesses")),
                exploitReference(item.node().path("references")),
                description(item.node().path("descriptions")));
    }

    /** The vector of the Primary source's metric, else of the first metric that has one. */
    private static String vector(JsonNode metrics) {
        String fallback = null;
        for (JsonNode metric : metrics) {
            JsonNode v = metric.path("cvssData").path("vectorString");
            if (!v.isTextual() || v.asText().isBlank()) continue;
            if ("Primary".equalsIgnoreCase(metric.path("type").asText())) return v.asText().trim();
            if (fallback == null) fallback = v.asText().trim();
        }
        return fallback;
    }

    private static List<String> cwes(JsonNode weaknesses) {
        Set<String> primary = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (JsonNode weakness : weaknesses) {
            Set<String> into = "Primary".equalsIgnoreCase(weakness.path("type").asText()) ? primary : others;
            for (JsonNode d : weakness.path("description")) {
                String value = d.path("value").asText("").trim();
                if (!value.isEmpty()) into.add(value);
            }
        }
        List<String> all = new ArrayList<>(primary);
        for (String cwe : others) if (!primary.contains(cwe)) all.add(cwe);
        return all;
    }

    private static boolean exploitReference(JsonNode references) {
        for (JsonNode reference : references) {
            for (JsonNode tag : reference.path("tags")) {
                if ("Exploit".equalsIgnoreCase(tag.asText())) return true;
            }
        }
        return false;
    }

    private static String description(JsonNode descriptions) {
        String first = null;
        for (JsonNode d : descriptions) {
            JsonNode value = d.path("value");
            if (!value.isTextual()) continue;
            if ("en".equalsIgnoreCase(d.path("lang").asText())) return value.asText();
            if (first == null) first = value.asText();
        }
        return first;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
