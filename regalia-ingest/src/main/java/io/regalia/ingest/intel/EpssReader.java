package io.regalia.ingest.intel;

import io.regalia.core.intel.EpssFeed;
import io.regalia.core.intel.EpssScore;
import io.regalia.core.report.BadInputException;
import io.regalia.ingest.report.Rfc3339;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a FIRST EPSS scores file ({@code epss_scores-YYYY-MM-DD.csv}, plain or gzip, recognised by content): a
 * {@code #model_version:…,score_date:…} line, then {@code cve,epss,percentile} rows. Rows stream to the consumer,
 * so a full 300 MB file reads in constant memory.
 */
public final class EpssReader {
    private static final Pattern LEADING_DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern NAME_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern CVE_ID = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private EpssReader() {}

    /**
     * Delivers every score to {@code scores} in file order. The feed date is the score_date of the comment line;
     * files from before EPSS added that line take it from a YYYY-MM-DD in the file name.
     *
     * @throws BadInputException naming file:line of the first bad row (non-numeric or out-of-range value,
     *                           missing column, malformed CSV)
     */
    public static EpssFeed read(Path file, Consumer<? super EpssScore> scores) {
        try (CsvFile csv = new CsvFile(file, true)) {
            String modelVersion = null;
            LocalDate scoreDate = null;
            String comment = csv.headerComment();
            if (comment != null) {
                for (String part : comment.split(",")) {
                    int colon = part.indexOf(':');
                    if (colon < 0) continue;
                    String key = part.substring(0, colon).trim();
                    String value = part.substring(colon + 1).trim();
                    if (key.equals("model_version")) modelVersion = value.isEmpty() ? null : value;
                    if (key.equals("score_date")) scoreDate = scoreDate(file, value);
                }
            }
            csv.requireColumns("cve", "epss", "percentile");
            if (scoreDate == null) scoreDate = dateFromName(file);
            long count = 0;
            while (csv.next()) {
                String cve = csv.get("cve");
                if (cve == null || !CVE_ID.matcher(cve.toUpperCase()).matches()) {
                    throw csv.error("cve: expected a CVE id like CVE-2021-44228, got \"" + (cve == null ? "" : cve) + "\"");
                }
                scores.accept(new EpssScore(cve.toUpperCase(), probability(csv, "epss"), probability(csv, "percentile")));
                count++;
            }
            return new EpssFeed(modelVersion, scoreDate, count);
        }
    }

    private static double probability(CsvFile csv, String column) {
        String s = csv.get(column);
        double v;
        try {
            v = s == null ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0.0 && v <= 1.0)) {
            throw csv.error(column + ": expected a number 0-1, got \"" + (s == null ? "" : s) + "\"");
        }
        return v;
    }

    /** score_date is written as an instant, with "Z" or "+0000"; its UTC date is what counts. */
    private static LocalDate scoreDate(Path file, String value) {
        Matcher m = LEADING_DATE.matcher(value);
        try {
            if (m.find()) {
                LocalDate date = LocalDate.parse(m.group(1));
                if (Rfc3339.inRange(date)) return date;
            }
        } catch (DateTimeParseException ignored) {
            // reported below with the rest
        }
        throw new BadInputException(FeedFiles.where(file, 1), "score_date: expected a date, got \"" + value + "\"");
    }

    private static LocalDate dateFromName(Path file) {
        Path name = file.getFileName();
        Matcher m = NAME_DATE.matcher(name == null ? "" : name.toString());
        if (m.find()) {
            try {
                LocalDate date = LocalDate.parse(m.group(1));
                if (Rfc3339.inRange(date)) return date;
            } catch (DateTimeParseException ignored) {
                // fall through to the error
            }
        }
        throw new BadInputException(FeedFiles.where(file, 1),
                "no \"#model_version:…,score_date:…\" line and no YYYY-MM-DD in the file name: cannot date the scores");
    }
}
