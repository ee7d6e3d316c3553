package io.regalia.ingest.cmdb;

import io.regalia.core.model.IpAddresses;
import io.regalia.core.cmdb.BusinessApplication;
import io.regalia.core.cmdb.CmdbRelation;
import io.regalia.core.cmdb.CmdbSnapshot;
import io.regalia.core.cmdb.ConfigurationItem;
import io.regalia.core.report.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CMDB's content as a CSV file, for shops without ServiceNow: one row per application and host.
 *
 * <p>Columns (header names case-insensitive, in any order, others ignored): {@code application}
 * (required), {@code criticality} (e.g. {@code 1 - most critical}), {@code owner}, and the host as any of
 * {@code hostname}, {@code fqdn}, {@code ip} and {@code serial_number} (at least one of these columns). A
 * row without a host declares an application with no servers. An application's criticality and owner may
 * be given on any of its rows but must not contradict each other.
 */
public final class CmdbCsvReader {
    public static final String ORIGIN = "CMDB CSV";
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("application", "application"), Map.entry("business_application", "application"),
            Map.entry("criticality", "criticality"), Map.entry("business_criticality", "criticality"),
            Map.entry("busines_criticality", "criticality"), Map.entry("owner", "owner"), Map.entry("owned_by", "owner"),
            Map.entry("hostname", "hostname"), Map.entry("host", "hostname"), Map.entry("name", "hostname"),
            Map.entry("fqdn", "fqdn"), Map.entry("ip", "ip"), Map.entry("ip_address", "ip"),
            Map.entry("serial_number", "serial"), Map.entry("serial", "serial"));
    private static final List<String> HOST_COLUMNS = List.of("hostname", "fqdn", "ip", "serial");

    private final Path file;
    private final Map<String, Integer> columns = new HashMap<>();
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<List<String>, ConfigurationItem> items = new LinkedHashMap<>();
    private final Set<CmdbRelation> relations = new LinkedHashSet<>();

    private CmdbCsvReader(Path file) {
        this.file = file;
    }

    /** Reads the whole file; a bad row is a {@link BadInputException} naming file:line:column. */
    public static CmdbSnapshot read(Path file) {
        return new CmdbCsvReader(file).readAll();
    }

    private static final class App {
        final String name;
        final long line;
        String criticality;
        String owner;

        App(String name, long line) {
            this.name = name;
            this.line = line;
        }
    }

    private CmdbSnapshot readAll() {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
        long line = 1;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(skipBom(reader)).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            boolean header = true;
            while (true) {
                line = parser.getCurrentLineNumber() + 1; // read before hasNext(), which parses the next record
                if (!records.hasNext()) break;
                CSVRecord record = records.next();
                if (record.size() == 1 && record.get(0).isBlank()) continue;
                if (header) {
                    header(record, line);
                    header = false;
                } else {
                    row(record, line);
                }
            }
            if (header) throw new BadInputException(file.toString(), "the file is empty; expected a header row such as "
                    + "application,criticality,owner,hostname,fqdn,ip");
        } catch (CharacterCodingException e) {
            throw new BadInputException(file.toString(), "not UTF-8 text");
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CharacterCodingException) throw new BadInputException(file.toString(), "not UTF-8 text");
            throw new BadInputException(file + ":" + line, "cannot read the CSV (" + cause.getMessage() + ")");
        }
        List<BusinessApplication> applications = apps.values().stream()
                .map(a -> new BusinessApplication(appId(a.name), a.name, a.criticality, a.owner)).toList();
        return new CmdbSnapshot(ORIGIN, applications, List.copyOf(items.values()), List.copyOf(relations));
    }

    private static BufferedReader skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset();
        return reader;
    }

    private void header(CSVRecord record, long line) {
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).strip().toLowerCase(Locale.ROOT).replace(' ', '_');
            String column = ALIASES.get(name);
            if (column == null) continue;
            if (columns.putIfAbsent(column, i) != null) {
                throw new BadInputException(file + ":" + line + ":" + (i + 1), "column '" + record.get(i).strip() + "' repeats " + column);
            }
        }
        if (!columns.containsKey("application")) {
            throw new BadInputException(file + ":" + line, "the header has no 'application' column");
        }
        if (HOST_COLUMNS.stream().noneMatch(columns::containsKey)) {
            throw new BadInputException(file + ":" + line, "the header needs a host column: hostname, fqdn, ip or serial_number");
        }
    }

    private void row(CSVRecord record, long line) {
        String name = value(record, "application");
        if (name == null) throw new BadInputException(where(line, "application"), "no application name");
        App app = apps.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new App(name, line));
        app.criticality = agree(app, "criticality", app.criticality, value(record, "criticality"), line);
        app.owner = agree(app, "owner", app.owner, value(record, "owner"), line);

        String hostname = value(record, "hostname");
        String fqdn = value(record, "fqdn");
        String ip = value(record, "ip");
        String serial = value(record, "serial");
        if (hostname == null && fqdn == null && ip == null && serial == null) return;
        if (ip != null && !IpAddresses.isLiteral(ip)) throw new BadInputException(where(line, "ip"), "not an IP address: '" + ip + "'");
        List<String> key = java.util.Arrays.asList(lower(hostname), lower(fqdn), ip, serial);
        ConfigurationItem item = items.computeIfAbsent(key,
                k -> new ConfigurationItem("csv:" + line, hostname, fqdn, ip, serial, null, null));
        relations.add(new CmdbRelation(appId(app.name), item.sysId(), null));
    }

    private String agree(App app, String column, String known, String given, long line) {
        if (given == null) return known;
        if (known != null && !normalize(known).equals(normalize(given))) {
            throw new BadInputException(where(line, column), "application '" + app.name + "' has " + column + " '" + known
                    + "' on an earlier row (line " + app.line + " or later), here '" + given + "'");
        }
        return known != null ? known : given;
    }

    private String value(CSVRecord record, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= record.size()) return null;
        String v = record.get(index).strip();
        return v.isEmpty() ? null : v;
    }

    private String where(long line, String column) {
        return file + ":" + line + ":" + (columns.get(column) + 1);
    }

    private static String appId(String name) {
        return "csv:" + name.toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
