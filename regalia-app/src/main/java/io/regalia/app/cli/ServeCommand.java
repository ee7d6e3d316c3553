package io.regalia.app.cli;

import io.regalia.app.CmdbSchedule;
import io.regalia.app.Demo;
import io.regalia.ingest.cmdb.ServiceNowClient;
import io.regalia.ingest.cmdb.ServiceNowSettings;
import io.regalia.app.Regalia;
import io.regalia.server.RegaliaServer;
import io.regalia.store.user.Role;
import io.regalia.store.user.UserStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web UI and the APIs.")
final class ServeCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:REGALIA_PORT:-8080}", description = "Port (default ${DEFAULT-VALUE}; env REGALIA_PORT).")
    int port;

    @Option(names = "--host", defaultValue = "${env:REGALIA_HOST:-127.0.0.1}",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all; env REGALIA_HOST).")
    String host;

    @Option(names = "--demo", description = "On an empty database, fill it with the demo estate first.")
    boolean demo;

    @Option(names = "--cmdb-sync-every", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Sync business applications from ServiceNow at start and then this often (e.g. 6h); "
                    + "needs --servicenow and credentials.")
    java.time.Duration cmdbSyncEvery;

    @Option(names = "--cmdb-create-missing", description = "Scheduled syncs create assets for servers no asset matches.")
    boolean cmdbCreateMissing;

    @Mixin ServiceNowOptions servicenow = new ServiceNowOptions();

    @Override
    public Integer call() throws InterruptedException {
        var out = spec.commandLine().getOut();
        // credentials and URL are checked before anything starts
        ServiceNowSettings cmdbSettings = cmdbSyncEvery == null ? null : servicenow.settings(System.getenv());
        Regalia regalia = store.open();
        RegaliaServer server;
        ScheduledExecutorService daily;
        try {
            if (demo && regalia.assets().count() == 0) {
                out.println("filling the empty database with the demo estate …");
                out.println(Demo.load(regalia, Demo.DEFAULT_ASSETS, Demo.DEFAULT_SEED));
            }
            if (!regalia.users().any()) {
                String password = System.getenv("REGALIA_ADMIN_PASSWORD");
                boolean generated = password == null || password.isBlank();
                if (generated) password = UserStore.generatePassword();
                regalia.users().put("admin", password.toCharArray(), Role.ADMIN);
                out.println(generated ? "created user 'admin' with password " + password
                        + " (shown once; set REGALIA_ADMIN_PASSWORD to choose it)"
                        : "created user 'admin' with the password from REGALIA_ADMIN_PASSWORD");
            }
            server = new RegaliaServer(new RegaliaServer.Services(regalia.assets(), regalia.risk(), regalia.rollups(),
                    regalia.users(), regalia.cmdb())).start(host, port);
        } catch (RuntimeException e) {
            regalia.close();
            throw e;
        }
        daily = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "regalia-daily");
            t.setDaemon(true);
            return t;
        });
        // Trending and relative dates move with the calendar: rescore and snapshot once a day.
        daily.scheduleAtFixedRate(() -> {
            try {
                regalia.tags().evaluate(null, "daily");
                regalia.risk().rescoreAll();
                regalia.rollups().snapshot();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ServeCommand.class).error("daily rescore failed", e);
            }
        }, 24, 24, TimeUnit.HOURS);
        CmdbSchedule cmdb = cmdbSettings == null ? null : CmdbSchedule.start(regalia.cmdb(), new ServiceNowClient(cmdbSettings),
                ServiceNowOptions.source(cmdbSettings), cmdbSyncEvery, cmdbCreateMissing);
        // The JVM ends on a signal; stop serving, then close the database (and the embedded server we own).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daily.shutdownNow();
            if (cmdb != null) cmdb.close();
            server.close();
            regalia.close();
        }, "regalia-shutdown"));
        if (cmdb != null) out.printf("syncing the CMDB from %s every %s%n", cmdbSettings.instance(), cmdbSyncEvery);
        out.printf("Regalia is serving on http://%s:%d/%n", host.equals("0.0.0.0") ? "localhost" : host, server.port());
        out.flush();
        new CountDownLatch(1).await();
        return RegaliaCommand.OK;
    }
}
