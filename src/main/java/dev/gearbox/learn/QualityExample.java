package dev.gearbox.learn;

/**
 * One labelled prompt for a router over many models: its text, its embedding, and each model's
 * score on it (scaled to 0..1), in the order of the models list the trainer is given.
 */
public record QualityExample(String text, float[] embedding, double[] scores) {}
