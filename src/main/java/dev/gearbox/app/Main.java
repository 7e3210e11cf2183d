package dev.gearbox.app;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gearbox} command line. */
@Command(name = "gearbox", mixinStandardHelpOptions = true, version = "gearbox 0.1.0",
        description = "An LLM routing gateway: OpenAI-compatible, picks the cheapest model that will do the job.",
        subcommands = {ServeCommand.class, ReportCommand.class, KeysCommand.class, TrainCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand; eval gets the gateway's registries for --config. */
    static CommandLine commandLine() {
        dev.gearbox.eval.EvalCommand eval = new dev.gearbox.eval.EvalCommand(
                dev.gearbox.eval.ContentPolicies.register(dev.gearbox.eval.SlowPolicies.register(
                        dev.gearbox.eval.EvalPolicies.withBaselines())),
                path -> {
                    var cfg = dev.gearbox.config.ConfigLoader.load(path, System::getenv, Gateway.providerKinds());
                    var fleet = new dev.gearbox.catalog.Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases());
                    return Map.entry(fleet, dev.gearbox.policy.Router.build(fleet, cfg.routing(), Registries.policies()));
                });
        return new CommandLine(new Main()).addSubcommand("eval", eval);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
