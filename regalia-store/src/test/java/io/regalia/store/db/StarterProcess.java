package io.regalia.store.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A Regalia process that starts the embedded server, commits a row, says READY and waits to be killed:
 * run in a child JVM by {@link EmbeddedDatabaseTest}.
 */
public final class StarterProcess {
    private StarterProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.open(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), null);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE written_by_child (note text)");
            s.execute("INSERT INTO written_by_child VALUES ('committed before the kill')");
        }
        System.out.println("READY " + db.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
