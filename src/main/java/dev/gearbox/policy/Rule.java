package dev.gearbox.policy;

/** One named rule: when the condition holds, go to the target. */
record Rule(String name, Condition when, Target target) {}
