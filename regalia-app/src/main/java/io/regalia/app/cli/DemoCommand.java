package io.regalia.app.cli;

import io.regalia.app.Demo;
import io.regalia.app.Regalia;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fill the database with a realistic, deterministic demo estate and demo threat intel.")
final class DemoCommand implements Callable<Integer> {
    @Mixin StoreOptions store = new StoreOptions();
    @Spec CommandSpec spec;

    @Option(names = "--assets", defaultValue = "2000", description = "Number of assets (default ${DEFAULT-VALUE}).") int assets;
    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).") long seed;

    @Override
    public Integer call() {
        if (assets < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--assets must be at least 1");
        try (Regalia regalia = store.open()) {
            spec.commandLine().getOut().println(Demo.load(regalia, assets, seed));
        }
        return RegaliaCommand.OK;
    }
}
