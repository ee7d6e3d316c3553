package io.regalia.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.regalia.core.report.BadInputException;
import io.regalia.store.asset.AssetQueries;
import io.regalia.store.cmdb.CmdbSync;
import io.regalia.store.risk.RiskEngine;
import io.regalia.store.risk.RiskRollups;
import io.regalia.store.user.UserStore;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** All HTTP wiring in one place: routes, authentication, and the mapping of errors to responses. */
public final class RegaliaServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegaliaServer.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The services the server calls; {@code cmdb} may be null (no CMDB sync routes then answer 404). */
    public record Services(AssetQueries assets, RiskEngine risk, RiskRollups rollups, UserStore users, CmdbSync cmdb) {
        public Services(AssetQueries assets, RiskEngine risk, RiskRollups rollups, UserStore users) {
            this(assets, risk, rollups, users, null);
        }
    }

    private final Javalin app;

    public RegaliaServer(Services services) {
        Authentication auth = new Authentication(services.users());
        AssetRoutes assets = new AssetRoutes(services);
        OverviewPage overview = new OverviewPage(services);
        CmdbRoutes cmdb = new CmdbRoutes(services);
        app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.startup.showJavalinBanner = false;
            config.routes.before(auth::require);
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.get("/", overview::render);
            config.routes.get("/api/v1/assets", assets::list);
            config.routes.get("/api/v1/assets/{id}", assets::show);
            config.routes.get("/api/v1/risk", assets::organization);
            config.routes.get("/api/v1/cmdb/sync", cmdb::lastSync);
            config.routes.exception(BadInputException.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST, "bad-request", e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Unexpected error");
            });
        });
    }

    static void problem(Context ctx, HttpStatus status, String slug, String detail) {
        ctx.status(status).json(Map.of("type", "/problems/" + slug, "title", status.getMessage(), "status", status.getCode(),
                "detail", detail == null ? "" : detail));
    }

    public RegaliaServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() { return app.port(); }

    @Override
    public void close() { app.stop(); }
}
