/**
 * Where Regalia's PostgreSQL lives and how the store connects to it: {@link io.regalia.store.db.Database}
 * (pool, migrations, Jdbi), {@link io.regalia.store.db.DatabaseLocation} (embedded data directory or
 * external URL) and {@link io.regalia.store.db.EmbeddedDatabase} (the private server in a data directory).
 */
package io.regalia.store.db;
