package dev.gearbox.jmh;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.CostAwarePolicyFactory;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.HeuristicPolicyFactory;
import dev.gearbox.policy.PolicyRegistry;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.policy.RulesPolicyFactory;
import dev.gearbox.signals.SignalExtractor;
import dev.gearbox.wire.openai.OpenAiRequests;
import io.vertx.core.buffer.Buffer;
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
 * Decision latency per policy, signals included (what the event loop spends before dispatch):
 * {@code bench/jmh.sh PolicyBenchmark} reports p50/p99 per policy in sample mode. The rules
 * policy tests signal keys and an override; heuristic and cost-aware score complexity.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyBenchmark {
    @Param({"rules", "heuristic", "cost-aware"})
    public String policy;

    static final String REQUEST = """
            {"model":"auto","messages":[
              {"role":"system","content":"You are a careful assistant for an engineering team."},
              {"role":"user","content":"We store orders in PostgreSQL. First, explain why this query is slow. Then propose an index and show the rewritten query:\\n```sql\\nSELECT * FROM orders WHERE customer_id = 42 ORDER BY created_at DESC LIMIT 20;\\n```"}]}
            """;

    Router router;
    ChatRequest request;
    Caller caller;
    RoutingInput input;
    final SignalExtractor extractor = new SignalExtractor();

    @Setup
    public void setup() {
        GearboxConfig cfg = ConfigLoader.parse("""
                providers:
                  - {name: sim, kind: simulated}
                deployments:
                  - {model: gpt-4.1-mini, provider: sim}
                  - {model: gpt-4.1-nano, provider: sim}
                  - {model: claude-sonnet-4-5, provider: sim}
                routing:
                  default: %s
                  policies:
                    - name: rules
                      type: rules
                      overrides:
                        - {name: high-stakes, when: {high_stakes: true}, tier: frontier}
                      rules:
                        - {name: translate, when: {task: [translation, summarization]}, tier: efficient}
                        - {name: sql, when: {code_language: [sql, python], min_instructions: 2}, tier: frontier}
                        - {name: light, when: {tag: [summarize, classify]}, model: gpt-4.1-nano}
                      default: {model: gpt-4.1-mini, fallbacks: [gpt-4.1-nano]}
                    - name: heuristic
                      type: heuristic
                    - name: cost-aware
                      type: cost-aware
                """.formatted(policy), "bench.yaml", k -> null, Set.of("simulated"));
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry()
                        .register(RulesPolicyFactory.TYPE, new RulesPolicyFactory())
                        .register(HeuristicPolicyFactory.TYPE, new HeuristicPolicyFactory())
                        .register(CostAwarePolicyFactory.TYPE, new CostAwarePolicyFactory()));
        request = OpenAiRequests.parse(Buffer.buffer(REQUEST));
        caller = new Caller("key-1", null, null, Map.of());
        input = new RoutingInput(request, extractor.extract(request, caller), caller);
    }

    /** The policy's decision alone, on signals computed once (what the policy stage adds). */
    @Benchmark
    public Decision decideOnly() {
        return router.route(input);
    }

    /** Signals extraction plus the decision: everything between parsing and dispatch. */
    @Benchmark
    public Decision decide() {
        return router.route(new RoutingInput(request, extractor.extract(request, caller), caller));
    }
}
