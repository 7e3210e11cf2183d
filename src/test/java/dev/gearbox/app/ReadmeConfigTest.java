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

/** The example gearbox.yaml in the README loads, and routes the way the README says. */
class ReadmeConfigTest {
    static Router router;

    @BeforeAll
    static void load() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml gearbox.yaml\n");
        assertThat(start).as("README has a ```yaml gearbox.yaml block").isPositive();
        start += "```yaml gearbox.yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-x", "ANTHROPIC_API_KEY", "sk-y");
        GearboxConfig cfg = ConfigLoader.parse(yaml, "README.md", env::get, Gateway.providerKinds());
        router = Router.build(new Fleet(cfg.catalog(), cfg.deployments(), cfg.aliases()), cfg.routing(), Registries.policies());
    }

    static Decision route(String model, String text, String tag, Map<String, String> metadata) {
        ChatRequest r = new ChatRequest(model, List.of(Message.text(Role.USER, text)), null, null, null, null, null,
                null, null, null, null, metadata, false, false, null);
        return router.route(new RoutingInput(r, new SignalExtractor().extract(r), new Caller("k", tag, null, metadata)));
    }

    @Test
    void codeGoesToSonnetWithAFallback() {
        Decision d = route("auto", "Why does this fail?\n```js\nx()\n```", null, Map.of());
        assertThat(d.candidates()).extracting(c -> c.model()).containsExactly("claude-sonnet-4-5", "gpt-4.1-mini");
        assertThat(d.reason()).contains("rule code");
    }

    @Test
    void taggedLightWorkGoesToNano() {
        assertThat(route("auto", "Summarize this", "summarize", Map.of()).primary()).isEqualTo("gpt-4.1-nano");
    }

    @Test
    void metadataFeatureGoesToTheFrontierTier() {
        assertThat(route("auto", "Review", null, Map.of("feature", "code_review")).primary()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void defaultAndAliases() {
        Decision d = route("auto", "hello", null, Map.of());
        assertThat(d.candidates()).extracting(c -> c.model()).containsExactly("gpt-4.1-mini", "llama-3.1-8b-instruct");
        assertThat(route("fast", "hello", null, Map.of()).primary()).isEqualTo("gpt-4.1-nano");
        assertThat(route("auto-rules", "hello", null, Map.of()).primary()).isEqualTo("gpt-4.1-mini");
    }
}
