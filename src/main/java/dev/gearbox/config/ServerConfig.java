package dev.gearbox.config;

/**
 * Where the gateway listens and the limits it puts on what a client sends: body and header sizes,
 * and how long a client may take to send its request head and its body (a slow client, slowloris,
 * must not hold a connection forever). Port 0 asks the operating system for a free port.
 */
public record ServerConfig(String host, int port, long maxBodyBytes, int maxHeaderBytes, long headerTimeoutMs,
                           long bodyTimeoutMs) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 10 MiB: room for a long conversation with a few inline images. */
    public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
    /** Request line plus headers: 32 KiB holds any real client's headers (browsers send under 8 KiB). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;
    /**
     * A request head (line and headers) must be complete this long after the connection opened or
     * the last answer ended; also how long an idle keep-alive connection is kept (longer than the
     * JDK's and OkHttp's client-side idle times, so clients drop idle connections first).
     */
    public static final long DEFAULT_HEADER_TIMEOUT_MS = 60_000;
    /** A request body must be complete this long after its head arrived (10 MiB at 1 Mbit/s takes about 84 s). */
    public static final long DEFAULT_BODY_TIMEOUT_MS = 120_000;

    public static final ServerConfig DEFAULTS = new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);

    /** Address and body limit with the other limits at their defaults. */
    public ServerConfig(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_MAX_HEADER_BYTES, DEFAULT_HEADER_TIMEOUT_MS, DEFAULT_BODY_TIMEOUT_MS);
    }

    /** The same limits on another address (tests listen on port 0). */
    public ServerConfig at(String newHost, int newPort) {
        return new ServerConfig(newHost, newPort, maxBodyBytes, maxHeaderBytes, headerTimeoutMs, bodyTimeoutMs);
    }
}
