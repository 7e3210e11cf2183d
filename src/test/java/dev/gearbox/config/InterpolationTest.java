package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    private final Function<String, String> env = Map.of("PORT", "9090", "HOST", "10.0.0.1", "EMPTY", "")::get;

    private ConfigNode parse(String yaml) {
        return ConfigNode.parse(yaml, "g.yaml", env);
    }

    @Test
    void replaces_variables_before_typing() {
        ConfigNode n = parse("port: ${PORT}\nurl: http://${HOST}:${PORT}/v1\nquoted: \"${HOST}\"\n");
        assertThat(n.get("port").asInt()).isEqualTo(9090);
        assertThat(n.get("url").asString()).isEqualTo("http://10.0.0.1:9090/v1");
        assertThat(n.get("quoted").asString()).isEqualTo("10.0.0.1");
        assertThat(n.get("port").toPlain()).isEqualTo(9090);
    }

    @Test
    void a_default_applies_when_unset_or_empty() {
        ConfigNode n = parse("a: ${MISSING:-8080}\nb: ${EMPTY:-fallback}\nc: ${PORT:-1}\nd: ${MISSING:-}\n");
        assertThat(n.get("a").asInt()).isEqualTo(8080);
        assertThat(n.get("b").asString()).isEqualTo("fallback");
        assertThat(n.get("c").asString()).isEqualTo("9090");
        assertThat(n.get("d").isNull()).as("an empty plain value is YAML null").isTrue();
        assertThat(n.string("d", "dflt")).isEqualTo("dflt");
    }

    @Test
    void a_set_but_empty_variable_without_default_is_empty_text() {
        assertThat(parse("a: \"${EMPTY}\"\n").get("a").asString()).isEmpty();
    }

    @Test
    void an_unset_variable_names_variable_file_line_and_fix() {
        assertThatThrownBy(() -> parse("providers:\n  - name: openai\n    api_key: ${OPENAI_API_KEY}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("g.yaml:3: providers[0].api_key: environment variable "
                            + "OPENAI_API_KEY is not set. Fix: export OPENAI_API_KEY=... or use ${OPENAI_API_KEY:-default}");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.fix()).isEqualTo("export OPENAI_API_KEY=... or use ${OPENAI_API_KEY:-default}");
                });
    }

    @Test
    void double_dollar_escapes_and_lone_dollars_stay() {
        ConfigNode n = parse("a: $${PORT}\nb: cost $5\n");
        assertThat(n.get("a").asString()).isEqualTo("${PORT}");
        assertThat(n.get("b").asString()).isEqualTo("cost $5");
    }

    @Test
    void malformed_references_are_errors() {
        assertThatThrownBy(() -> parse("a: ${PORT\n"))
                .hasMessage("g.yaml:1: a: '${' is not closed. Fix: close it with '}', or write '$${' for a literal '${'");
        assertThatThrownBy(() -> parse("a: ${1BAD}\n"))
                .hasMessage("g.yaml:1: a: '${1BAD}' is not a variable reference. "
                        + "Fix: use ${NAME} or ${NAME:-default} where NAME is letters, digits and '_'");
    }

    @Test
    void parse_without_env_leaves_references_literal() {
        assertThat(ConfigNode.parse("a: ${PORT}\n", "g.yaml").get("a").asString()).isEqualTo("${PORT}");
    }
}
