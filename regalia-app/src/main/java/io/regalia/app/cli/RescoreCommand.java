package io.regalia.app.cli;

import io.regalia.app.Regalia;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rescore", mixinStandardHelpOptions = true,
        description = "Recompute detection scores, ACS and TruRisk from the stored inputs.")
final class RescoreCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Option(names = "--all", required = true, description = "Every vulnerability and every asset.")
    boolean all;

    @Override
    public Integer call() {
        try (Regalia regalia = store.open()) {
            long started = System.nanoTime();
            var result = regalia.risk().rescoreAll();
            spec.commandLine().getOut().printf("rescored %d vulnerabilities and %d assets (%d scores changed) in %.2f s%n",
                    result.vulnerabilities(), result.assets(), result.changed(), (System.nanoTime() - started) / 1e9);
        }
        return RegaliaCommand.OK;
    }
}
