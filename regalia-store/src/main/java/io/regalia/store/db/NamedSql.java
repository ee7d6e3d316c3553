package io.regalia.store.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Statements kept in a {@code .sql} resource beside the class that runs them, each introduced by a line
 * {@code -- name: x}. A file without names is one statement named after the file.
 */
public final class NamedSql {
    private final Map<String, String> statements;

    private NamedSql(Map<String, String> statements) { this.statements = statements; }

    public static NamedSql load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing SQL resource " + resource + " beside " + owner.getName());
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> map = new LinkedHashMap<>();
            String name = resource;
            StringBuilder current = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("-- name:")) {
                    if (!current.toString().isBlank()) map.put(name, current.toString().strip());
                    name = line.substring("-- name:".length()).strip();
                    current.setLength(0);
                } else {
                    current.append(line).append('\n');
                }
            }
            if (!current.toString().isBlank()) map.put(name, current.toString().strip());
            return new NamedSql(Map.copyOf(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String get(String name) {
        String sql = statements.get(name);
        if (sql == null) throw new IllegalStateException("no SQL statement named " + name);
        // Without its final semicolon a statement can also be embedded in another one.
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }
}
