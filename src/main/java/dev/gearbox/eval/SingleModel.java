package dev.gearbox.eval;

/** What sending every prompt to one model costs and scores, per prompt on average. */
public record SingleModel(String model, double cost, double quality) {}
