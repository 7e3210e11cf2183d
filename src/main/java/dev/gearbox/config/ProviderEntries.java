package dev.gearbox.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads the {@code providers:} section into {@link ProviderConfig}s, resolving each API key to a {@link Secret}. */
final class ProviderEntries {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> KEY_SOURCES = List.of("api_key_env", "api_key", "api_key_file");

    private ProviderEntries() {}

    static List<ProviderConfig> parse(ConfigNode section, Set<String> kinds, Function<String, String> env, Path baseDir) {
        List<ProviderConfig> out = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (ConfigNode p : section.list()) {
            if (!p.isMap()) throw p.error("a provider must be a map", "write it as '- name: ...' with kind: and a key");
            p.allowOnly("name", "kind", "base_url", "api_key_env", "api_key", "api_key_file", "headers", "options");
            ConfigNode nameNode = p.require("name");
            String name = nameNode.asString().trim();
            if (!NAME.matcher(name).matches()) {
                throw nameNode.error("provider name '" + name + "' has characters other than letters, digits, '.', '_' and '-'",
                        "rename it, e.g. openai-eu");
            }
            Integer previous = firstLine.putIfAbsent(name, nameNode.line());
            if (previous != null) {
                throw nameNode.error("duplicate provider name '" + name + "' (first defined at line " + previous + ")",
                        "give each provider account its own name, e.g. " + name + "-2");
            }
            String kind = kind(p.require("kind"), kinds);
            String baseUrl = baseUrl(p.get("base_url"));
            Secret key = secret(p, env, baseDir);
            Map<String, String> headers = headers(p.get("headers"));
            Map<String, Object> options = options(p.get("options"));
            out.add(new ProviderConfig(name, kind, baseUrl, key, headers, options));
        }
        return out;
    }

    private static String kind(ConfigNode node, Set<String> kinds) {
        String kind = node.asString().trim();
        if (kinds.contains(kind)) return kind;
        List<String> close = DidYouMean.closest(kind, kinds, 1);
        String known = String.join(", ", new TreeSet<>(kinds));
        throw node.error("unknown provider kind '" + kind + "'",
                (close.isEmpty() ? "" : "did you mean '" + close.get(0) + "'? ") + "known kinds: " + known);
    }

    private static String baseUrl(ConfigNode node) {
        if (node == null || node.isNull()) return null;
        String url = node.asString().trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return url.replaceAll("/+$", "");
            }
        } catch (URISyntaxException e) {
            // reported below with the fix
        }
        throw node.error("base_url '" + url + "' is not an http(s) URL", "e.g. https://api.openai.com/v1");
    }

    private static Secret secret(ConfigNode p, Function<String, String> env, Path baseDir) {
        List<String> given = KEY_SOURCES.stream().filter(k -> p.has(k) && !p.get(k).isNull()).toList();
        if (given.size() > 1) {
            throw p.get(given.get(1)).error("both " + given.get(0) + " and " + given.get(1) + " are set",
                    "keep one way of giving the key");
        }
        if (given.isEmpty()) return Secret.NONE;
        ConfigNode node = p.get(given.get(0));
        return switch (given.get(0)) {
            case "api_key_env" -> fromEnv(node, env);
            case "api_key_file" -> fromFile(node, baseDir);
            default -> {
                if (node.environmentReference() == null) {
                    // the value is not echoed: it is a key, and this message goes to a log
                    throw node.error("a provider key is written into the config file",
                            "keep keys out of the file: api_key_env: OPENAI_API_KEY, api_key: ${OPENAI_API_KEY} or api_key_file: /run/secrets/openai");
                }
                yield Secret.of(node.asString().trim(), "env:" + node.environmentReference());
            }
        };
    }

    private static Secret fromEnv(ConfigNode node, Function<String, String> env) {
        String name = node.asString().trim();
        if (!ENV_NAME.matcher(name).matches()) {
            // the value is not echoed: a key pasted here by mistake must not end up in a log
            throw node.error("the value is not an environment variable name",
                    "api_key_env takes the variable's name, e.g. OPENAI_API_KEY; to give the key itself use api_key");
        }
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw node.error("environment variable " + name + " is not set",
                    "export " + name + "=... before starting Gearbox, or remove the key setting if this provider needs none");
        }
        return Secret.of(value.trim(), "env:" + name);
    }

    private static Secret fromFile(ConfigNode node, Path baseDir) {
        String raw = node.asString().trim();
        Path path = baseDir.resolve(raw);
        String value;
        try {
            value = Files.readString(path, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw node.error("cannot read api_key_file " + path + " (" + e.getClass().getSimpleName() + ")",
                    "check the path; a relative path is resolved against the config file's folder");
        }
        if (value.isEmpty()) throw node.error("api_key_file " + path + " is empty", "write the key into the file");
        return Secret.of(value, "file:" + raw);
    }

    private static Map<String, String> headers(ConfigNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) return out;
        node.map().forEach((k, v) -> {
            if (v.isNull()) throw v.error("header '" + k + "' has no value", "give it a value or remove it");
            out.put(k, v.asString());
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(ConfigNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isMap()) throw node.error("options must be a map", "write it as 'options: {key: value}'");
        ((Map<String, Object>) node.toPlain()).forEach((k, v) -> {
            if (v != null) out.put(k, v); // ProviderConfig copies with Map.copyOf, which rejects null: null means unset
        });
        return out;
    }
}
