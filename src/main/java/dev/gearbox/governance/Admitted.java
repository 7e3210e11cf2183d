package dev.gearbox.governance;

/** A request governance let through: the key it counts against and the tokens it was estimated at. */
public record Admitted(VirtualKey key, int estimatedTokens) {}
