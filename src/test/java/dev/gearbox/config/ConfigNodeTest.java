package dev.gearbox.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {

    private static final String YAML = """
            server:
              port: 8080
              host: "0.0.0.0"
            routing:
              policies:
                - name: auto-rules
                  rules:
                    - when: {tokens_over: 1000}
                      model: gpt-4o
                    - model: gpt-4o-mini
            flags: [a, b]
            single: only
            empty:
            tilde: ~
            quoted_null: "null"
            """;

    private final ConfigNode root = ConfigNode.parse(YAML, "g.yaml");

    @Test
    void every_value_knows_its_file_line_and_dotted_path() {
        ConfigNode model = root.get("routing").get("policies").list().get(0).get("rules").list().get(1).get("model");
        assertThat(model.file()).isEqualTo("g.yaml");
        assertThat(model.line()).isEqualTo(10);
        assertThat(model.path()).isEqualTo("routing.policies[0].rules[1].model");
        assertThat(model.asString()).isEqualTo("gpt-4o-mini");

        ConfigNode when = root.get("routing").get("policies").list().get(0).get("rules").list().get(0).get("when");
        assertThat(when.line()).isEqualTo(8);
        assertThat(when.get("tokens_over").asInt()).isEqualTo(1000);
        assertThat(when.get("tokens_over").path()).isEqualTo("routing.policies[0].rules[0].when.tokens_over");
    }

    @Test
    void a_nested_map_points_at_its_key_line() {
        assertThat(root.get("server").line()).isEqualTo(1);
        assertThat(root.get("routing").get("policies").line()).isEqualTo(5);
        assertThat(root.get("routing").get("policies").list().get(0).line()).isEqualTo(6);
    }

    @Test
    void typed_accessors_with_defaults() {
        ConfigNode server = root.get("server");
        assertThat(server.integer("port", 1)).isEqualTo(8080);
        assertThat(server.longValue("port", 1)).isEqualTo(8080L);
        assertThat(server.number("port", 1)).isEqualTo(8080.0);
        assertThat(server.string("host", "x")).isEqualTo("0.0.0.0");
        assertThat(server.integer("missing", 7)).isEqualTo(7);
        assertThat(server.bool("missing", true)).isTrue();
        assertThat(root.string("empty", "dflt")).isEqualTo("dflt");
        assertThat(root.string("tilde", "dflt")).isEqualTo("dflt");
        assertThat(root.get("quoted_null").isNull()).isFalse();
        assertThat(root.string("quoted_null", "dflt")).isEqualTo("null");
        assertThat(root.get("absent")).isNull();
        assertThat(root.has("empty")).isTrue();
        assertThat(root.get("empty").isNull()).isTrue();
    }

    @Test
    void shapes_and_collections() {
        assertThat(root.isMap()).isTrue();
        assertThat(root.get("flags").isList()).isTrue();
        assertThat(root.get("single").isScalar()).isTrue();
        assertThat(root.get("flags").strings()).containsExactly("a", "b");
        assertThat(root.get("single").strings()).containsExactly("only");
        assertThat(root.get("empty").strings()).isEmpty();
        assertThat(root.get("empty").list()).isEmpty();
        assertThat(root.keys()).containsExactly("server", "routing", "flags", "single", "empty", "tilde", "quoted_null");
        assertThat(root.get("server").map().keySet()).containsExactly("port", "host");
    }

    @Test
    void a_wrong_type_names_the_value_line_and_path() {
        ConfigNode node = ConfigNode.parse("a:\n  port: abc\n  ratio: 1.5\n  on: yes\n", "g.yaml").get("a");
        assertThatThrownBy(() -> node.get("port").asInt())
                .isInstanceOf(ConfigException.class)
                .hasMessage("g.yaml:2: a.port: expected a number, got 'abc'");
        assertThatThrownBy(() -> node.integer("port", 0)).hasMessage("g.yaml:2: a.port: expected a number, got 'abc'");
        assertThatThrownBy(() -> node.get("ratio").asInt()).hasMessage("g.yaml:3: a.ratio: expected a whole number, got '1.5'");
        assertThat(node.get("ratio").asDouble()).isEqualTo(1.5);
        assertThatThrownBy(() -> node.get("on").asBoolean()).hasMessage("g.yaml:4: a.on: expected true or false, got 'yes'");
        assertThatThrownBy(() -> node.asString()).hasMessage("g.yaml:1: a: expected a text value, got a map");
        assertThatThrownBy(() -> node.list())
                .hasMessage("g.yaml:1: a: expected a list, got a map. Fix: write it as '- item' lines or [a, b]");
    }

    @Test
    void number_parsing_rejects_java_only_forms() {
        ConfigNode n = ConfigNode.parse("a: NaN\nb: 1.5f\nc: 10_485_760\nd: 1e3\ne: 99999999999\n", "g.yaml");
        assertThatThrownBy(() -> n.get("a").asDouble()).hasMessage("g.yaml:1: a: expected a number, got 'NaN'");
        assertThatThrownBy(() -> n.get("b").asDouble()).hasMessage("g.yaml:2: b: expected a number, got '1.5f'");
        assertThat(n.get("c").asLong()).isEqualTo(10_485_760L);
        assertThat(n.get("d").asDouble()).isEqualTo(1000.0);
        assertThat(n.get("e").asLong()).isEqualTo(99_999_999_999L);
        assertThatThrownBy(() -> n.get("e").asInt()).isInstanceOf(ConfigException.class).hasMessageContaining("g.yaml:5: e:");
    }

    @Test
    void require_names_the_missing_key() {
        ConfigNode d = ConfigNode.parse("deployments:\n  - provider: openai\n    model:\n", "g.yaml")
                .get("deployments").list().get(0);
        assertThatThrownBy(() -> d.require("id"))
                .hasMessage("g.yaml:2: deployments[0]: missing required key 'id'. Fix: add 'id: ...' here");
        assertThatThrownBy(() -> d.require("model"))
                .hasMessage("g.yaml:3: deployments[0].model: 'model' needs a value. Fix: write a value after 'model:'");
        assertThat(d.require("provider").asString()).isEqualTo("openai");
    }

    @Test
    void allow_only_suggests_the_closest_key() {
        ConfigNode d = ConfigNode.parse("- model: a\n  provder: b\n", "g.yaml").list().get(0);
        assertThatThrownBy(() -> d.allowOnly("model", "provider", "weight"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("g.yaml:2: [0].provder: unknown key 'provder'. Fix: did you mean 'provider'?");

        ConfigNode far = ConfigNode.parse("colour: red\n", "g.yaml");
        assertThatThrownBy(() -> far.allowOnly("model", "provider"))
                .hasMessage("g.yaml:1: colour: unknown key 'colour'. Fix: remove it; allowed keys here are: model, provider");
    }

    @Test
    void a_yaml_syntax_error_names_the_line() {
        assertThatThrownBy(() -> ConfigNode.parse("server:\n  port: 1\n   host: x\n", "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo("bad.yaml");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("bad.yaml:3: not valid YAML: ");
                    assertThat(e.fix()).contains("line 3");
                });
        assertThatThrownBy(() -> ConfigNode.parse("a: [1, 2\nb: 3\n", "bad.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void a_duplicate_key_is_an_error_not_a_silent_overwrite() {
        assertThatThrownBy(() -> ConfigNode.parse("server:\n  port: 1\n  port: 2\n", "g.yaml"))
                .hasMessage("g.yaml:3: server.port: duplicate key 'port' (first defined at line 2). "
                        + "Fix: keep one of the two; the second would silently replace the first");
    }

    @Test
    void to_plain_types_values_the_yaml_way() {
        ConfigNode n = ConfigNode.parse("""
                options:
                  api_version: "2024-10-21"
                  ttft_ms: 200
                  big: 5000000000
                  ratio: 0.5
                  stream: true
                  date: 2024-10-21
                  quoted_num: "200"
                  none: null
                  list: [1, two]
                """, "g.yaml");
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) n.get("options").toPlain();
        assertThat(plain.keySet()).containsExactly("api_version", "ttft_ms", "big", "ratio", "stream", "date",
                "quoted_num", "none", "list");
        assertThat(plain.get("api_version")).isEqualTo("2024-10-21");
        assertThat(plain.get("ttft_ms")).isEqualTo(200);
        assertThat(plain.get("big")).isEqualTo(5_000_000_000L);
        assertThat(plain.get("ratio")).isEqualTo(0.5);
        assertThat(plain.get("stream")).isEqualTo(true);
        assertThat(plain.get("date")).isEqualTo("2024-10-21");
        assertThat(plain.get("quoted_num")).isEqualTo("200");
        assertThat(plain.get("none")).isNull();
        assertThat(plain.get("list")).isEqualTo(List.of(1, "two"));
    }

    @Test
    void an_empty_document_is_an_empty_map() {
        ConfigNode n = ConfigNode.parse("# nothing yet\n", "g.yaml");
        assertThat(n.isMap()).isTrue();
        assertThat(n.keys()).isEmpty();
    }

    @Test
    void to_string_never_shows_the_value() {
        ConfigNode n = ConfigNode.parse("api_key: sk-live-123\n", "g.yaml");
        assertThat(n.get("api_key").toString()).isEqualTo("ConfigNode[g.yaml:1 api_key scalar]").doesNotContain("sk-live");
    }
}
