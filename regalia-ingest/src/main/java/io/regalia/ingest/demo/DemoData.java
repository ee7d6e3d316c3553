package io.regalia.ingest.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the CSV tables shipped beside this class; a malformed row is a bug in the shipped data. */
final class DemoData {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private DemoData() {}

    static <T> List<T> read(String resource, Function<CSVRecord, T> row) {
        try (InputStream in = DemoData.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing demo resource " + resource);
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                List<T> out = new ArrayList<>();
                for (CSVRecord r : FORMAT.parse(reader)) {
                    try {
                        out.add(row.apply(r));
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(resource + ":" + (r.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                    }
                }
                return List.copyOf(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
