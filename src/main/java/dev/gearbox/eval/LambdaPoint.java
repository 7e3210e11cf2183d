package dev.gearbox.eval;

/** What a multi-model router achieved at one willingness-to-pay: mean cost and quality per prompt. */
public record LambdaPoint(double lambda, double cost, double quality) {}
