package dev.gearbox.eval;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gearbox eval}: scores a routing policy offline on a routeset and writes decisions,
 * summary and curve to a directory, so policies are compared with RouteLLM's and RouterBench's
 * published numbers on the same data.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a routing policy offline on a routeset (RouteLLM APGR/CPT for two-model sets, RouterBench AIQ for many models).")
public final class EvalCommand implements Callable<Integer> {
    /** Which items of the routeset to score. */
    public enum Split { test, train, all }

    private final EvalPolicies policies;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "Routeset to score on; its .meta.json is read from beside it.")
    private Path data;

    @Option(names = "--policy", required = true, paramLabel = "NAME", description = "Policy to score (see the error for an unknown name for the list).")
    private String policy;

    @Option(names = "--train", paramLabel = "FILE.jsonl", arity = "1..*", description = "Routesets the policy may train on.")
    private List<Path> train = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for decisions.jsonl, summary.json and curve.svg.")
    private Path out;

    @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "Items to score: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Split split;

    @Option(names = "--config", paramLabel = "gearbox.yaml", description = "A gateway config: --policy may then name any of its routing policies (or auto), routed by the gateway's own code.")
    private Path config;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed for random policies and the random baseline (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-tokens", paramLabel = "N|none", description = "Semantic policies: embed at most N word pieces of each prompt, "
            + "as a semantic policy's max_tokens does (default: a semantic policy's default); training prompts and utterances are embedded whole.")
    private String maxTokens;

    @Option(names = "--keep", paramLabel = "head|head-tail", description = "With --max-tokens: keep the first N word pieces (head) "
            + "or the first N-16 and the last 16 (head-tail); as a semantic policy's keep.")
    private String keep;

    @Option(names = "--embedder", paramLabel = "minilm|static", description = "Semantic policies: the sentence embedder, "
            + "as a semantic policy's embedder (default: minilm); utterances, training prompts and scored prompts all go through it.")
    private String embedder;

    /** A command that knows the baselines and the semantic, judge and cascade policies. */
    public EvalCommand() {
        this(ContentPolicies.register(SlowPolicies.register(EvalPolicies.withBaselines())));
    }

    /** A command scoring the policies of this registry. */
    public EvalCommand(EvalPolicies policies) {
        this(policies, null);
    }

    /** Loads a gateway config into its fleet and router, for {@code --config}; null when this build cannot. */
    public interface ConfigRouters {
        Map.Entry<dev.gearbox.catalog.Fleet, dev.gearbox.policy.Router> load(Path config);
    }

    private final ConfigRouters configRouters;

    /** A command scoring the policies of this registry and, with {@code --config}, a gateway config's policies. */
    public EvalCommand(EvalPolicies policies, ConfigRouters configRouters) {
        this.policies = policies;
        this.configRouters = configRouters;
    }

    @Override
    public Integer call() {
        if (config == null && !policies.names().contains(policy)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown policy '" + policy + "'. Known policies: " + String.join(", ", policies.names()));
        }
        Routeset set = Routeset.load(data).split(split.name());
        List<Routeset> training = train.stream().map(Routeset::load).toList();
        PolicyContext context = new PolicyContext(set, training, seed, semanticLimit(), semanticEmbedder());
        EvalPolicy built;
        if (config != null) {
            if (configRouters == null) throw new CommandLine.ParameterException(spec.commandLine(), "--config is not available in this build");
            var loaded = configRouters.load(config);
            built = ConfiguredPolicyEval.create(context, loaded.getValue(), loaded.getKey(), policy);
        } else {
            built = policies.create(policy, context);
        }
        EvalRunner.Options options = new EvalRunner.Options(policy, seed, true);
        PrintWriter stdout = spec.commandLine().getOut();
        if (set.meta().twoModel()) {
            if (built.twoModel() == null) throw unsupported("two-model");
            TwoModelSummary s = EvalRunner.runTwoModel(set, built.twoModel(), out, options);
            stdout.printf(Locale.ROOT, "%s %s (%d prompts): APGR %.4f  CPT(50%%) %.2f%%  CPT(80%%) %.2f%%%n",
                    s.routeset(), s.policy(), s.prompts(), s.metrics().apgr(), s.metrics().cpt50(), s.metrics().cpt80());
            s.baselines().forEach((name, m) -> stdout.printf(Locale.ROOT, "  baseline %-8s APGR %.4f  CPT(50%%) %.2f%%  CPT(80%%) %.2f%%%n",
                    name, m.apgr(), m.cpt50(), m.cpt80()));
        } else {
            if (built.multiModel() == null) throw unsupported("multi-model");
            MultiModelSummary s = EvalRunner.runMultiModel(set, built.multiModel(), out, options);
            stdout.printf(Locale.ROOT, "%s %s (%d prompts): AIQ %.4f (zero router %.4f, oracle %.4f); best single %s %.4f at $%.6f/prompt%n",
                    s.routeset(), s.policy(), s.prompts(), s.metrics().aiq(), s.zeroRouterAiq(), s.baselines().get("oracle").aiq(),
                    s.bestSingle().model(), s.bestSingle().quality(), s.bestSingle().cost());
            stdout.printf(Locale.ROOT, "  matches it at: %s; quality at its cost: %s%n",
                    s.metrics().cheapestCostAtBestQuality() == null ? "never" : String.format(Locale.ROOT, "$%.6f/prompt", s.metrics().cheapestCostAtBestQuality()),
                    s.metrics().qualityAtBestSingleCost() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.metrics().qualityAtBestSingleCost()));
        }
        stdout.println("  report: " + out.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /** --embedder read as a semantic policy's embedder is. */
    private dev.gearbox.embed.EmbeddingModel semanticEmbedder() {
        if (embedder == null) return dev.gearbox.policy.SemanticPolicyFactory.DEFAULT_EMBEDDER;
        dev.gearbox.embed.EmbeddingModel m = dev.gearbox.embed.EmbeddingModel.byName(embedder);
        if (m == null) throw new CommandLine.ParameterException(spec.commandLine(), "--embedder: unknown embedder '" + embedder + "'; use minilm or static");
        return m;
    }

    /** --max-tokens and --keep read as a semantic policy's max_tokens and keep are. */
    private dev.gearbox.embed.TokenLimit semanticLimit() {
        StringBuilder yaml = new StringBuilder("{");
        if (maxTokens != null) yaml.append("max_tokens: ").append(maxTokens);
        if (keep != null) yaml.append(maxTokens != null ? ", " : "").append("keep: ").append(keep);
        yaml.append("}");
        try {
            return dev.gearbox.policy.SemanticPolicyFactory.limit(dev.gearbox.config.ConfigNode.parse(yaml.toString(), "command line"));
        } catch (dev.gearbox.config.ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-tokens/--keep: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException unsupported(String kind) {
        return new CommandLine.ParameterException(spec.commandLine(),
                "Policy '" + policy + "' cannot score " + kind + " routesets such as " + data.getFileName());
    }
}
