package io.regalia.app.cli;

import io.regalia.store.db.EmbeddedDatabase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Manage the embedded PostgreSQL.",
        subcommands = DbCommand.Stop.class)
final class DbCommand {

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the embedded PostgreSQL of the data directory.")
    static final class Stop implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            boolean stopped = EmbeddedDatabase.stop(store.dataDir);
            spec.commandLine().getOut().println(stopped ? "stopped the embedded PostgreSQL in " + store.dataDir
                    : "no embedded PostgreSQL is running in " + store.dataDir);
            return RegaliaCommand.OK;
        }
    }
}
