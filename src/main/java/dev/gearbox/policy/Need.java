package dev.gearbox.policy;

import dev.gearbox.pipeline.AttemptRecord;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Slow input a policy needs before it can decide (an embedding of the prompt, a judge model's
 * label). The router fulfils it off the event loop, adds the result to {@link Prepared}, and asks
 * the policy again; {@code decide} itself stays a pure function of its input. A need is a typed key:
 * equal needs are fulfilled once per request.
 *
 * @param <T> the type of the result the policy reads back with {@link Prepared#require}
 */
public interface Need<T> {
    /**
     * Starts the work and completes with its result. Anything billed (a judge call) is reported to
     * {@code billing} before the future completes, or, when it cannot be known in time, estimated.
     */
    Future<T> fulfil(RoutingInput input, SlowWork work, Consumer<AttemptRecord> billing);

    /** A short name for errors and logs, e.g. {@code prompt-embedding}. */
    String describe();
}
