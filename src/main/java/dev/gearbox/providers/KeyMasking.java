package dev.gearbox.providers;

import dev.gearbox.config.Deployment;
import dev.gearbox.error.GatewayError;

/**
 * Masks the provider account's key in an upstream error before it goes anywhere: some APIs echo
 * the key they were sent in an error message, and that message becomes the client's error body,
 * the ledger's attempt record and a log line. The key is the gateway's, never the client's.
 */
final class KeyMasking {
    static final String MASK = "[provider key]";

    private KeyMasking() {}

    static GatewayError mask(Deployment d, GatewayError e) {
        if (!(e instanceof GatewayError.UpstreamError u) || u.getMessage() == null) return e;
        var key = d.provider().apiKey();
        if (key == null || !key.present() || key.reveal().length() < 4) return e;
        String message = u.getMessage();
        return message.contains(key.reveal()) ? u.withMessage(message.replace(key.reveal(), MASK)) : e;
    }
}
