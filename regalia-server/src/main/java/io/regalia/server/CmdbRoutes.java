package io.regalia.server;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.regalia.store.cmdb.SyncRun;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON API over CMDB syncs. */
final class CmdbRoutes {
    private final RegaliaServer.Services services;

    CmdbRoutes(RegaliaServer.Services services) { this.services = services; }

    /** The last recorded sync: time, outcome, and its report or error. */
    void lastSync(Context ctx) {
        SyncRun run = services.cmdb() == null ? null : services.cmdb().lastRun().orElse(null);
        if (run == null) throw new NotFoundResponse("no CMDB sync has run yet");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", run.id());
        doc.put("source", run.source());
        doc.put("startedAt", run.startedAt());
        doc.put("finishedAt", run.finishedAt());
        doc.put("outcome", run.outcome());
        doc.put("error", run.error());
        doc.put("report", run.report());
        ctx.json(doc);
    }
}
