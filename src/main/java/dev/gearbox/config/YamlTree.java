package dev.gearbox.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns snakeyaml-engine's node tree into {@link ConfigNode}s, keeping the line of every value
 * (the line of its key inside a map, so an error points where the person typed the name), and
 * interpolating environment variables into scalar values on the way.
 */
final class YamlTree {
    private static final int MAX_DEPTH = 64;

    private final String file;
    private final Function<String, String> env;

    private YamlTree(String file, Function<String, String> env) {
        this.file = file;
        this.env = env;
    }

    static ConfigNode parse(String yamlText, String fileName, Function<String, String> env) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setAllowRecursiveKeys(false)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yamlText);
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(fileName, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(fileName, 0, "", "not valid YAML: " + e.getMessage(),
                    "check the file is YAML");
        }
        if (root.isEmpty()) return ConfigNode.map(fileName, 1, "", new LinkedHashMap<>());
        YamlTree tree = new YamlTree(fileName, env);
        Node node = root.get();
        return tree.convert(node, line(node), "", 0);
    }

    private static ConfigException syntaxError(String fileName, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        int line = mark.map(m -> m.getLine() + 1).orElse(0);
        String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return new ConfigException(fileName, line, "", "not valid YAML: " + problem + context,
                "check indentation, a missing ':' or an unclosed quote or bracket at or just above line " + line);
    }

    private ConfigNode convert(Node node, int line, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(file, line, path, "nesting deeper than " + MAX_DEPTH + " levels",
                    "check for an anchor that refers to itself");
        }
        return switch (node) {
            case ScalarNode s -> scalar(s, line, path);
            case SequenceNode seq -> {
                List<ConfigNode> items = new ArrayList<>(seq.getValue().size());
                int i = 0;
                for (Node item : seq.getValue()) {
                    items.add(convert(item, line(item), path + "[" + i + "]", depth + 1));
                    i++;
                }
                yield ConfigNode.list(file, line, path, items);
            }
            case MappingNode map -> mapping(map, line, path, depth);
            default -> throw new ConfigException(file, line, path, "unsupported YAML node", null);
        };
    }

    private ConfigNode mapping(MappingNode map, int line, String path, int depth) {
        LinkedHashMap<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            int keyLine = line(t.getKeyNode());
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new ConfigException(file, keyLine, path, "a key must be a plain name, not a list or map",
                        "write the key as text followed by ':'");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            Integer first = keyLines.putIfAbsent(key, keyLine);
            if (first != null) {
                throw new ConfigException(file, keyLine, childPath,
                        "duplicate key '" + key + "' (first defined at line " + first + ")",
                        "keep one of the two; the second would silently replace the first");
            }
            entries.put(key, convert(t.getValueNode(), keyLine, childPath, depth + 1));
        }
        return ConfigNode.map(file, line, path, entries);
    }

    private ConfigNode scalar(ScalarNode s, int line, String path) {
        String value = s.getValue();
        String reference = null;
        if (env != null && value.indexOf('$') >= 0) {
            if (WHOLE_REFERENCE.matcher(value).matches()) reference = value.substring(2, value.length() - 1);
            value = Interpolation.apply(value, env, file, line, path);
        }
        return ConfigNode.scalar(file, line, path, value, s.isPlain(), reference);
    }

    private static final java.util.regex.Pattern WHOLE_REFERENCE = java.util.regex.Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
