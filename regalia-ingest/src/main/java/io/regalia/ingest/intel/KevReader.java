package io.regalia.ingest.intel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regalia.core.intel.KevEntry;
import io.regalia.core.intel.KevFeed;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.report.Rfc3339;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Reads the CISA Known Exploited Vulnerabilities catalog, as JSON ({@code known_exploited_vulnerabilities.json})
 * or CSV, told apart by content; either may be gzip-compressed. Entries stream to the consumer one by one.
 */
public final class KevReader {
    private static final String[] CSV_COLUMNS =
            {"cveID", "vendorProject", "product", "dateAdded", "dueDate", "knownRansomwareCampaignUse"};

    private KevReader() {}

    /**
     * Delivers every entry of the catalog to {@code entries} in file order and returns what the load was.
     * The JSON's feed date is its dateReleased; the CSV carries no release date, so its feed date is the newest
     * dateAdded, flagged {@link KevFeed#feedDateInferred()}.
     *
     * @throws BadInputException naming file:line[:column] (and the JSON path) of the first bad value
     */
    public static KevFeed read(Path file, Consumer<? super KevEntry> entries) {
        return FeedFiles.firstChar(file) == '{' ? readJson(file, entries) : readCsv(file, entries);
    }

    private static KevFeed readJson(Path file, Consumer<? super KevEntry> entries) {
        String version = null;
        Instant released = null;
        LocalDate newest = null;
        long count = 0;
        boolean sawEntries = false;
        try (JsonParser p = FeedFiles.jsonParser(file)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadInputException(FeedFiles.where(file, p.currentTokenLocation()),
                        "expected the KEV catalog object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                JsonLocation at = p.currentTokenLocation();
                switch (field) {
                    case "catalogVersion" -> version = scalar(file, at, p, field).text(field);
                    case "dateReleased" -> released = scalar(file, at, p, field).instant(field, false);
                    case "vulnerabilities" -> {
                        if (p.currentToken() != JsonToken.START_ARRAY) {
                            throw new BadInputException(FeedFiles.where(file, at), "vulnerabilities: expected an array");
                        }
                        sawEntries = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            JsonLocation start = p.currentTokenLocation();
                            JsonNode node = p.readValueAsTree();
                            JsonItem item = new JsonItem(file, start, node, "vulnerabilities[" + count + "]");
                            if (!item.isObject()) throw item.error("", "expected an object");
                            KevEntry entry = entry(item);
                            newest = later(newest, entry.dateAdded());
                            entries.accept(entry);
                            count++;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadInputException(FeedFiles.where(file, p.currentTokenLocation()), "unexpected content after the catalog");
            }
        } catch (IOException e) {
            throw FeedFiles.failure(file, e);
        }
        if (!sawEntries) throw new BadInputException(FeedFiles.name(file), "no \"vulnerabilities\" array: not a KEV catalog");
        if (released != null) {
            return new KevFeed(version, released, LocalDate.ofInstant(released, ZoneOffset.UTC), false, count);
        }
        return new KevFeed(version, null, newest, true, count);
    }

    private static JsonItem scalar(Path file, JsonLocation at, JsonParser p, String field) throws IOException {
        ObjectNode holder = JsonNodeFactory.instance.objectNode();
        holder.set(field, p.readValueAsTree());
        return new JsonItem(file, at, holder, "");
    }

    private static KevEntry entry(JsonItem item) {
        String cve = item.cveId("cveID");
        String ransomware = item.text("knownRansomwareCampaignUse");
        Boolean known = ransomware(ransomware);
        if (known == null) {
            throw item.error("knownRansomwareCampaignUse", "expected Known or Unknown, got \"" + ransomware + "\"");
        }
        return new KevEntry(cve, item.text("vendorProject"), item.text("product"),
                item.date("dateAdded", true), item.date("dueDate", false), known);
    }

    private static KevFeed readCsv(Path file, Consumer<? super KevEntry> entries) {
        LocalDate newest = null;
        long count = 0;
        try (CsvFile csv = new CsvFile(file, false)) {
            csv.requireColumns(CSV_COLUMNS);
            while (csv.next()) {
                KevEntry entry = csvEntry(csv);
                newest = later(newest, entry.dateAdded());
                entries.accept(entry);
                count++;
            }
        }
        return new KevFeed(null, null, newest, true, count);
    }

    private static KevEntry csvEntry(CsvFile csv) {
        String cve = csv.get("cveID");
        if (cve == null || !cve.toUpperCase().matches("CVE-\\d{4}-\\d{4,}")) {
            throw csv.error("cveID: expected a CVE id like CVE-2021-44228, got \"" + (cve == null ? "" : cve) + "\"");
        }
        String ransomware = csv.get("knownRansomwareCampaignUse");
        Boolean known = ransomware(ransomware);
        if (known == null) {
            throw csv.error("knownRansomwareCampaignUse: expected Known or Unknown, got \"" + ransomware + "\"");
        }
        LocalDate added = csvDate(csv, "dateAdded");
        if (added == null) throw csv.error("dateAdded: missing");
        return new KevEntry(cve.toUpperCase(), csv.get("vendorProject"), csv.get("product"), added,
                csvDate(csv, "dueDate"), known);
    }

    private static LocalDate csvDate(CsvFile csv, String column) {
        String s = csv.get(column);
        if (s == null) return null;
        LocalDate date;
        try {
            date = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw csv.error(column + ": expected a date YYYY-MM-DD, got \"" + s + "\"");
        }
        if (!Rfc3339.inRange(date)) {
            throw csv.error(column + ": expected a date in the " + Rfc3339.RANGE + ", got \"" + s + "\"");
        }
        return date;
    }

    /** "Known" → true, "Unknown" or blank → false, anything else → null. */
    private static Boolean ransomware(String value) {
        if (value == null || value.equalsIgnoreCase("unknown")) return false;
        if (value.equalsIgnoreCase("known")) return true;
        return null;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) return b;
        return b != null && b.isAfter(a) ? b : a;
    }
}
