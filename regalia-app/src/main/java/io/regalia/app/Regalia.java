package io.regalia.app;

import io.regalia.store.asset.AssetQueries;
import io.regalia.store.cmdb.CmdbSync;
import io.regalia.store.cmdb.CriticalityMappings;
import io.regalia.store.db.Database;
import io.regalia.store.db.DatabaseLocation;
import io.regalia.store.intel.IntelService;
import io.regalia.store.inventory.ExportService;
import io.regalia.store.inventory.ImportService;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import io.regalia.store.user.UserStore;
import io.regalia.store.tag.TagService;
import java.time.Clock;

/** The composition root: one database, and every service wired to it. */
public final class Regalia implements AutoCloseable {
    private final Database database;
    private final RiskEngine risk;
    private final ImportService imports;
    private final TagService tags;
    private final AssetQueries assets;
    private final IntelService intel;
    private final ExportService export;
    private final RiskRollups rollups;
    private final UserStore users;
    private final CmdbSync cmdb;
    private final CriticalityMappings criticalityMappings;
    private final Clock clock;

    private Regalia(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.risk = new RiskEngine(database.jdbi(), clock);
        this.imports = new ImportService(database.jdbi(), risk, clock);
        this.tags = new TagService(database.jdbi(), risk, clock);
        this.assets = new AssetQueries(database.jdbi());
        this.intel = new IntelService(database.jdbi(), risk);
        this.export = new ExportService(database.jdbi());
        this.rollups = new RiskRollups(database.jdbi());
        this.users = new UserStore(database.jdbi());
        this.cmdb = new CmdbSync(database.jdbi(), risk, clock);
        this.criticalityMappings = new CriticalityMappings(database.jdbi(), risk);
    }

    public static Regalia open(DatabaseLocation location) {
        return new Regalia(Database.open(location), Clock.systemUTC());
    }

    public static Regalia on(Database database) {
        return new Regalia(database, Clock.systemUTC());
    }

    public Database database() { return database; }
    public RiskEngine risk() { return risk; }
    public ImportService imports() { return imports; }
    public TagService tags() { return tags; }
    public AssetQueries assets() { return assets; }
    public IntelService intel() { return intel; }
    public ExportService export() { return export; }
    public RiskRollups rollups() { return rollups; }
    public UserStore users() { return users; }
    public CmdbSync cmdb() { return cmdb; }
    public CriticalityMappings criticalityMappings() { return criticalityMappings; }
    public Clock clock() { return clock; }

    @Override
    public void close() {
        database.close();
    }
}
