package dev.gearbox.providers;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upstream URL taken apart once: a provider's calls go to a handful of URLs, and parsing the
 * absolute URL on every request (Vert.x's {@code setAbsoluteURI}) showed in profiles. The URL
 * comes from configuration and the model name, never from the client alone.
 */
record UpstreamUrl(boolean ssl, String host, int port, String uri) {
    private static final int KNOWN = 1_024;
    private static final ConcurrentHashMap<String, UpstreamUrl> PARSED = new ConcurrentHashMap<>();

    static UpstreamUrl of(String url) {
        UpstreamUrl u = PARSED.get(url);
        if (u != null) return u;
        u = parse(url);
        if (PARSED.size() >= KNOWN) PARSED.clear();
        PARSED.put(url, u);
        return u;
    }

    static UpstreamUrl parse(String url) {
        URI u = URI.create(url);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new IllegalArgumentException("not an http(s) URL: " + url);
        boolean ssl = scheme.equals("https");
        int port = u.getPort() >= 0 ? u.getPort() : ssl ? 443 : 80;
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        String uri = u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        String host = u.getHost();
        if (host == null) throw new IllegalArgumentException("no host in URL: " + url);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        return new UpstreamUrl(ssl, host, port, uri);
    }
}
