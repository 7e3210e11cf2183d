package dev.gearbox.config;

/**
 * One named routing policy as written in the file. Only {@code name} and {@code type} are read
 * here; the policy stage validates {@code body} (the whole entry, name and type included) itself,
 * so a new policy type needs no change to the loader.
 */
public record PolicyConfig(String name, String type, ConfigNode body) {}
