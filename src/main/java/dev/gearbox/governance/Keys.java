package dev.gearbox.governance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The virtual keys as the request path sees them: an in-memory copy of the {@link KeyStore} (the
 * store is blocking; the event loop never touches it), refreshed by {@link #refresh} on a worker
 * every few seconds and at once after the admin API changes a key. A bearer token is looked up by
 * its SHA-256; the stored hash is then compared in constant time.
 */
public final class Keys {
    private final KeyStore store;
    private final LongSupplier clock;
    private volatile Map<String, VirtualKey> byHash = Map.of();

    public Keys(KeyStore store, LongSupplier epochMillis) {
        this.store = store;
        this.clock = epochMillis;
        refresh();
    }

    public KeyStore store() {
        return store;
    }

    /** Reloads from the store (blocking: call from a worker). */
    public void refresh() {
        Map<String, VirtualKey> m = new HashMap<>();
        for (VirtualKey k : store.list()) m.put(k.secretHash(), k);
        byHash = Map.copyOf(m);
    }

    /** The key a bearer token stands for, revoked or not; null when it is not a key of ours. */
    public VirtualKey find(String token) {
        if (token == null || !token.startsWith(KeySecrets.PREFIX)) return null;
        String h = KeySecrets.hash(token);
        VirtualKey k = byHash.get(h);
        return k != null && KeySecrets.same(k.secretHash(), h) ? k : null;
    }

    /** Creates a key and returns it with its secret, which is shown once and never stored. */
    public Created create(String name, String team, String tier, List<String> allowed, int rpm, int tpm, double dailyUsd,
                          double monthlyUsd) {
        return create(name, team, tier, allowed, rpm, tpm, dailyUsd, monthlyUsd, null);
    }

    /** As above, with the key's mode: observe or route (null: the route's or the gateway's). */
    public Created create(String name, String team, String tier, List<String> allowed, int rpm, int tpm, double dailyUsd,
                          double monthlyUsd, String mode) {
        if (mode != null && !mode.equals("observe") && !mode.equals("route")) throw new IllegalArgumentException("mode is observe or route");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a key needs a name");
        if (rpm < 0 || tpm < 0 || dailyUsd < 0 || monthlyUsd < 0) throw new IllegalArgumentException("limits cannot be negative (0 = none)");
        String secret = KeySecrets.newSecret();
        VirtualKey k = new VirtualKey(KeySecrets.newId(), name.trim(), blankToNull(team), blankToNull(tier), allowed, rpm, tpm,
                dailyUsd, monthlyUsd, clock.getAsLong(), null, KeySecrets.hash(secret), mode);
        store.create(k);
        refresh();
        return new Created(k, secret);
    }

    public boolean revoke(String id) {
        boolean done = store.revoke(id, clock.getAsLong());
        refresh();
        return done;
    }

    public List<VirtualKey> list() {
        return store.list();
    }

    /** A new key and its secret. */
    public record Created(VirtualKey key, String secret) {}

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
