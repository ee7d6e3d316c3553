package io.regalia.store.intel;

import io.regalia.core.intel.EpssFeed;
import io.regalia.core.intel.EpssScore;
import io.regalia.core.intel.IntelFeed;
import io.regalia.core.intel.KevEntry;
import io.regalia.core.intel.KevFeed;
import io.regalia.core.intel.NvdCve;
import io.regalia.core.intel.NvdFeed;
import io.regalia.store.db.CopyRows;
import io.regalia.store.db.NamedSql;
import io.regalia.store.risk.RiskEngine;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads threat-intel feeds. A load replaces what the previous load of the same feed said, records the
 * feed's own date, and rescores only the vulnerabilities whose CVEs changed.
 */
public final class IntelService {
    private static final NamedSql SQL = NamedSql.load(IntelService.class, "intel.sql");

    private final Jdbi jdbi;
    private final RiskEngine risk;

    public IntelService(Jdbi jdbi, RiskEngine risk) {
        this.jdbi = jdbi;
        this.risk = risk;
    }

    /** What one load did. */
    public record LoadResult(String feed, IntelFeed read, int cvesChanged, int vulnerabilitiesRescored) {}

    public LoadResult loadKev(Function<Consumer<KevEntry>, KevFeed> read) {
        return jdbi.inTransaction(h -> {
            h.execute("CREATE TEMP TABLE stage_kev (id text, date_added date, due date, ransomware boolean, vendor text, product text) ON COMMIT DROP");
            CopyRows rows = new CopyRows(h.getConnection(), "stage_kev", "id, date_added, due, ransomware, vendor, product");
            KevFeed feed = read.apply(e -> rows.row().add(e.cveId()).add(e.dateAdded()).add(e.dueDate()).add(e.ransomware())
                    .add(e.vendorProject()).add(e.product()));
            rows.flush();
            return finish(h, "KEV", feed, feed.catalogVersion(), SQL.get("kev"));
        });
    }

    public LoadResult loadEpss(Function<Consumer<EpssScore>, EpssFeed> read) {
        return jdbi.inTransaction(h -> {
            h.execute("CREATE TEMP TABLE stage_epss (id text, epss double precision, percentile double precision) ON COMMIT DROP");
            CopyRows rows = new CopyRows(h.getConnection(), "stage_epss", "id, epss, percentile");
            EpssFeed feed = read.apply(s -> rows.row().add(s.cveId()).add(s.epss()).add(s.percentile()));
            rows.flush();
            return finish(h, "EPSS", feed, feed.modelVersion(), SQL.get("epss"));
        });
    }

    public LoadResult loadNvd(Function<Consumer<NvdCve>, NvdFeed> read) {
        return jdbi.inTransaction(h -> {
            h.execute("CREATE TEMP TABLE stage_nvd (id text, cvss2 text, cvss3 text, cvss4 text, published date, cwes text[], exploit_ref boolean) ON COMMIT DROP");
            CopyRows rows = new CopyRows(h.getConnection(), "stage_nvd", "id, cvss2, cvss3, cvss4, published, cwes, exploit_ref");
            NvdFeed feed = read.apply(c -> rows.row().add(c.cveId()).add(c.cvss2Vector()).add(c.cvss3Vector()).add(c.cvss4Vector())
                    .add(c.published() == null ? null : c.published().atOffset(ZoneOffset.UTC).toLocalDate())
                    .add(c.cwes()).add(c.exploitReference()));
            rows.flush();
            return finish(h, "NVD", feed, feed.timestamp() == null ? null : feed.timestamp().toString(), SQL.get("nvd"));
        });
    }

    private LoadResult finish(Handle h, String name, IntelFeed feed, String version, String mergeSql) {
        List<String> changed = h.createQuery(mergeSql).mapTo(String.class).list();
        h.createUpdate("""
                INSERT INTO feed (name, feed_date, version, loaded_at, entries) VALUES (:name, :date, :version, now(), :entries)
                ON CONFLICT (name) DO UPDATE SET feed_date = excluded.feed_date, version = excluded.version,
                    loaded_at = excluded.loaded_at, entries = excluded.entries""")
                .bind("name", name).bind("date", feed.feedDate()).bind("version", version).bind("entries", feed.records())
                .execute();
        int rescored = risk.rescoreCves(h, changed);
        return new LoadResult(name, feed, changed.size(), rescored);
    }
}
