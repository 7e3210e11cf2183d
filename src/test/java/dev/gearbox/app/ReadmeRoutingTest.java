package dev.gearbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.catalog.Fleet;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.config.ConfigLoader;
import dev.gearbox.config.GearboxConfig;
import dev.gearbox.pipeline.Caller;
import dev.gearbox.policy.Decision;
import dev.gearbox.policy.Router;
import dev.gearbox.policy.RoutingInput;
import dev.gearbox.signals.SignalExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's routing.yaml loads, and each example prompt in the text routes as the text says. */
class ReadmeRoutingTest {
    static Router router;

    @BeforeAll
    static void load() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String fence = "```yaml routing.yaml\n";
        int start = readme.indexOf(fence);
        assertThat(start).as("README has a ```yaml routing.yaml block").isPositive();
        start += fence.length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        assertThat(Files.readString(Path.of("docs/examples/routing.yaml")))
                .as("docs/examples/routing.yaml (what docs/routing-quality.md evaluates) is the README's routing.yaml").isEqualTo(yaml);
        GearboxConfig cfg = ConfigLoader.parse(yaml, "README.md", k -> null, Gateway.providerKinds());
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(), Registries.policies());
    }

    static Decision route(String text, String tier) {
        ChatRequest r = ChatRequest.of("auto", List.of(Message.text(Role.USER, text)));
        Caller c = new Caller("k", null, tier, Map.of());
        return router.route(new RoutingInput(r, new SignalExtractor().extract(r, c), c));
    }

    @Test
    void highStakesOverride() {
        Decision d = route("Is this dosage of ibuprofen safe with my blood pressure medication?", null);
        assertThat(d.primary()).isEqualTo("demo-frontier");
        assertThat(d.reason()).isEqualTo("rule override high-stakes -> tier frontier");
    }

    @Test
    void lightTasksGoToTheEfficientTier() {
        Decision d = route("Translate \"good night\" into German", null);
        assertThat(d.primary()).isEqualTo("demo-efficient");
        assertThat(d.reason()).startsWith("rule light-tasks");
    }

    @Test
    void hardPromptsGoThroughTheHeuristicToFrontier() {
        Decision d = route("Prove step by step, rigorously and in detail, that sqrt(2) is irrational, then derive the general case for any prime p and analyze where the proof uses primality", null);
        assertThat(d.primary()).isEqualTo("demo-frontier");
        assertThat(d.policyId()).isEqualTo("auto>complexity");
        assertThat(d.reason()).contains("rule hard").contains("tier frontier");
    }

    @Test
    void everythingElseGoesToTheCostAwareSelector() {
        Decision d = route("What is the capital of France?", null);
        assertThat(d.primary()).isEqualTo("demo-efficient");
        assertThat(d.policyId()).isEqualTo("auto>thrifty");
        assertThat(d.reason()).contains("max quality - 0.10 x cents: demo-efficient");
        assertThat(d.candidates()).hasSize(3);
    }
}
