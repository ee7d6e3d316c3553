package io.regalia.app.cli;

import io.regalia.app.Regalia;
import io.regalia.core.report.BadInputException;
import io.regalia.core.risk.ScoringModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "model", mixinStandardHelpOptions = true, description = "The scoring model: weights of ACS, QDS and TruRisk.",
        subcommands = {ModelCommand.Show.class, ModelCommand.Set.class})
final class ModelCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the model in force as key = value lines.")
    static final class Show implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public Integer call() {
            try (Regalia r = store.open()) {
                var settings = r.risk().model().toMap();
                if (json) spec.commandLine().getOut().println(Json.write(settings));
                else settings.forEach((k, v) -> spec.commandLine().getOut().println(k + " = " + v));
            }
            return RegaliaCommand.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Replace the model by the defaults overridden with FILE (key = value lines, see 'model show'); rescores everything.")
    static final class Set implements Callable<Integer> {
        @Mixin StoreOptions store = new StoreOptions();
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE") Path file;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new BadInputException(file.toString(), "cannot read: " + e.getMessage());
            }
            ScoringModel model;
            try {
                model = ScoringModel.parse(text);
            } catch (BadInputException e) {
                throw new BadInputException(file + ": " + (e.where() == null ? "" : e.where()), e.reason());
            }
            try (Regalia r = store.open()) {
                var result = r.risk().setModel(model);
                spec.commandLine().getOut().printf("model %s in force; rescored %d vulnerabilities and %d assets (%d scores changed)%n",
                        model.version(), result.vulnerabilities(), result.assets(), result.changed());
            }
            return RegaliaCommand.OK;
        }
    }
}
