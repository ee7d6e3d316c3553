package io.regalia.app.cli;

import io.regalia.core.report.BadInputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code regalia} command and its exit codes: 0 success, 2 user error, 1 internal failure. */
@Command(name = "regalia", mixinStandardHelpOptions = true, versionProvider = RegaliaCommand.Version.class,
        description = "Risk-based vulnerability management: which assets matter, which findings will be exploited.",
        subcommands = {ServeCommand.class, ImportCommand.class, ExportCommand.class, IntelCommand.class,
                AssetsCommand.class, AssetCommand.class, TagsCommand.class, RiskCommand.class, RescoreCommand.class,
                DemoCommand.class, DbCommand.class, ModelCommand.class, CmdbCommand.class, QqlCommand.class,
                CommandLine.HelpCommand.class})
public final class RegaliaCommand implements Runnable {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try regalia --help)");
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new RegaliaCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? USER_ERROR : INTERNAL);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("regalia: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof BadInputException)) {
                if (cause.getCause() instanceof BadInputException b) { cause = b; break; }
                cause = cause.getCause();
            }
            if (cause instanceof BadInputException bad) {
                commandLine.getErr().println("regalia: " + bad.getMessage());
                return USER_ERROR;
            }
            LoggerFactory.getLogger(RegaliaCommand.class).debug("internal failure", e);
            commandLine.getErr().println("regalia: internal error: " + e + " (set REGALIA_LOG_LEVEL=DEBUG for details)");
            return INTERNAL;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RegaliaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"regalia " + (v == null ? "development build" : v)};
        }
    }
}
