package io.regalia.store.db;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which PostgreSQL Regalia uses: the embedded one in a data directory, or an external server (14 or newer).
 */
public sealed interface DatabaseLocation permits DatabaseLocation.Embedded, DatabaseLocation.External {
    /** Data directory used when neither {@code --db} nor {@value #ENV} is given, relative to the working directory. */
    Path DEFAULT_DATA_DIR = Path.of("regalia-data");
    String ENV = "REGALIA_DB_URL";
    String FLAG = "--db";

    record Embedded(Path dataDir) implements DatabaseLocation {
    }

    /** {@code postgresql://user:password@host:port/db} or {@code jdbc:postgresql://…}; validated on creation. */
    record External(String url) implements DatabaseLocation {
        public External {
            PostgresUrl.parse(url, "database URL");
        }

        @Override
        public String toString() {
            return "External[" + PostgresUrl.redact(url) + "]";
        }
    }

    /**
     * The flag value if given, else {@value #ENV} from {@code env}, else the embedded server in
     * {@link #DEFAULT_DATA_DIR}. A value that is a URL names an external server; any other value is taken as
     * the data directory of the embedded one.
     *
     * @param dbFlag value of {@code --db}, or null when absent
     * @throws io.regalia.core.report.BadInputException if the URL is not a PostgreSQL URL
     */
    static DatabaseLocation resolve(String dbFlag, Map<String, String> env) {
        if (dbFlag != null && !dbFlag.isBlank()) {
            return of(dbFlag.strip(), FLAG);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return of(fromEnv.strip(), ENV);
        }
        return new Embedded(DEFAULT_DATA_DIR);
    }

    private static DatabaseLocation of(String value, String where) {
        if (PostgresUrl.looksLikeUrl(value)) {
            PostgresUrl.parse(value, where);
            return new External(value);
        }
        return new Embedded(Path.of(value));
    }
}
