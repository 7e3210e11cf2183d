package dev.gearbox.config;

/**
 * Where the gateway listens and how large a request body it accepts. Port 0 asks the operating
 * system for a free port (tests, side-by-side runs).
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 10 MiB: room for a long conversation with a few inline images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;

    public static final ServerConfig DEFAULTS = new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
}
