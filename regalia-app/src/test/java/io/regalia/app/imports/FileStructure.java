package io.regalia.app.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a sample file with general-purpose parsers (DOM and XPath, Jackson, Commons CSV), independently of
 * Regalia's readers, and tallies what an import of it must report.
 */
final class FileStructure {
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private FileStructure() {}

    static Document xml(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // Some samples declare a DTD on a remote server: never fetch it, never expand entities.
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    static List<Element> elements(Node context, String xpath) {
        try {
            NodeList nodes = (NodeList) XPATH.evaluate(xpath, context, XPathConstants.NODESET);
            List<Element> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) out.add((Element) nodes.item(i));
            return out;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    /** The trimmed string value of the expression; null when empty. */
    static String text(Node context, String xpath) {
        try {
            String s = ((String) XPATH.evaluate(xpath, context, XPathConstants.STRING)).strip();
            return s.isEmpty() ? null : s;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return Imports.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows after the first row that contains {@code headerCell}, as column → value (metadata lines above skipped). */
    static List<Map<String, String>> csv(Path file, String headerCell) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.DEFAULT).get()) {
            List<String> header = null;
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                List<String> values = record.toList();
                if (header == null) {
                    if (values.stream().map(v -> v.replace("\uFEFF", "").strip()).anyMatch(headerCell::equals)) {
                        header = values.stream().map(v -> v.replace("\uFEFF", "").strip()).toList();
                    }
                    continue;
                }
                if (values.stream().allMatch(String::isBlank)) continue;
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size() && i < values.size(); i++) row.put(header.get(i), values.get(i).strip());
                rows.add(row);
            }
            if (header == null) throw new IllegalStateException(file + " has no header with " + headerCell);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What an import into an empty database must report: distinct hosts, detections and vulnerabilities. */
    static final class Tally {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> vulnerabilities = new LinkedHashSet<>();
        final Set<String> detections = new LinkedHashSet<>();
        final Map<String, Long> byType = zeros("CONFIRMED", "POTENTIAL", "INFO");
        final Map<String, Long> byStatus = zeros("NEW", "ACTIVE", "REOPENED", "FIXED");

        Tally host(String host) {
            hosts.add(host);
            return this;
        }

        /** One finding; a second one with the same host, vulnerability and port is the same detection. */
        Tally detection(String host, String vulnerability, Object port, String type, String status) {
            hosts.add(host);
            vulnerabilities.add(vulnerability);
            if (detections.add(host + " " + vulnerability + " " + (port == null ? "0" : port))) {
                byType.merge(type, 1L, Long::sum);
                byStatus.merge(status == null ? "NEW" : status, 1L, Long::sum);
            }
            return this;
        }

        private static Map<String, Long> zeros(String... keys) {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String k : keys) m.put(k, 0L);
            return m;
        }
    }
}
