package dev.gearbox.ingress;

import dev.gearbox.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every kind of bad input the gateway is promised to answer with a clear 4xx (or a closed
 * connection for a client that never finishes its request head), per endpoint. Each case is sent
 * as raw bytes, so nothing a client library would fix up is fixed up. {@link BadInputTest} runs
 * them and renders the table in docs/security.md from them.
 */
final class BadInputCases {
    /** The limits the gateway under test runs with (server: section). */
    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_HEADER = 16 * 1024;
    static final int TIMEOUT_MS = 400;
    static final String SERVER = "server: {max_body_bytes: %d, max_header_bytes: %d, header_timeout_ms: %d, body_timeout_ms: %d}\n"
            .formatted(MAX_BODY, MAX_HEADER, TIMEOUT_MS, TIMEOUT_MS);

    /** What a probe does on a fresh connection; most send one request and read until the server closes. */
    interface Probe {
        RawHttp.Answer run(int port);
    }

    /** One row: what is sent, where, and the status and error code (OpenAI shape) or error type (Anthropic shape) expected. */
    record Case(String name, Endpoint endpoint, Probe probe, int status, String error) {
        Case {
            // An OpenAI-shaped error without a code is labelled by its type, as the table shows it.
            if (error == null && status >= 400) error = "invalid_request_error";
        }
    }

    /** An endpoint with a valid body to start from and the names its format gives the fields the cases break. */
    enum Endpoint {
        CHAT("/v1/chat/completions", "{\"model\":\"demo-mid\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        MESSAGES("/v1/messages", "{\"model\":\"demo-mid\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
        RESPONSES("/v1/responses", "{\"model\":\"demo-mid\",\"input\":\"hi\"}"),
        EMBEDDINGS("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}"),
        FEEDBACK("/v1/feedback", "{\"request_id\":\"r1\",\"score\":1,\"comment\":\"hi\"}");

        final String path;
        final String valid;

        Endpoint(String path, String valid) {
            this.path = path;
            this.valid = valid;
        }

        boolean anthropicShape() {
            return this == MESSAGES;
        }

        /** The valid body with one top-level field set to raw JSON {@code value} (added, or replacing the old one). */
        String with(String field, String value) {
            String body = valid;
            int at = body.indexOf("\"" + field + "\":");
            if (at < 0) return body.substring(0, body.length() - 1) + ",\"" + field + "\":" + value + "}";
            int start = at + field.length() + 3;
            int end = valueEnd(body, start);
            return body.substring(0, start) + value + body.substring(end);
        }

        String without(String field) {
            String body = valid;
            int at = body.indexOf("\"" + field + "\":");
            int end = valueEnd(body, at + field.length() + 3);
            String rest = body.substring(end);
            return body.substring(0, at) + (rest.startsWith(",") ? rest.substring(1) : rest);
        }

        private static int valueEnd(String body, int start) {
            int depth = 0;
            boolean inString = false;
            for (int i = start; i < body.length(); i++) {
                char c = body.charAt(i);
                if (inString) {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    if (depth == 0) return i;
                    depth--;
                } else if (c == ',' && depth == 0) {
                    return i;
                }
            }
            return body.length();
        }
    }

    private BadInputCases() {}

    static List<Case> all() {
        List<Case> out = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) everyEndpoint(e, out);
        for (Endpoint e : List.of(Endpoint.CHAT, Endpoint.MESSAGES, Endpoint.RESPONSES)) chat(e, out);
        embeddingsAndFeedback(out);
        connection(out);
        return out;
    }

