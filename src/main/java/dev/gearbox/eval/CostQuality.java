package dev.gearbox.eval;

/** A point on the cost-quality plane: mean USD per prompt and mean score per prompt. */
public record CostQuality(double cost, double quality) {}
