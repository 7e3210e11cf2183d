package dev.gearbox.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The configuration {@code ./gearbox serve} uses without {@code --config}: the simulated demo fleet,
 * plus real providers for whichever of OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY is set, and
 * the admin API and dashboard when GEARBOX_ADMIN_TOKEN is (serve makes one up for the demo).
 */
final class DemoConfig {
    static final String FILE = "<built-in demo>";
    /** The demo's admin token (dashboard, admin API); serve makes one up when it is not set. */
    static final String ADMIN_TOKEN_ENV = "GEARBOX_ADMIN_TOKEN";

    private DemoConfig() {}

    static String yaml(Function<String, String> env) {
        String base;
        try (InputStream in = DemoConfig.class.getResourceAsStream("/dev/gearbox/app/demo.yaml")) {
            base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the demo config is missing from the jar", e);
        }
        StringBuilder providers = new StringBuilder();
        StringBuilder deployments = new StringBuilder();
        real(env, "OPENAI_API_KEY", "openai", "openai", new String[] {"gpt-4.1-nano", "gpt-4.1-mini", "gpt-4.1"},
                providers, deployments);
        real(env, "ANTHROPIC_API_KEY", "anthropic", "anthropic",
                new String[] {"claude-3-5-haiku", "claude-haiku-4-5", "claude-sonnet-4-5"}, providers, deployments);
        real(env, "GEMINI_API_KEY", "gemini", "gemini",
                new String[] {"gemini-2.0-flash", "gemini-2.5-flash", "gemini-2.5-pro"}, providers, deployments);
        String token = env.apply(ADMIN_TOKEN_ENV);
        String auth = token == null || token.isBlank() ? "" : "\nauth:\n  admin_token_env: " + ADMIN_TOKEN_ENV + "\n";
        return base.replace("\ndeployments:\n", providers + "\ndeployments:\n" + deployments) + auth;
    }

    private static void real(Function<String, String> env, String var, String name, String kind, String[] models,
                             StringBuilder providers, StringBuilder deployments) {
        String v = env.apply(var);
        if (v == null || v.isBlank()) return;
        providers.append("  - name: ").append(name).append("\n    kind: ").append(kind)
                .append("\n    api_key_env: ").append(var).append('\n');
        for (String m : models) deployments.append("  - {model: ").append(m).append(", provider: ").append(name).append("}\n");
    }
}
