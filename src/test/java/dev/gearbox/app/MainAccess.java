package dev.gearbox.app;

/** Test access to the full command line (its subcommands are package-private). */
public final class MainAccess {
    private MainAccess() {}

    public static picocli.CommandLine commandLine() {
        return Main.commandLine();
    }
}
