package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.app.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider keys come only from the environment or a file; a key written into the config is refused without being echoed. */
class ProviderKeySourcesTest {
    static final String KEY = "sk-live-0123456789abcdef";

    static GearboxConfig parse(String provider, Map<String, String> env) {
        return ConfigLoader.parse("providers:\n  - {name: openai, kind: openai, " + provider + "}\n", "gearbox.yaml", env::get,
                Gateway.providerKinds());
    }

    @Test
    void aKeyWrittenIntoTheFileIsRefusedAndNotEchoed() {
        assertThatThrownBy(() -> parse("api_key: " + KEY, Map.of()))
                .hasMessage("gearbox.yaml:2: providers[0].api_key: a provider key is written into the config file. "
                        + "Fix: keep keys out of the file: api_key_env: OPENAI_API_KEY, api_key: ${OPENAI_API_KEY} or api_key_file: /run/secrets/openai")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aReferenceWithADefaultIsAKeyInTheFileToo() {
        assertThatThrownBy(() -> parse("api_key: \"${OPENAI_API_KEY:-" + KEY + "}\"", Map.of()))
                .hasMessageContaining("a provider key is written into the config file").hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> parse("api_key: \"sk-${OPENAI_API_KEY}\"", Map.of("OPENAI_API_KEY", "x")))
                .hasMessageContaining("a provider key is written into the config file");
    }

    @Test
    void keysFromTheEnvironmentOrAFileAreTaken(@TempDir Path dir) throws Exception {
        assertThat(parse("api_key: \"${OPENAI_API_KEY}\"", Map.of("OPENAI_API_KEY", KEY)).providers().get(0).apiKey().reveal()).isEqualTo(KEY);
        assertThat(parse("api_key_env: OPENAI_API_KEY", Map.of("OPENAI_API_KEY", KEY)).providers().get(0).apiKey().reveal()).isEqualTo(KEY);
        Path file = Files.writeString(dir.resolve("openai.key"), KEY + "\n");
        assertThat(parse("api_key_file: " + file, Map.of()).providers().get(0).apiKey().reveal()).isEqualTo(KEY);
        assertThat(parse("api_key_file: " + file, Map.of()).providers().get(0).apiKey().toString()).doesNotContain(KEY);
    }
}
