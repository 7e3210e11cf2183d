package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.app.Gateway;
import dev.gearbox.testing.ReadmeBlocks;
import org.junit.jupiter.api.Test;

/** The README's observe block loads (with a routing section that defines its policies) and means what it says. */
class ReadmeObserveTest {
    @Test
    void theObserveBlockLoads() {
        String block = ReadmeBlocks.yaml("observe");
        String yaml = """
                providers:
                  - {name: openai, kind: openai}
                deployments:
                  - {model: gpt-4.1, provider: openai}
                  - {model: gpt-4.1-mini, provider: openai}
                """ + block.replace("  policies: [...]\n", """
                  policies:
                    - {name: by-task, type: rules, default: {model: gpt-4.1-mini}}
                    - {name: batch-jobs, type: rules, default: {model: gpt-4.1-mini}}
                    - {name: cost-aware, type: cost-aware}
                    - {name: learned, type: learned, strong: {model: gpt-4.1}, weak: {model: gpt-4.1-mini}}
                """);
        GearboxConfig cfg = ConfigLoader.parse(yaml, "README.md", k -> null, Gateway.providerKinds());
        ObserveConfig o = cfg.observe();
        assertThat(cfg.defaultMode()).isEqualTo("observe");
        assertThat(o.routes()).containsEntry("batch-jobs", "route");
        assertThat(o.shadowPolicies()).containsExactly("cost-aware", "learned");
        assertThat(o.shadowTests().sample()).isEqualTo(0.05);
        assertThat(o.shadowTests().compareWith()).isEqualTo("would-route");
        assertThat(o.shadowTests().evaluators()).containsExactly("json", "exact", "similarity", "judge");
        assertThat(o.shadowTests().judgeModel()).isEqualTo("gpt-4.1");
        assertThat(block).contains("policies: [...]");
    }
}
