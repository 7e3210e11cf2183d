package dev.gearbox.jmh;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.embed.Embedder;
import dev.gearbox.embed.TokenLimit;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.PolicyRegistry;
import dev.gearbox.policy.Prepared;
import dev.gearbox.policy.PromptEmbedding;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.policy.SemanticPolicyFactory;
import dev.gearbox.signals.SignalExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Semantic routing's decision latency, with the README's semantic policy: the whole decision
 * (embed the prompt with the static table or all-MiniLM-L6-v2, then match and build the decision), and the matching
 * alone (embedding given), for prompts of 11, 66 and 264 word pieces and the policy's token
 * limit ({@code max_tokens}/{@code keep}). Sample mode, so JMH reports p50/p90/p99. Run with
 * {@code bench/jmh.sh SemanticBenchmark}, e.g.
 * {@code bench/jmh.sh SemanticBenchmark.embedAndDecide -p prompt=medium,long -p limit=none,head:48}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SemanticBenchmark {
    static final String MEDIUM = "I ordered a pair of running shoes last week and they have not arrived yet. The tracking page "
            + "says the parcel left the warehouse on Monday but nothing has changed since. Can you tell me "
            + "what usually causes this, whether I should contact the courier or the store first, and how "
            + "long I should wait before asking for a refund?";
    /** 11, 66 and 264 word pieces (without a limit the long one is read up to the embedder's 126). */
    static final Map<String, String> PROMPTS = Map.of(
            "short", "Why does my Python script raise a KeyError?",
            "medium", MEDIUM,
            "long", (MEDIUM + " ").repeat(4).strip());

    @Param({"short", "medium", "long"})
    public String prompt;

    /** The policy's token limit: {@code none}, {@code head:N} or {@code head-tail:N} (max_tokens and keep). */
    @Param({"none", "head-tail:48"})
    public String limit;

    /**
     * The ONNX session: {@code shared} (the gateway's: one intra-op thread per core, at most 4,
     * spinning), or {@code T} / {@code T-nospin}: T intra-op threads, spinning or not.
     */
    @Param({"shared"})
    public String session;

    /** The policy's {@code embedder}: {@code static} (the default) or {@code minilm} (with {@link #session}). */
    @Param({"static", "minilm"})
    public String model;

    Router router;
    Embedder minilm;
    dev.gearbox.embed.SentenceEmbedder embedder;
    RoutingInput input;
    float[] embedding;
    TokenLimit tokens;
    PromptEmbedding need;

    @Setup
    public void setup() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String fence = "```yaml semantic-routes.yaml\n";
        int start = readme.indexOf(fence) + fence.length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        String keep = limit.equals("none") ? "" : limit.substring(0, limit.indexOf(':'));
        String max = limit.equals("none") ? "none" : limit.substring(limit.indexOf(':') + 1);
        String threshold = "      threshold: 0.3\n";
        if (!yaml.contains(threshold)) throw new IllegalStateException("the README's semantic policy changed: update the benchmark");
        yaml = yaml.replaceAll("(?m)^\\s*embedder:.*\\n", "");
        yaml = yaml.replace(threshold, threshold + "      max_tokens: " + max + "\n" + (keep.isEmpty() ? "" : "      keep: " + keep + "\n")
                + "      embedder: " + model + "\n");
        GearboxConfig cfg = ConfigLoader.parse(yaml, "README.md", k -> null, Set.of("simulated"));
        minilm = session.equals("shared") ? Embedder.shared()
                : Embedder.withSessionOptions(Integer.parseInt(session.replace("-nospin", "")), !session.endsWith("-nospin"));
        embedder = model.equals("minilm") ? minilm : dev.gearbox.embed.EmbeddingModel.byName(model).shared();
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register(SemanticPolicyFactory.TYPE, new SemanticPolicyFactory(m -> embedder)));
        ChatRequest req = ChatRequest.of("auto", List.of(Message.text(Role.USER, PROMPTS.get(prompt))));
        input = new RoutingInput(req, new SignalExtractor().extract(req), new Caller("k", null, null, Map.of()));
        tokens = SemanticPolicyFactory.limit(dev.gearbox.config.ConfigNode.parse(
                "{max_tokens: " + max + (keep.isEmpty() ? "" : ", keep: " + keep) + "}", "benchmark"));
        need = PromptEmbedding.of(tokens, embedder.model());
        embedding = embedder.embed(PromptEmbedding.text(req, tokens), tokens);
    }

    /** What a semantic decision costs per request: embedding (on a worker in the gateway) plus matching. */
    @Benchmark
    public Decision embedAndDecide() {
        float[] v = embedder.embed(PromptEmbedding.text(input.request(), tokens), tokens);
        return router.route(input.withPrepared(Prepared.NONE.with(need, v)));
    }

    /** The tokenizer's share of {@link #embedAndDecide}: the word pieces the model will read. */
    @Benchmark
    public long[] tokenize() {
        return minilm.tokens(PromptEmbedding.text(input.request(), tokens), tokens);
    }

    /** The part that runs on the event loop once the embedding is there. */
    @Benchmark
    public Decision decideFromEmbedding() {
        return router.route(input.withPrepared(Prepared.NONE.with(need, embedding)));
    }
}
