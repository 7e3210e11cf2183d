package dev.gearbox.policy;

import dev.gearbox.chat.TokenCounter;
import dev.gearbox.pipeline.AttemptRecord;
import dev.gearbox.signals.Signals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The token counter's tables, which a decision needs for an exact prompt token count (a rule's
 * token bound, a context window that the byte bound cannot clear). Loading them takes seconds, so
 * on an event loop a decision that needs them before they are loaded stops with {@link Unprepared};
 * the router loads them on a worker and decides again. Off the event loop (eval, replay) they are
 * simply loaded.
 */
final class TokenizerNeed implements Need<Boolean> {
    static final TokenizerNeed INSTANCE = new TokenizerNeed();

    private TokenizerNeed() {}

    /** The request's prompt tokens, or {@link Unprepared} on an event loop while the tables are not loaded. */
    static int inputTokens(Signals s) {
        if (!TokenCounter.ready() && Context.isOnEventLoopThread()) throw new Unprepared(INSTANCE);
        return s.inputTokens();
    }

    @Override
    public Future<Boolean> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing) {
        return TokenCounter.load().map(v -> Boolean.TRUE);
    }

    @Override
    public String describe() {
        return "token-counter";
    }
}
