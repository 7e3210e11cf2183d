package dev.gearbox.pipeline;

import dev.gearbox.chat.Usage;
import dev.gearbox.error.ErrorClass;

/**
 * One call to one deployment, successful or not, as the ledger stores it. {@code errorClass} is
 * null on success; {@code ttftMillis} is -1 when no first token arrived or the call was not streamed.
 */
public record AttemptRecord(String deployment, String provider, String model, int status, ErrorClass errorClass,
                            long latencyMillis, long ttftMillis, Usage usage, double costUsd) {}
