package io.regalia.ingest.demo;

import io.regalia.core.model.DetectionType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The demo's vulnerability catalog and KEV facts, read from the resources beside this class. */
final class Catalog {
    record Vuln(String key, long qid, String title, int severity, List<String> cves, String cvss3, String appliesTo,
                DetectionType type) {}

    static final List<Vuln> VULNERABILITIES = load();

    private Catalog() {}

    private static List<Vuln> load() {
        List<Vuln> out = new ArrayList<>();
        rows("vulnerabilities.csv", f -> out.add(new Vuln(f[0], Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]),
                f[4].isEmpty() ? List.of() : List.of(f[4].split(";")), f[5].isEmpty() ? null : f[5], f[6],
                DetectionType.valueOf(f[7]))));
        return List.copyOf(out);
    }

    /** Data rows of a resource: comment lines and the header skipped. Fields hold no commas. */
    static void rows(String resource, Consumer<String[]> row) {
        try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                row.accept(line.split(",", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
