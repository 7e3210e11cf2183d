package dev.gearbox.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ConfigException;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.error.GatewayError;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.signals.SignalExtractor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesPolicyTest {
    static final String FLEET = """
            providers:
              - {name: sim, kind: simulated}
            deployments:
              - {model: demo-frontier, provider: sim}
              - {model: demo-mid, provider: sim}
              - {model: demo-efficient, provider: sim}
            """;

    static Router router(String routing) {
        return routerFor(FLEET + routing);
    }

    static Router routerFor(String yaml) {
        GearboxConfig cfg = ConfigLoader.parse(yaml, "gearbox.yaml", k -> null, Set.of("simulated"));
        return Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(),
                new PolicyRegistry().register("rules", new RulesPolicyFactory()));
    }

    static Decision route(Router r, String model, String text, String keyId, String tag) {
        ChatRequest req = ChatRequest.of(model, List.of(Message.text(Role.USER, text)));
        return r.route(new RoutingInput(req, new SignalExtractor().extract(req), new Caller(keyId, tag, null, Map.of())));
    }

    @Test
    void firstMatchWinsAndGlobsMatchKeys() {
        Router r = router("""
                routing:
                  default: p
                  policies:
                    - name: p
                      type: rules
                      rules:
                        - {name: batch, when: {key: "key-batch*"}, tier: efficient}
                        - {name: long, when: {min_input_tokens: 50}, model: demo-frontier}
                      default: {model: demo-mid}
                """);
        assertThat(route(r, "auto", "hi", "key-batch-7", null).primary()).isEqualTo("demo-efficient");
        assertThat(route(r, "auto", "word ".repeat(100), "key-batch-7", null).reason()).contains("rule batch");
        assertThat(route(r, "auto", "word ".repeat(100), "key-x", null).primary()).isEqualTo("demo-frontier");
        assertThat(route(r, "auto", "hi", "key-x", null).reason()).startsWith("default");
    }

    @Test
    void delegationToAnotherPolicyKeepsBothReasons() {
        Router r = router("""
                routing:
                  default: outer
                  policies:
                    - name: outer
                      type: rules
                      rules:
                        - {name: hand-off, when: {tag: special}, policy: inner}
                      default: {model: demo-mid}
                    - name: inner
                      type: rules
                      default: {model: demo-frontier, fallbacks: [demo-mid]}
                """);
        Decision d = route(r, "auto", "hi", "k", "special");
        assertThat(d.policyId()).isEqualTo("outer>inner");
        assertThat(d.candidates()).extracting(Candidate::model).containsExactly("demo-frontier", "demo-mid");
        assertThat(d.reason()).contains("rule hand-off").contains("default -> model demo-frontier");
    }

    @Test
    void constraintsRejectModelsThatCannotTakeTheRequest() {
        Router r = routerFor(FLEET.replace("deployments:", "deployments:\n  - {model: tiny-model, provider: sim}") + """
                catalog:
                  - {id: tiny-model, vendor: test, tier: efficient, context_window: 100, max_output: 50,
                     capabilities: [streaming], price: {input: 0.01, output: 0.02, as_of: 2025-01-01, source: test}}
                routing:
                  default: p
                  policies:
                    - name: p
                      type: rules
                      default: {model: tiny-model, fallbacks: [demo-mid]}
                """);
        Decision d = route(r, "auto", "word ".repeat(200), "k", null);
        assertThat(d.primary()).isEqualTo("demo-mid");
        assertThat(d.rejected()).singleElement().satisfies(x -> {
            assertThat(x.model()).isEqualTo("tiny-model");
            assertThat(x.why()).contains("context window 100");
        });
    }

    @Test
    void aThreeLevelChainSkipsTheCandidateWithoutToolsAndKeepsTheRestInOrder() {
        Router r = routerFor(FLEET.replace("deployments:", "deployments:\n  - {model: plain-model, provider: sim}") + """
                catalog:
                  - {id: plain-model, vendor: test, tier: efficient, context_window: 100000, max_output: 4000,
                     capabilities: [streaming], price: {input: 0.01, output: 0.02, as_of: 2025-01-01, source: test}}
                routing:
                  default: p
                  policies:
                    - name: p
                      type: rules
                      default: {model: plain-model, fallbacks: [demo-mid, demo-frontier]}
                """);
        ChatRequest req = dev.gearbox.wire.openai.OpenAiRequests.parse(io.vertx.core.buffer.Buffer.buffer("""
                {"model":"auto","messages":[{"role":"user","content":"weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}]}"""));
        Decision d = r.route(new RoutingInput(req, new SignalExtractor().extract(req), new Caller("k", null, null, Map.of())));
        assertThat(d.candidates()).extracting(Candidate::model).containsExactly("demo-mid", "demo-frontier");
        assertThat(d.rejected()).singleElement().satisfies(x -> {
            assertThat(x.model()).isEqualTo("plain-model");
            assertThat(x.why()).isEqualTo("no tool support");
        });
    }

    @Test
    void unknownModelNamesTheLineAndTheServedModels() {
        assertThatThrownBy(() -> router("""
                routing:
                  default: p
                  policies:
                    - name: p
                      type: rules
                      default: {model: demo-midd}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gearbox.yaml:12")
                .hasMessageContaining("demo-midd")
                .hasMessageContaining("demo-mid");
    }

    @Test
    void missingDefaultUnknownTierAndSelfDelegationAreConfigErrors() {
        assertThatThrownBy(() -> router("""
                routing:
                  default: p
                  policies:
                    - {name: p, type: rules}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("default target");
        assertThatThrownBy(() -> router("""
                routing:
                  default: p
                  policies:
                    - {name: p, type: rules, default: {tier: premium}}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("frontier, mid or efficient");
        assertThatThrownBy(() -> router("""
                routing:
                  default: p
                  policies:
                    - {name: p, type: rules, default: {policy: p}}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("itself");
        assertThatThrownBy(() -> router("""
                routing:
                  default: p
                  policies:
                    - {name: p, type: rulez, default: {model: demo-mid}}
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("use one of rules");
    }

    @Test
    void unknownModelFromAClientListsCloseMatches() {
        Router r = router("""
                routing:
                  default: p
                  policies:
                    - {name: p, type: rules, default: {model: demo-mid}}
                """);
        assertThatThrownBy(() -> route(r, "demo-efficent", "hi", "k", null))
                .isInstanceOfSatisfying(GatewayError.ModelNotFound.class,
                        e -> assertThat(e.closeMatches()).contains("demo-efficient"));
    }
}
