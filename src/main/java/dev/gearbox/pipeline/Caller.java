package dev.gearbox.pipeline;

import java.util.Map;

/**
 * Who is asking and in which capacity: the key id (never the key itself), the feature tag from
 * {@code x-gearbox-tag}, the tier the caller runs in, and the request's metadata.
 */
public record Caller(String keyId, String tag, String tier, Map<String, String> metadata) {
    public static final String ANONYMOUS = "anonymous";

    public Caller {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
