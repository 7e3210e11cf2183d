package dev.gearbox.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.TokenCounter;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.SignalExtractor;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A rule on prompt tokens, decided on an event loop before the token counter's tables are loaded:
 * the tables load on a worker (never on the event loop) and the decision is the one an exact
 * count gives.
 */
@Isolated
class TokenizerNeedTest {
    static final String YAML = """
            providers:
              - {name: sim, kind: simulated}
            deployments:
              - {model: demo-frontier, provider: sim}
              - {model: demo-efficient, provider: sim}
            routing:
              default: front
              policies:
                - name: front
                  type: rules
                  rules:
                    - {name: short, when: {max_input_tokens: 12}, model: demo-efficient}
                  default: {model: demo-frontier}
            """;

    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTablesLoadOffTheEventLoopAndTheRuleSeesTheExactCount() throws Exception {
        GearboxConfig cfg = ConfigLoader.parse(YAML, "gearbox.yaml", k -> null, Set.of("simulated"));
        Router router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register("rules", new RulesPolicyFactory()), SlowWork.NONE);
        // 13 words of plain English: 13+ tokens, but far fewer UTF-8 bytes than 12 x 4, so only a count decides
        String longer = "one two three four five six seven eight nine ten eleven twelve thirteen";
        String shorter = "hello there";
        TokenCounter.unloadForTests();
        CompletableFuture<List<String>> decided = new CompletableFuture<>();
        vertx.runOnContext(v -> router.routeAsync(input(longer), a -> {}).compose(d1 ->
                router.routeAsync(input(shorter), a -> {}).map(d2 -> List.of(d1.primary(), d2.primary(), Thread.currentThread().getName())))
                .onComplete(ar -> {
                    if (ar.succeeded()) decided.complete(ar.result());
                    else decided.completeExceptionally(ar.cause());
                }));
        List<String> r = decided.get(60, TimeUnit.SECONDS);
        assertThat(r.get(0)).isEqualTo("demo-frontier");
        assertThat(r.get(1)).isEqualTo("demo-efficient");
        assertThat(r.get(2)).as("the decision completes back on the event loop").startsWith("vert.x-eventloop");
        assertThat(TokenCounter.ready()).isTrue();
        assertThat(TokenCounter.loadedOn()).isNotNull().doesNotStartWith("vert.x-eventloop");
    }

    RoutingInput input(String text) {
        ChatRequest req = ChatRequest.of("auto", List.of(Message.text(Role.USER, text)));
        return new RoutingInput(req, new SignalExtractor().extract(req), new Caller("k", null, null, Map.of()));
    }
}
