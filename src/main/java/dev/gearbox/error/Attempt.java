package dev.gearbox.error;

/** One failed try at one deployment, as listed in {@link GatewayError.AllAttemptsFailed}. */
public record Attempt(String deployment, String provider, ErrorClass errorClass, int status, String message) {}
