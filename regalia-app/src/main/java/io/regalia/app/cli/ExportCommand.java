package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.qql.Qql;
import io.regalia.core.qql.Query;
import io.regalia.core.report.ReportEvent;
import io.regalia.ingest.inventory.InventoryJsonWriter;
import io.regalia.store.qql.QqlSql;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the inventory (assets, detections, static tags) as Regalia inventory JSON to standard output.")
final class ExportCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Option(names = "--qql", paramLabel = "QUERY", description = "Only the assets this QQL query matches.")
    String qql;

    @Override
    public Integer call() throws Exception {
        Query query = qql == null ? null : Qql.parse(qql); // a bad query fails before anything is written
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        try (Regalia regalia = store.open(); InventoryJsonWriter writer = new InventoryJsonWriter(out, true)) {
            // Not complete: importing an export elsewhere must only add and update.
            writer.accept(new ReportEvent.Header("inventory", "asset-export", Instant.now(regalia.clock()), false));
            if (query == null) regalia.export().export(null, host -> writer.accept(new ReportEvent.Host(host)));
            else regalia.export().exportMatching(QqlSql.compile(query, regalia.clock()), host -> writer.accept(new ReportEvent.Host(host)));
        }
        out.flush();
        return RegaliaCommand.OK;
    }
}
