package dev.gearbox.eval;

/**
 * One threshold of a two-model router's curve: the share of prompts sent to the strong model (in
 * percent) and the mean score of the answers chosen.
 */
public record CurvePoint(double threshold, double strongPercent, double quality) {}
