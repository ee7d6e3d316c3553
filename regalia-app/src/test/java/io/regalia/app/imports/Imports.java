package io.regalia.app.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regalia.app.Cli;
import io.regalia.store.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The real command line against a test database, and what the database holds afterwards. */
record Imports(TestDatabase db) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Tables an import writes; the import log itself and risk snapshots record every run by design. */
    private static final List<String> STATE = List.of("asset", "asset_identity", "asset_interface", "asset_port",
            "asset_software", "asset_tag", "tag", "detection", "vulnerability", "os_release", "software_product");

    Cli regalia(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.jdbcUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    /** Runs {@code regalia import FILE --json} (plus any options) and returns the summary; fails on a non-zero exit. */
    JsonNode importJson(Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("import", file.toString(), "--json"));
        args.addAll(List.of(options));
        Cli c = regalia(args.toArray(String[]::new));
        assertThat(c.exit()).as(c.err()).isZero();
        return read(c.out());
    }

    JsonNode show(long assetId) {
        Cli c = regalia("asset", "show", String.valueOf(assetId), "--json");
        assertThat(c.exit()).as(c.err()).isZero();
        return read(c.out());
    }

    long assetId(String sqlCondition, Object... args) {
        return db.jdbi().withHandle(h -> {
            var q = h.createQuery("SELECT id FROM asset a WHERE " + sqlCondition);
            for (int i = 0; i < args.length; i++) q.bind(i, args[i]);
            return q.mapTo(Long.class).one();
        });
    }

    /** Row counts and a digest of every row of the tables an import writes: equal means nothing changed. */
    Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> {
            for (String table : STATE) {
                state.put(table, h.createQuery("SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "
                        + table + " t").mapTo(String.class).one());
            }
        });
        return state;
    }

    long count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** Detection statuses by vulnerability key (and port when not 0), for lifecycle assertions. */
    Map<String, String> statuses() {
        Map<String, String> out = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("""
                        SELECT a.name || ' ' || v.key || CASE WHEN d.port = 0 THEN '' ELSE ':' || d.port END, d.status
                        FROM detection d JOIN vulnerability v ON v.id = d.vulnerability_id JOIN asset a ON a.id = d.asset_id
                        ORDER BY 1""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(Imports.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared sample data directory; the calling test is skipped when it is absent. */
    static Path sharedData() {
        Path data = Path.of(System.getProperty("regalia.shared", "../shared")).resolve("data");
        Assumptions.assumeTrue(Files.isDirectory(data.resolve("scanners")), "no sample data at " + data.toAbsolutePath());
        return data;
    }
}
