package dev.gearbox.pipeline;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.dispatch.Cascade;
import dev.gearbox.dispatch.Dispatcher;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.policy.Router;
import dev.gearbox.signals.SignalExtractor;

/**
 * The stages built from one configuration snapshot. Ingress reads the current one per request;
 * a config reload builds a new one and swaps it whole, so a request never sees half a config.
 *
 * @param baseline the model savings are measured against, or null when none is configured
 * @param cascade  runs cascade decisions on top of {@code dispatcher} (others pass straight through)
 * @param redact   how much of the prompt the ledger keeps
 * @param governance virtual keys, limits, budgets and tier caps
 */
public record Pipeline(SignalExtractor signals, Router router, Dispatcher dispatcher, Ledger ledger,
                       ModelInfo baseline, long maxBodyBytes, Cascade cascade, dev.gearbox.config.LedgerConfig.Redact redact,
                       dev.gearbox.governance.Governance governance, dev.gearbox.observe.Observer observer) {
    public Pipeline {
        if (redact == null) redact = dev.gearbox.config.LedgerConfig.Redact.NONE;
    }
}
