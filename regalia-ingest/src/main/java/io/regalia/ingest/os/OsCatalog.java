package io.regalia.ingest.os;

import io.regalia.core.model.Lifecycle;
import io.regalia.core.model.LifecycleStage;
import io.regalia.core.model.OperatingSystem;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.report.Rfc3339;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Classifies OS strings as scanners report them ("Windows 2008 R2 Enterprise Service Pack 1",
 * "Ubuntu 22.04.3 LTS", "centos 7.9.2009") against a catalog of releases with their support dates.
 * The built-in catalog is the resource {@code os-catalog.csv} beside this class; a user file in the same
 * format adds releases and overrides built-in ones of the same name, and is consulted first.
 *
 * <p>Lifecycle stage on a day: EOL once past the end-of-life date, EOS once past the end of standard
 * support but not of life, GA otherwise. A release past both is EOL; a query for {@code EOL/EOS}
 * matches either stage.
 */
public final class OsCatalog {
    private static final String HEADER = "match,name,version,publisher,category1,category2,ga,eos,eol";
    private static final Set<String> RELEASE_COLUMNS = Set.of(HEADER.split(","));
    private static final Set<String> FAMILY_COLUMNS = Set.of("match", "publisher", "category1", "category2");

    private record Release(Pattern match, String name, String version, String publisher, String category1,
                           String category2, LocalDate ga, LocalDate eos, LocalDate eol) {}

    private record Family(Pattern match, String publisher, String category1, String category2) {}

    private record Row(String where, CSVRecord values) {
        String get(String column) { return values.get(column); }
    }

    private static final OsCatalog BUILT_IN = new OsCatalog(
            builtInReleases(), families(resource("os-families.csv"), "os-families.csv"));

    private final List<Release> releases;
    private final List<Family> families;

    private OsCatalog(List<Release> releases, List<Family> families) {
        this.releases = List.copyOf(releases);
        this.families = List.copyOf(families);
    }

    public static OsCatalog builtIn() { return BUILT_IN; }

    /**
     * The built-in catalog extended by a user file with the columns
     * {@value #HEADER} (lines starting with {@code #} are comments). Its rows are matched before the
     * built-in ones, and a built-in release with the same name as a user row is dropped.
     */
    public static OsCatalog withUserFile(Path file) throws BadInputException {
        List<Release> user;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            user = releases(reader, file.toString());
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the OS catalog (" + e.getMessage() + ")");
        }
        var names = user.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        var merged = new ArrayList<>(user);
        BUILT_IN.releases.stream().filter(r -> !names.contains(r.name().toLowerCase(java.util.Locale.ROOT))).forEach(merged::add);
        return new OsCatalog(merged, BUILT_IN.families);
    }

    /**
     * The OS an OS string names, as of {@code today}: {@code name} is the string as reported (trimmed),
     * the rest comes from the catalog. An unknown release gets its family from keywords and no version
     * or lifecycle; an unknown family leaves the categories null. Null only for a blank string.
     */
    public OperatingSystem classify(String osString, LocalDate today) {
        if (osString == null || osString.isBlank()) return null;
        String name = osString.trim().replaceAll("\\s+", " ");
        for (Release r : releases) {
            if (r.match().matcher(name).find()) {
                return new OperatingSystem(name, r.version(), r.publisher(), r.category1(), r.category2(),
                        new Lifecycle(stage(r, today), r.eol(), r.eos()));
            }
        }
        for (Family f : families) {
            if (f.match().matcher(name).find()) {
                return new OperatingSystem(name, null, f.publisher(), f.category1(), f.category2(), null);
            }
        }
        return new OperatingSystem(name, null, null, null, null, null);
    }

    private static LifecycleStage stage(Release r, LocalDate today) {
        if (r.eol() != null && today.isAfter(r.eol())) return LifecycleStage.EOL;
        if (r.eos() != null && today.isAfter(r.eos())) return LifecycleStage.EOS;
        return LifecycleStage.GA;
    }

    private static List<Release> builtInReleases() {
        try (Reader reader = resource("os-catalog.csv")) {
            return releases(reader, "os-catalog.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Release> releases(Reader reader, String source) {
        var releases = new ArrayList<Release>();
        for (Row row : rows(reader, source, RELEASE_COLUMNS)) {
            String where = row.where();
            releases.add(new Release(pattern(row.get("match"), where), required(row, "name", where),
                    blankToNull(row.get("version")), blankToNull(row.get("publisher")),
                    blankToNull(row.get("category1")), blankToNull(row.get("category2")),
                    date(row.get("ga"), where), date(row.get("eos"), where), date(row.get("eol"), where)));
        }
        return releases;
    }

    private static List<Family> families(Reader reader, String source) {
        var families = new ArrayList<Family>();
        try (reader) {
            for (Row row : rows(reader, source, FAMILY_COLUMNS)) {
                String where = row.where();
                families.add(new Family(pattern(row.get("match"), where), blankToNull(row.get("publisher")),
                        blankToNull(row.get("category1")), blankToNull(row.get("category2"))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return families;
    }

    private static List<Row> rows(Reader reader, String source, Set<String> columns) {
        var format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try {
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get();
            if (!parser.getHeaderMap().keySet().containsAll(columns)) {
                throw new BadInputException(source + ":1", "expected the columns " + String.join(",", columns));
            }
            var rows = new ArrayList<Row>();
            for (CSVRecord row : parser) {
                String where = source + ":" + parser.getCurrentLineNumber();
                if (!row.isConsistent()) {
                    throw new BadInputException(where, "expected " + parser.getHeaderMap().size() + " values, got " + row.size());
                }
                rows.add(new Row(where, row));
            }
            return rows;
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(source, "malformed CSV (" + e.getMessage() + ")");
        }
    }

    private static Pattern pattern(String regex, String where) {
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new BadInputException(where, "invalid match pattern: " + e.getDescription());
        }
    }

    private static LocalDate date(String text, String where) {
        if (text == null || text.isBlank()) return null;
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new BadInputException(where, "\"" + text + "\" is not a date (expected yyyy-mm-dd)");
        }
        if (!Rfc3339.inRange(date)) {
            throw new BadInputException(where, "\"" + text + "\" is outside the " + Rfc3339.RANGE);
        }
        return date;
    }

    private static String required(Row row, String column, String where) {
        String value = blankToNull(row.get(column));
        if (value == null) throw new BadInputException(where, "the column " + column + " is empty");
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Reader resource(String name) {
        InputStream in = OsCatalog.class.getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("missing resource " + name);
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
