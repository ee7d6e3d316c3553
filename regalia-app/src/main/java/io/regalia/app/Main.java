package io.regalia.app;

import io.regalia.app.cli.RegaliaCommand;

/** Entry point of {@code regalia.jar}: the only place that exits the JVM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(RegaliaCommand.execute(args, System.out, System.err));
    }
}
