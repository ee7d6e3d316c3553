package io.regalia.ingest.intel;

import io.regalia.core.report.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The threat-intel file formats Regalia reads, recognised from content (never from the file name). */
public enum IntelFormat {
    /** CISA KEV catalog JSON: read with {@link KevReader}. */
    KEV_JSON,
    /** CISA KEV catalog CSV: read with {@link KevReader}. */
    KEV_CSV,
    /** FIRST EPSS scores CSV: read with {@link EpssReader}. */
    EPSS_CSV,
    /** NVD CVE API 2.0 JSON, or a directory of it: read with {@link NvdReader}. */
    NVD_JSON;

    private static final int SNIFF_BYTES = 16 * 1024;

    /**
     * Looks at the first bytes (decompressed when gzip). A directory is taken as NVD files.
     *
     * @throws BadInputException when the content is none of the feeds
     */
    public static IntelFormat detect(Path path) {
        if (Files.isDirectory(path)) return NVD_JSON;
        String head;
        try (InputStream in = FeedFiles.open(path)) {
            head = new String(in.readNBytes(SNIFF_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FeedFiles.failure(path, e);
        }
        head = head.replace("\uFEFF", "").stripLeading();
        if (head.startsWith("{") || head.startsWith("[")) {
            if (head.contains("\"catalogVersion\"") || head.contains("\"cveID\"")) return KEV_JSON;
            if (head.contains("\"vulnerabilities\"") || head.contains("\"cve\"") || head.contains("\"sourceIdentifier\"")
                    || head.contains("\"id\"")) {
                return NVD_JSON;
            }
        } else {
            String firstLine = head.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
            if (firstLine.startsWith("#model_version") || firstLine.startsWith("#score_date")
                    || firstLine.replace("\"", "").startsWith("cve,epss")) {
                return EPSS_CSV;
            }
            if (firstLine.contains("cveid") && firstLine.contains("dateadded")) return KEV_CSV;
        }
        throw new BadInputException(FeedFiles.name(path), "not a KEV (JSON/CSV), EPSS (CSV) or NVD (JSON) file");
    }
}
