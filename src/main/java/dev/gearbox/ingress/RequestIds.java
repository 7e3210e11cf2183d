package dev.gearbox.ingress;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Short, unique, time-ordered request ids: {@code gbx-<millis base36><counter base36><random>}. */
final class RequestIds {
    private static final AtomicLong COUNTER = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));

    private RequestIds() {}

    static String next(long epochMillis) {
        long n = COUNTER.incrementAndGet() & 0xFFFFFF;
        return "gbx-" + Long.toString(epochMillis, 36) + Long.toString(n | 0x1000000, 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
    }
}
