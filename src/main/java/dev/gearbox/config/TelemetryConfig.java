package dev.gearbox.config;

/**
 * Traces: off unless {@code otlpEndpoint} is set (an OTLP/HTTP traces URL such as
 * {@code http://127.0.0.1:4318/v1/traces}).
 */
public record TelemetryConfig(String otlpEndpoint, String serviceName) {
    public static final TelemetryConfig OFF = new TelemetryConfig(null, "gearbox");

    public boolean enabled() {
        return otlpEndpoint != null && !otlpEndpoint.isBlank();
    }
}
