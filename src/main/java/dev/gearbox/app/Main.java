package dev.gearbox.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gearbox} command line. */
@Command(name = "gearbox", mixinStandardHelpOptions = true, version = "gearbox 0.1.0",
        description = "An LLM routing gateway: OpenAI-compatible, picks the cheapest model that will do the job.",
        subcommands = {ServeCommand.class, dev.gearbox.eval.EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