    private static void everyEndpoint(Endpoint e, List<Case> out) {
        String invalid = e == Endpoint.MESSAGES ? "invalid_request_error" : "invalid_json";
        out.add(post("empty body", e, "", 400, invalid));
        out.add(post("malformed JSON", e, "{\"model\": \"demo-mid\",,}", 400, invalid));
        out.add(post("truncated JSON", e, e.valid.substring(0, e.valid.length() / 2), 400, invalid));
        out.add(post("trailing data after the object", e, e.valid + " {}", 400, invalid));
        out.add(post("JSON nested 10,000 deep", e, e.with("deep", "[".repeat(10_000) + "]".repeat(10_000)), 400, invalid));
        out.add(post("number literal of 1,000 digits", e, e.with("big", "9".repeat(1000)), 400, invalid));
        out.add(new Case("invalid UTF-8 in a string", e, port -> exchange(port, request("POST", e.path,
                invalidUtf8(e.valid), "content-type: application/json")), 400, invalid));
        out.add(post("not a JSON object (an array)", e, "[1,2,3]", 400, e == Endpoint.MESSAGES ? "invalid_request_error" : "invalid_type"));
        String tooLarge = "request_too_large";
        String big = e.with("pad", "\"" + "x".repeat(MAX_BODY + 1) + "\"");
        out.add(post("body over max_body_bytes (Content-Length)", e, big, 413, tooLarge));
        out.add(new Case("body over max_body_bytes (chunked, no length)", e,
                port -> exchange(port, chunked(e.path, big)), 413, tooLarge));
    }

