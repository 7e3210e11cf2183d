package dev.gearbox.ui;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Dashboard logins: a random session id per successful login with the admin token, kept in memory
 * with an expiry. The cookie carries only this id, never the token; a restart logs everyone out.
 */
final class Sessions {
    static final String COOKIE = "gearbox_session";
    static final long TTL_MS = 12 * 3_600_000L;
    private static final int MAX = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    Sessions(LongSupplier epochMillis) {
        this.clock = epochMillis;
    }

    String open() {
        if (expiries.size() >= MAX) expiries.entrySet().removeIf(e -> e.getValue() < clock.getAsLong());
        byte[] b = new byte[32];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        expiries.put(id, clock.getAsLong() + TTL_MS);
        return id;
    }

    boolean valid(String id) {
        if (id == null) return false;
        Long until = expiries.get(id);
        if (until == null) return false;
        if (until < clock.getAsLong()) {
            expiries.remove(id);
            return false;
        }
        return true;
    }

    void close(String id) {
        if (id != null) expiries.remove(id);
    }
}
