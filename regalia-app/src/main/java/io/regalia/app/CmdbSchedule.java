package io.regalia.app;

import io.regalia.core.report.BadInputException;
import io.regalia.ingest.cmdb.ServiceNowClient;
import io.regalia.store.cmdb.CmdbSync;
import io.regalia.store.cmdb.SyncOptions;
import io.regalia.store.cmdb.SyncReport;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Syncs the CMDB now and then every period on a thread of its own; each outcome is recorded by the sync itself. */
public final class CmdbSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CmdbSchedule.class);
    private final ScheduledExecutorService executor;

    private CmdbSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static CmdbSchedule start(CmdbSync cmdb, ServiceNowClient client, String source, Duration every, boolean createMissing) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regalia-cmdb-sync");
            t.setDaemon(true);
            return t;
        });
        SyncOptions options = new SyncOptions(false, createMissing, "cmdb:schedule");
        executor.scheduleWithFixedDelay(() -> {
            try {
                SyncReport r = cmdb.run(source, client::fetch, options);
                LOG.info("CMDB sync from {}: {} tags created, {} deleted, {} memberships changed, {} ACS changes, {} unmatched",
                        source, r.tagsCreated().size(), r.tagsDeleted().size(), r.memberships().size(), r.acsChanges().size(),
                        r.unmatched().size());
            } catch (BadInputException e) {
                LOG.warn("CMDB sync from {} failed, nothing changed: {}", source, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("CMDB sync from {} failed, nothing changed", source, e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return new CmdbSchedule(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