    private static void chat(Endpoint e, List<Case> out) {
        boolean anthropic = e == Endpoint.MESSAGES;
        boolean responses = e == Endpoint.RESPONSES;
        String bad = anthropic ? "invalid_request_error" : null;
        String messages = responses ? "input" : "messages";
        String max = responses ? "max_output_tokens" : "max_tokens";
        out.add(post("model is a number", e, e.with("model", "42"), 400, anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post("model missing", e, e.without("model"), 400, anthropic ? bad : responses ? null : "missing_required_parameter"));
        out.add(post(messages + " is a number", e, e.with(messages, "7"), 400, anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post(max + " is a string", e, e.with(max, "\"ten\""), 400, anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post(max + " above 2^31", e, e.with(max, "99999999999999999999"), 400, anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post("temperature 1e400 (not a finite double)", e, e.with("temperature", "1e400"), 400,
                anthropic ? bad : responses ? null : "invalid_value"));
        out.add(post("stream is a string", e, e.with("stream", "\"yes\""), 400, anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post(messages + " is an empty array", e, e.with(messages, "[]"), 400, anthropic ? bad : responses ? null : "empty_array"));
        out.add(post("unknown role", e, e.with(messages, "[{\"role\":\"wizard\",\"content\":\"hi\"}]"), 400,
                anthropic ? bad : responses ? null : "invalid_value"));
        out.add(post("empty content (served)", e, e.with(messages, "[{\"role\":\"user\",\"content\":\"\"}]"), 200, null));
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 5000; i++) {
            if (i > 0) many.append(',');
            many.append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":\"turn ").append(i).append("\"}");
        }
        out.add(post("5,000 messages (served)", e, e.with(messages, many.append(']').toString()), 200, null));
        out.add(post("tool schema is not an object", e, e.with("tools", tools(e, "\"a string\"")), 400,
                anthropic ? bad : responses ? null : "invalid_type"));
        out.add(post("tool schema with a type JSON Schema lacks", e, e.with("tools", tools(e, "{\"type\":\"banana\"}")), 400,
                anthropic ? bad : responses ? null : "invalid_value"));
        out.add(post("tool schema whose properties is a list", e,
                e.with("tools", tools(e, "{\"type\":\"object\",\"properties\":[\"city\"]}")), 400,
                anthropic ? bad : responses ? null : "invalid_value"));
    }

    private static String tools(Endpoint e, String schema) {
        return switch (e) {
            case MESSAGES -> "[{\"name\":\"get_weather\",\"input_schema\":" + schema + "}]";
            case RESPONSES -> "[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":" + schema + "}]";
            default -> "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":" + schema + "}}]";
        };
    }

    private static void embeddingsAndFeedback(List<Case> out) {
        Endpoint em = Endpoint.EMBEDDINGS;
        out.add(post("input is a number", em, em.with("input", "5"), 400, null));
        out.add(post("input is an empty array", em, em.with("input", "[]"), 400, null));
        out.add(post("model missing", em, em.without("model"), 400, null));
        Endpoint fb = Endpoint.FEEDBACK;
        out.add(post("score is a string", fb, fb.with("score", "\"good\""), 400, null));
        out.add(post("score out of [-1, 1]", fb, fb.with("score", "5"), 400, null));
        out.add(post("request_id missing", fb, fb.without("request_id"), 400, null));
    }

    private static void connection(List<Case> out) {
        for (Endpoint e : List.of(Endpoint.CHAT, Endpoint.MESSAGES)) {
            String bad = e.anthropicShape() ? "invalid_request_error" : null;
            out.add(new Case("headers over max_header_bytes", e, port -> exchange(port, request("POST", e.path, e.valid,
                    "x-filler: " + "a".repeat(MAX_HEADER + 1))), 431, bad == null ? "headers_too_large" : bad));
            out.add(new Case("request line over 8 KiB", e, port -> exchange(port, request("POST", e.path + "?q=" + "a".repeat(9000), e.valid)),
                    414, bad == null ? "request_line_too_long" : bad));
            out.add(new Case("request head never finished (slowloris)", e, port -> {
                try (RawHttp c = RawHttp.connect(port)) {
                    c.send("POST " + e.path + " HTTP/1.1\r\nhost: gearbox\r\nx-slow: 1\r\n");
                    return c.readUntilClosed(10_000);
                }
            }, 0, null));
            out.add(new Case("body stops half-way (slow client)", e, port -> {
                try (RawHttp c = RawHttp.connect(port)) {
                    byte[] body = e.valid.getBytes(StandardCharsets.UTF_8);
                    c.send("POST " + e.path + " HTTP/1.1\r\nhost: gearbox\r\ncontent-type: application/json\r\ncontent-length: "
                            + body.length + "\r\n\r\n" + e.valid.substring(0, 10));
                    return c.readUntilClosed(10_000);
                }
            }, 408, bad == null ? "request_timeout" : bad));
        }
        out.add(new Case("headers over 4x max_header_bytes (cut off by the HTTP decoder; OpenAI shape on every path)", Endpoint.CHAT,
                port -> exchange(port, request("POST", Endpoint.CHAT.path, Endpoint.CHAT.valid,
                        "x-filler: " + "a".repeat(4 * MAX_HEADER + 1))), 431, "headers_too_large"));
        out.add(new Case("keep-alive connection left idle after an answer (closed after header_timeout_ms)", Endpoint.CHAT, port -> {
            try (RawHttp c = RawHttp.connect(port)) {
                byte[] body = Endpoint.CHAT.valid.getBytes(StandardCharsets.UTF_8);
                c.send("POST " + Endpoint.CHAT.path + " HTTP/1.1\r\nhost: gearbox\r\ncontent-type: application/json\r\ncontent-length: "
                        + body.length + "\r\n\r\n" + Endpoint.CHAT.valid);
                return c.readUntilClosed(10_000);
            }
        }, 200, null));
        out.add(new Case("bytes that are not HTTP", Endpoint.CHAT,
                port -> exchange(port, "\u0016\u0003\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)), 400, "invalid_http"));
    }

    static Case post(String name, Endpoint e, String body, int status, String error) {
        return new Case(name, e, port -> exchange(port, request("POST", e.path, body)), status, error);
    }

    /** A complete request that asks the server to close the connection after answering. */
    static byte[] request(String method, String path, String body, String... headers) {
        return request(method, path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    static byte[] request(String method, String path, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nhost: gearbox\r\nconnection: close\r\n");
        if (headers.length == 0) head.append("content-type: application/json\r\n");
        for (String h : headers) head.append(h).append("\r\n");
        head.append("content-length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] chunked(String path, String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("POST " + path + " HTTP/1.1\r\nhost: gearbox\r\nconnection: close\r\ncontent-type: application/json\r\n"
                + "transfer-encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += 65536) {
            int n = Math.min(65536, b.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(b, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** The valid body with a string value holding a byte sequence that is not UTF-8 (0xC3 0x28). */
    private static byte[] invalidUtf8(String valid) {
        int at = valid.indexOf("\"hi\"") + 1;
        byte[] before = valid.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = valid.substring(at).getBytes(StandardCharsets.UTF_8);
        return concat(concat(before, new byte[] {(byte) 0xC3, (byte) 0x28}), after);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static RawHttp.Answer exchange(int port, byte[] request) {
        try (RawHttp c = RawHttp.connect(port)) {
            c.send(request);
            return c.readUntilClosed(20_000);
        }
    }
}
