package dev.gearbox.governance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits shared by every replica through Redis. Admission is one Lua script (check every limit,
 * then count the request) and settlement another, so concurrent replicas never read-modify-write
 * the same counter. Counters are per UTC minute, day and month under {@code PREFIX:}, and expire.
 */
public final class RedisLimits implements Limits {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLimits.class);

    static final String ADMIT = """
            local function num(k) return tonumber(redis.call('GET', k) or '0') end
            local day, month = num(KEYS[3]), num(KEYS[4])
            if tonumber(ARGV[4]) > 0 and day >= tonumber(ARGV[4]) then return {3, day, month} end
            if tonumber(ARGV[5]) > 0 and month >= tonumber(ARGV[5]) then return {4, day, month} end
            if tonumber(ARGV[1]) > 0 and num(KEYS[1]) + 1 > tonumber(ARGV[1]) then return {1, day, month} end
            if tonumber(ARGV[2]) > 0 and num(KEYS[2]) + tonumber(ARGV[3]) > tonumber(ARGV[2]) then return {2, day, month} end
            redis.call('INCR', KEYS[1]); redis.call('EXPIRE', KEYS[1], 120)
            redis.call('INCRBY', KEYS[2], ARGV[3]); redis.call('EXPIRE', KEYS[2], 120)
            return {0, day, month}
            """;
    static final String SETTLE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[1]) end
            redis.call('INCRBY', KEYS[2], ARGV[2]); redis.call('EXPIRE', KEYS[2], 172800)
            redis.call('INCRBY', KEYS[3], ARGV[2]); redis.call('EXPIRE', KEYS[3], 2764800)
            return 1
            """;

    private final Redis redis;
    private final RedisAPI api;
    private final String prefix;
    private final LongSupplier epochMillis;
    private final String admitSha = sha1(ADMIT);
    private final String settleSha = sha1(SETTLE);

    public RedisLimits(Vertx vertx, String url, String prefix, LongSupplier epochMillis) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16).setMaxPoolWaiting(1024));
        this.api = RedisAPI.api(redis);
        this.prefix = prefix;
        this.epochMillis = epochMillis;
    }

    /** Checks Redis answers (at start, so a wrong URL fails loudly instead of on the first request). */
    public Future<Void> ping() {
        return api.ping(List.of()).mapEmpty();
    }

    @Override
    public Future<Double> admit(VirtualKey k, int estimatedTokens) {
        long now = epochMillis.getAsLong();
        Windows w = Windows.at(now);
        List<String> keys = List.of(prefix + ":rpm:" + k.id() + ":" + w.minute(), prefix + ":tpm:" + k.id() + ":" + w.minute(),
                prefix + ":usd:d:" + k.id() + ":" + w.day(), prefix + ":usd:m:" + k.id() + ":" + w.month());
        List<String> args = List.of(Integer.toString(k.rpm()), Integer.toString(k.tpm()), Integer.toString(estimatedTokens),
                Long.toString(Limits.micros(k.dailyUsd())), Long.toString(Limits.micros(k.monthlyUsd())));
        return run(admitSha, ADMIT, keys, args).compose(r -> {
            int which = r.get(0).toInteger();
            if (which != Refusals.OK) return Future.failedFuture(Refusals.of(which, k, w, now));
            return Future.succeededFuture(Refusals.budgetLeft(k, r.get(1).toLong(), r.get(2).toLong()));
        });
    }

    @Override
    public void settle(VirtualKey k, int estimatedTokens, int actualTokens, double costUsd) {
        Windows w = Windows.at(epochMillis.getAsLong());
        List<String> keys = List.of(prefix + ":tpm:" + k.id() + ":" + w.minute(), prefix + ":usd:d:" + k.id() + ":" + w.day(),
                prefix + ":usd:m:" + k.id() + ":" + w.month());
        run(settleSha, SETTLE, keys, List.of(Integer.toString(actualTokens - estimatedTokens), Long.toString(Limits.micros(costUsd))))
                .onFailure(e -> LOG.warn("could not count spend for key {} in Redis: {}", k.id(), e.getMessage()));
    }

    /** EVALSHA, loading the script with EVAL the first time Redis has not seen it. */
    private Future<Response> run(String sha, String script, List<String> keys, List<String> args) {
        return api.evalsha(command(sha, keys, args)).recover(e -> {
            if (e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT")) return api.eval(command(script, keys, args));
            return Future.failedFuture(e);
        });
    }

    private static List<String> command(String first, List<String> keys, List<String> args) {
        List<String> c = new ArrayList<>(2 + keys.size() + args.size());
        c.add(first);
        c.add(Integer.toString(keys.size()));
        c.addAll(keys);
        c.addAll(args);
        return c;
    }

    private static String sha1(String s) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        redis.close();
    }
}
