package dev.gearbox.governance;

import java.util.List;

/** Where virtual keys live: the ledger's database (SQLite or PostgreSQL), or memory for tests and demos. Blocking. */
public interface KeyStore {
    void create(VirtualKey key);

    List<VirtualKey> list();

    /** Marks the key revoked; false when there is no such (unrevoked) key. */
    boolean revoke(String id, long epochMillis);
}
