package dev.gearbox.pipeline;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.policy.Router;
import dev.gearbox.signals.SignalExtractor;

/**
 * The stages built from one configuration snapshot. Ingress reads the current one per request;
 * a config reload builds a new one and swaps it whole, so a request never sees half a config.
 *
 * @param baseline the model savings are measured against, or null when none is configured
 */
public record Pipeline(SignalExtractor signals, Router router, Dispatcher dispatcher, Ledger ledger,
                       ModelInfo baseline, long maxBodyBytes) {}
