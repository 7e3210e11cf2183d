package dev.gearbox.providers.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedBehaviourTest {

    @Test
    void noOptionsGiveTheDefaults() {
        assertThat(SimulatedBehaviour.from(Map.of())).isEqualTo(SimulatedBehaviour.DEFAULTS);
        assertThat(SimulatedBehaviour.DEFAULTS.errorStatus()).isEqualTo(503);
    }

    @Test
    void readsEveryKeyFromNumbersOrNumericStrings() {
        SimulatedBehaviour b = SimulatedBehaviour.from(Map.of(
                "ttft_ms", 20, "tokens_per_second", "150.5", "output_tokens", 64L, "error_rate", 0.25,
                "error_status", "429", "seed", 7, "mid_stream_failure_rate", 0.1));

        assertThat(b).isEqualTo(new SimulatedBehaviour(20, 150.5, 64, 0.25, 429, 7, 0.1));
    }

    @Test
    void aDeploymentOverrideReplacesOnlyTheKeysItGives() {
        SimulatedBehaviour base = SimulatedBehaviour.from(Map.of("ttft_ms", 20, "seed", 9));

        SimulatedBehaviour over = base.overriddenBy(Map.of("error_rate", 1));

        assertThat(over).isEqualTo(new SimulatedBehaviour(20, SimulatedBehaviour.DEFAULT_TOKENS_PER_SECOND,
                SimulatedBehaviour.DEFAULT_OUTPUT_TOKENS, 1.0, 503, 9, 0));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() {
        assertThatThrownBy(() -> SimulatedBehaviour.from(Map.of("ttft", 5)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ttft: unknown simulated provider option")
                .hasMessageContaining("ttft_ms, tokens_per_second, output_tokens");
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> SimulatedBehaviour.from(Map.of("error_rate", 1.5)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).path()).isEqualTo("error_rate"))
                .hasMessageContaining("probability from 0 to 1");
        assertThatThrownBy(() -> SimulatedBehaviour.from(Map.of("output_tokens", "many")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("output_tokens: expected a whole number, got 'many'");
        assertThatThrownBy(() -> SimulatedBehaviour.from(Map.of("error_status", 200)))
                .hasMessageContaining("error_status");
        assertThatThrownBy(() -> SimulatedBehaviour.from(Map.of("tokens_per_second", 0)))
                .hasMessageContaining("tokens_per_second");
    }
}
