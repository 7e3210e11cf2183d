package dev.gearbox.jmh;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.PolicyRegistry;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.policy.RulesPolicyFactory;
import dev.gearbox.providers.SseEvent;
import dev.gearbox.signals.SignalExtractor;
import dev.gearbox.signals.Signals;
import dev.gearbox.wire.openai.OpenAiChunks;
import dev.gearbox.wire.openai.OpenAiRequests;
import dev.gearbox.wire.openai.OpenAiResponses;
import dev.gearbox.wire.openai.OpenAiStreamTranslator;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request work Gearbox adds on the event loop: parse and canonicalise a chat request,
 * compute signals, decide a route, translate a response and a stream chunk. Run with
 * {@code bench/jmh.sh} (add {@code -prof gc} for allocation per operation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
    static final String REQUEST = """
            {"model":"auto","temperature":0.2,"max_tokens":512,"user":"u-42",
             "metadata":{"feature":"support_chat"},
             "messages":[
              {"role":"system","content":"You are a helpful support assistant for an online store. Answer briefly and politely."},
              {"role":"user","content":"Hi, I ordered a pair of running shoes last week and they have not arrived yet. Order 1234."},
              {"role":"assistant","content":"I am sorry to hear that. Let me check the status of order 1234 for you."},
              {"role":"user","content":"Thanks. Also, can I change the delivery address to my office? It is 12 Main Street."}],
             "tools":[{"type":"function","function":{"name":"order_status","description":"Look up an order",
               "parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}}}]}
            """;
    static final String RESPONSE = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4.1-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Your order 1234 shipped on Monday and should arrive by Thursday. I have updated the delivery address to 12 Main Street as requested. Is there anything else I can help with?"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":120,"completion_tokens":42,"total_tokens":162,"prompt_tokens_details":{"cached_tokens":0}}}
            """;
    static final String CHUNK = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4.1-mini\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" arrive by Thursday\"},\"finish_reason\":null}]}";

    Buffer request;
    Buffer response;
    ChatRequest parsed;
    ChatResponse parsedResponse;
    Signals signals;
    Router router;
    RoutingInput input;
    SseEvent event;
    ChatChunk chunk;
    final List<ChatChunk> out = new ArrayList<>(4);
    final SignalExtractor extractor = new SignalExtractor();

    @Setup
    public void setup() {
        request = Buffer.buffer(REQUEST);
        response = Buffer.buffer(RESPONSE);
        parsed = OpenAiRequests.parse(request);
        parsedResponse = OpenAiResponses.parse(response);
        signals = extractor.extract(parsed);
        GearboxConfig cfg = ConfigLoader.parse("""
                providers:
                  - {name: sim, kind: simulated}
                deployments:
                  - {model: gpt-4.1-mini, provider: sim}
                  - {model: gpt-4.1-nano, provider: sim}
                  - {model: claude-sonnet-4-5, provider: sim}
                routing:
                  default: rules
                  policies:
                    - name: rules
                      type: rules
                      rules:
                        - {name: code, when: {has_code: true}, model: claude-sonnet-4-5}
                        - {name: light, when: {tag: [summarize, classify]}, model: gpt-4.1-nano}
                        - {name: review, when: {metadata: {feature: code_review}}, tier: frontier}
                      default: {model: gpt-4.1-mini, fallbacks: [gpt-4.1-nano]}
                """, "bench.yaml", k -> null, Set.of("simulated"));
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register("rules", new RulesPolicyFactory()));
        input = new RoutingInput(parsed, signals, new Caller("key-1", null, null, Map.of("feature", "support_chat")));
        event = new SseEvent(null, CHUNK);
        chunk = ChatChunk.text(" arrive by Thursday");
    }

    @Benchmark
    public ChatRequest parseRequest() {
        return OpenAiRequests.parse(request);
    }

    @Benchmark
    public Signals extractSignals() {
        return extractor.extract(parsed);
    }

    @Benchmark
    public Decision routeRules() {
        return router.route(input);
    }

    @Benchmark
    public Buffer translateResponse() {
        return OpenAiResponses.write(OpenAiResponses.parse(response), "chatcmpl-gbx-1", "gpt-4.1-mini", 1L);
    }

    @Benchmark
    public Buffer translateStreamChunk() {
        out.clear();
        new OpenAiStreamTranslator().onEvent(event, out);
        return OpenAiChunks.write(out.get(0), "chatcmpl-gbx-1", "gpt-4.1-mini", 1L);
    }
}
