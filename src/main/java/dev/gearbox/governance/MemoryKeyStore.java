package dev.gearbox.governance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keys in this process only (the ledger's {@code memory} store): gone at exit. */
public final class MemoryKeyStore implements KeyStore {
    private final Map<String, VirtualKey> keys = new LinkedHashMap<>();

    @Override
    public synchronized void create(VirtualKey key) {
        keys.put(key.id(), key);
    }

    @Override
    public synchronized List<VirtualKey> list() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public synchronized boolean revoke(String id, long epochMillis) {
        VirtualKey k = keys.get(id);
        if (k == null || k.revoked()) return false;
        keys.put(id, k.revokedAt(epochMillis));
        return true;
    }
}
