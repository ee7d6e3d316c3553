package io.regalia.server;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.regalia.core.report.BadInputException;
import io.regalia.store.asset.AssetView;
import java.util.Map;

/** JSON API over assets and their risk. */
final class AssetRoutes {
    private final RegaliaServer.Services services;

    AssetRoutes(RegaliaServer.Services services) { this.services = services; }

    void list(Context ctx) {
        int limit = intParam(ctx, "limit", 100, 1, 10_000);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Map.of("assets", services.assets().list(null, limit, offset), "total", services.assets().count()));
    }

    void show(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadInputException("id", "asset id must be a number, got '" + ctx.pathParam("id") + "'");
        }
        var detail = services.assets().show(id).orElseThrow(() -> new NotFoundResponse("no asset with id " + id));
        ctx.json(AssetView.of(detail, services.risk().explain(id)));
    }

    void organization(Context ctx) {
        ctx.json(services.rollups().organization());
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) return fallback;
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(name, "expected a whole number " + min + "-" + max + ", got '" + raw + "'");
        }
    }
}
