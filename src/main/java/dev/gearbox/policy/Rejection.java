package dev.gearbox.policy;

/** A model a policy considered and ruled out, with the reason (too small a context, no tools, ...). */
public record Rejection(String model, String why) {}
