package dev.gearbox.providers;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser for text/event-stream (WHATWG rules: LF, CRLF or CR line ends; {@code event:}
 * and multi-line {@code data:} fields; comment lines; dispatch on a blank line). Works on bytes so a
 * UTF-8 character split across network buffers is decoded whole.
 */
public final class SseParser {
    private final Consumer<SseEvent> sink;
    private byte[] line = new byte[256];
    private int len;
    private boolean lastWasCr;
    private String event;
    private StringBuilder data;

    public SseParser(Consumer<SseEvent> sink) {
        this.sink = sink;
    }

    public void feed(Buffer buffer) {
        int n = buffer.length();
        for (int i = 0; i < n; i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                endLine();
            } else if (b == '\r') {
                lastWasCr = true;
                endLine();
            } else {
                lastWasCr = false;
                if (len == line.length) line = java.util.Arrays.copyOf(line, len * 2);
                line[len++] = b;
            }
        }
    }

    /** Dispatches a final event that was not followed by a blank line. */
    public void finish() {
        if (len > 0) endLine();
        dispatch();
    }

    private void endLine() {
        if (len == 0) {
            dispatch();
            return;
        }
        String s = new String(line, 0, len, StandardCharsets.UTF_8);
        len = 0;
        if (s.charAt(0) == ':') return;
        int colon = s.indexOf(':');
        String field = colon < 0 ? s : s.substring(0, colon);
        String value = colon < 0 ? "" : s.substring(colon + 1);
        if (!value.isEmpty() && value.charAt(0) == ' ') value = value.substring(1);
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) data = new StringBuilder(value.length());
                else data.append('\n');
                data.append(value);
            }
            default -> { } // id, retry and unknown fields carry nothing Gearbox needs
        }
    }

    private void dispatch() {
        if (data != null) sink.accept(new SseEvent(event, data.toString()));
        event = null;
        data = null;
    }
}
