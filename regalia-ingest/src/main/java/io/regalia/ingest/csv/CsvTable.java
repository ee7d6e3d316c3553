package io.regalia.ingest.csv;

import io.regalia.core.model.StorableText;
import io.regalia.core.report.BadInputException;
import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV report read row by row: metadata lines before the header row are kept as the preamble, rows with
 * no values are skipped, rows whose width differs from the header are read as far as they go — each
 * with a warning. A last row cut short with no line end is a truncated file, which is bad input.
 */
final class CsvTable implements AutoCloseable {
    /** Metadata lines allowed before the header row; a report whose header is further down is not one. */
    private static final int MAX_PREAMBLE = 200;
    private static final int WIDTH_WARNINGS = 10;
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\((?:startline|line) (\\d+)\\)\\s*");

    record Row(long line, List<String> values) {
        /** The trimmed value at the index, as it can be stored ({@link StorableText}); null when absent or blank. */
        String get(int index) {
            if (index < 0 || index >= values.size()) return null;
            String value = StorableText.of(values.get(index)).trim();
            return value.isEmpty() ? null : value;
        }
    }

    private final Path file;
    private final LastCharReader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<List<String>> preamble = new ArrayList<>();
    private Columns columns;
    private Row lookahead;
    private long emptyRows;
    private long firstEmptyLine;
    private long widthMismatches;
    private boolean replacementWarned;

    private CsvTable(Path file, LastCharReader reader, CSVParser parser) {
        this.file = file;
        this.reader = reader;
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** Opens the file and reads up to its header row, the first row {@code isHeader} accepts. */
    static CsvTable open(Path file, Predicate<List<String>> isHeader, String expectedHeader) {
        CsvTable table;
        try {
            var bytes = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
            var reader = new LastCharReader(new InputStreamReader(bytes, decoder));
            var format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrailingData(true).get();
            table = new CsvTable(file, reader, CSVParser.builder().setReader(reader).setFormat(format).get());
        } catch (IOException e) {
            throw new BadInputException(file.toString(), "cannot read the file (" + e.getMessage() + ")");
        }
        try {
            table.findHeader(isHeader, expectedHeader);
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
        return table;
    }

    private void findHeader(Predicate<List<String>> isHeader, String expectedHeader) {
        for (int i = 0; i <= MAX_PREAMBLE; i++) {
            Row row = read();
            if (row == null) break;
            if (isHeader.test(row.values())) {
                columns = new Columns(row.values());
                lookahead = read();
                return;
            }
            preamble.add(row.values());
        }
        throw new BadInputException(file.toString(), "no header row found (expected a row with " + expectedHeader + ")");
    }

    /** The rows before the header, for report metadata such as the scan date. */
    List<List<String>> preamble() { return preamble; }

    Columns columns() { return columns; }

    /** The next data row, or null at the end; warnings about odd rows go to {@code sink}. */
    Row next(ReportSink sink) {
        while (lookahead != null) {
            Row row = lookahead;
            lookahead = read();
            if (isBlankLine(row)) continue;
            if (row.values().stream().allMatch(String::isBlank)) {
                if (emptyRows++ == 0) firstEmptyLine = row.line();
                continue;
            }
            checkWidth(row, sink);
            if (!replacementWarned && row.values().stream().anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
                replacementWarned = true;
                sink.accept(new ReportEvent.Warning(where(row), "bytes that are not valid UTF-8 were replaced by \uFFFD"));
            }
            return row;
        }
        finish(sink);
        return null;
    }

    private void checkWidth(Row row, ReportSink sink) {
        int width = row.values().size();
        if (width == columns.size()) return;
        if (lookahead == null && width < columns.size() && !reader.endedWithLineBreak()) {
            throw new BadInputException(where(row), "the file is truncated: its last row has " + width + " of "
                    + columns.size() + " columns and no line end");
        }
        if (widthMismatches++ < WIDTH_WARNINGS) {
            sink.accept(new ReportEvent.Warning(where(row), "row has " + width + " values but the header has "
                    + columns.size() + " columns; " + (width > columns.size()
                    ? "extra values ignored" : "missing values read as empty")));
        }
    }

    private void finish(ReportSink sink) {
        if (widthMismatches > WIDTH_WARNINGS) {
            sink.accept(new ReportEvent.Warning(file.toString(), (widthMismatches - WIDTH_WARNINGS)
                    + " more rows whose number of values differs from the header"));
        }
        if (emptyRows > 0) {
            sink.accept(new ReportEvent.Warning(file + ":" + firstEmptyLine, emptyRows
                    + (emptyRows == 1 ? " row with no values was" : " rows with no values were") + " skipped"));
            emptyRows = 0;
        }
        widthMismatches = 0;
    }

    String where(Row row) { return file + ":" + row.line(); }

    private Row read() {
        long before = parser.getCurrentLineNumber();
        try {
            if (!records.hasNext()) return null;
            return new Row(before + 1, records.next().toList());
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause(), before + 1);
        }
    }

    private BadInputException malformed(IOException e, long line) {
        String message = e.getMessage() == null ? "malformed CSV" : e.getMessage();
        Matcher at = LINE_IN_MESSAGE.matcher(message);
        if (at.find()) {
            line = Long.parseLong(at.group(1));
            message = at.replaceFirst("");
        }
        if (message.contains("EOF reached before encapsulated token finished")) {
            message = "the file is truncated: a quoted value is not closed before the end of the file";
        }
        return new BadInputException(file + ":" + line, message.replaceAll("\\s+", " ").trim());
    }

    private static boolean isBlankLine(Row row) {
        return row.values().size() == 1 && row.values().get(0).isEmpty();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers the last character read, to tell a file cut mid-row from one whose last row is short. */
    private static final class LastCharReader extends FilterReader {
        private int last = -1;

        LastCharReader(Reader in) { super(in); }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) last = c;
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) last = buffer[offset + n - 1];
            return n;
        }

        boolean endedWithLineBreak() { return last == '\n' || last == '\r'; }
    }
}
