package dev.gearbox.ledger;

/**
 * What a shadow policy would have done with a request: its first model, whether that differs from
 * the model that served, and what the request would have cost there (its real token counts priced
 * at that model).
 */
public record ShadowDecision(String policy, String version, String model, boolean diverges, double projectedCostUsd) {}
