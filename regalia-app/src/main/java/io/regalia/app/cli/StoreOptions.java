package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.store.db.DatabaseLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the data lives: the embedded PostgreSQL in a data directory, or an external one by URL. */
final class StoreOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:REGALIA_DATA_DIR:-regalia-data}",
            description = "Data directory of the embedded PostgreSQL (default: ${DEFAULT-VALUE}; env REGALIA_DATA_DIR).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL",
            description = "External PostgreSQL 14+ (jdbc:postgresql://… or postgresql://…); env REGALIA_DB_URL.")
    String db;

    DatabaseLocation location() {
        String url = db != null ? db : System.getenv("REGALIA_DB_URL");
        return url == null || url.isBlank() ? new DatabaseLocation.Embedded(dataDir) : new DatabaseLocation.External(url);
    }

    Regalia open() {
        return Regalia.open(location());
    }
}
