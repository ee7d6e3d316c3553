package io.regalia.ingest.csv;

import io.regalia.core.report.ReportEvent;
import io.regalia.core.report.ReportSink;
import io.regalia.ingest.report.Rfc3339;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads typed cells of one table; a column whose values cannot be used (a CVSS score of 75, a date in
 * an unknown shape) is reported once, with the first line it happened on, and its values are ignored.
 */
final class CellReader {
    private final CsvTable table;
    private final ReportSink sink;
    private final Set<Integer> reported = new HashSet<>();

    CellReader(CsvTable table, ReportSink sink) {
        this.table = table;
        this.sink = sink;
    }

    /** The first non-blank value among the columns. */
    String text(CsvTable.Row row, int... columns) {
        for (int column : columns) {
            String value = row.get(column);
            if (value != null && !value.equals("-") && !value.equals("'-")) return value;
        }
        return null;
    }

    /** A CVSS base score 0–10, or null. */
    Double score(CsvTable.Row row, int column) {
        String cell = text(row, column);
        Double value = CsvValues.leadingNumber(cell);
        if (cell == null) return null;
        if (value == null || value < 0 || value > 10) {
            report(row, column, "\"" + cell + "\" is not a CVSS score 0–10");
            return null;
        }
        return value;
    }

    /** An EPSS probability; a percentage (0–100) is read as one too. */
    Double epss(CsvTable.Row row, int column) {
        String cell = text(row, column);
        if (cell == null) return null;
        Double value = CsvValues.leadingNumber(cell);
        if (value != null && cell.trim().endsWith("%")) value = value / 100;
        if (value != null && value > 1 && value <= 100 && cell.contains(".")) value = value / 100;
        if (value == null || value < 0 || value > 1) {
            report(row, column, "\"" + cell + "\" is not an EPSS probability 0–1");
            return null;
        }
        return value;
    }

    Instant instant(CsvTable.Row row, int column, ZoneId zone) {
        String cell = text(row, column);
        if (cell == null) return null;
        Instant value = CsvValues.instant(cell, zone);
        if (value == null) {
            report(row, column, "\"" + cell + "\" is not a date Regalia knows");
        } else if (!Rfc3339.inRange(value)) {
            report(row, column, "\"" + cell + "\" is outside the " + Rfc3339.RANGE);
            return null;
        }
        return value;
    }

    private void report(CsvTable.Row row, int column, String problem) {
        if (!reported.add(column)) return;
        sink.accept(new ReportEvent.Warning(table.where(row), problem + " in column \"" + table.columns().name(column)
                + "\"; unusable values of this column are ignored"));
    }
}
