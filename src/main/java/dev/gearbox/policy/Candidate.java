package dev.gearbox.policy;

/** A model a policy is willing to send the request to, with its score and why it is there. */
public record Candidate(String model, double score, String why) {}
