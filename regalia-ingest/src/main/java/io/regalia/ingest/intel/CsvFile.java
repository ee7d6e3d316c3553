package io.regalia.ingest.intel;

import io.regalia.core.model.StorableText;
import io.regalia.core.report.BadInputException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV feed with a header row, read record by record with commons-csv, so errors can read
 * {@code file:line: reason} with the line each record starts on (records may span lines inside quotes).
 */
final class CsvFile implements AutoCloseable {
    private static final Pattern LEXER_LINE = Pattern.compile("^\\((?:start)?line (\\d+)\\)\\s*");

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final long headerLine;
    private long line;
    private CSVRecord record;

    CsvFile(Path file, boolean comments) {
        this.file = file;
        CSVFormat.Builder format = CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true)
                .setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true);
        if (comments) format.setCommentMarker('#');
        BufferedReader reader = new BufferedReader(new InputStreamReader(FeedFiles.open(file), StandardCharsets.UTF_8));
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') reader.reset();
            this.parser = CSVParser.builder().setReader(reader).setFormat(format.get()).get();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            try {
                reader.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure(1, e);
        }
        this.headerLine = Math.max(1, parser.getCurrentLineNumber());
        this.records = parser.iterator();
    }

    /** The {@code #…} line before the header, without the marker, or null. */
    String headerComment() {
        return parser.getHeaderComment();
    }

    /** Fails, on the header line, when a column is missing. */
    void requireColumns(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!parser.getHeaderMap().containsKey(name)) missing.add(name);
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(FeedFiles.where(file, headerLine),
                    "missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + " (header has: " + String.join(", ", parser.getHeaderNames()) + ")");
        }
    }

    boolean next() {
        try {
            if (!records.hasNext()) return false;
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw failure(parser.getCurrentLineNumber() + 1, e);
        }
        line = Math.max(1, parser.getCurrentLineNumber() - lineBreaksInside(record));
        return true;
    }

    long line() { return line; }

    /** The parser counts the line a record ends on; quoted values may hold line breaks. */
    private static long lineBreaksInside(CSVRecord record) {
        long breaks = 0;
        for (String value : record.values()) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) breaks++;
            }
        }
        return breaks;
    }

    /** The value of a column in the current record, null when empty; a short record is an error. */
    String get(String column) {
        if (!record.isSet(column)) {
            throw error("expected " + parser.getHeaderNames().size() + " fields, got " + record.size());
        }
        String v = StorableText.of(record.get(column));
        return v == null || v.isEmpty() ? null : v;
    }

    BadInputException error(String reason) {
        return new BadInputException(FeedFiles.where(file, line), reason);
    }

    private RuntimeException failure(long fallbackLine, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof IOException io && !(io instanceof CSVException)
                && !LEXER_LINE.matcher(String.valueOf(io.getMessage())).find()) {
            return FeedFiles.failure(file, io);
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        long at = fallbackLine;
        Matcher m = LEXER_LINE.matcher(message);
        if (m.find()) {
            at = Long.parseLong(m.group(1));
            message = message.substring(m.end());
        }
        return new BadInputException(FeedFiles.where(file, at), "malformed CSV: " + message.replaceAll("\\s*\\R\\s*", " "));
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
