package dev.gearbox.config;

import java.util.Map;

/**
 * One upstream account: which adapter speaks to it ({@code kind}), where, and with which key.
 * {@code options} carries adapter-specific settings (Azure api-version, simulated latencies).
 */
public record ProviderConfig(String name, String kind, String baseUrl, Secret apiKey,
                             Map<String, String> headers, Map<String, Object> options) {
    public ProviderConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        options = options == null ? Map.of() : Map.copyOf(options);
        if (apiKey == null) apiKey = Secret.NONE;
    }

    public String option(String key, String dflt) {
        Object v = options.get(key);
        return v == null ? dflt : v.toString();
    }

    public double option(String key, double dflt) {
        Object v = options.get(key);
        if (v == null) return dflt;
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
    }
}
