package io.regalia.store.testing;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Every row of every table as text, to compare a database before and after. */
public final class TableDump {
    private TableDump() {}

    public static String of(Jdbi jdbi, String... except) {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("""
                    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'
                    AND NOT tablename = ANY(:except) ORDER BY 1""").bindArray("except", String.class, (Object[]) except)
                    .mapTo(String.class).list();
            StringBuilder sb = new StringBuilder();
            for (String t : tables) sb.append("== ").append(t).append('\n').append(String.join("\n", rows(jdbi, t))).append('\n');
            return sb.toString();
        });
    }

    public static List<String> rows(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT x::text FROM " + table + " x ORDER BY 1").mapTo(String.class).list());
    }
}
