package dev.gearbox.wire.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gearbox.chat.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An output stream that appends to a Vert.x buffer, so Jackson's generator writes a body straight
 * into the buffer that goes on the wire, without an intermediate byte array or String.
 */
final class BufferOutput extends OutputStream {
    private final Buffer buffer;

    private BufferOutput(Buffer buffer) {
        this.buffer = buffer;
    }

    /** A generator writing into {@code buffer}; it can write JsonNode trees (the mapper is its codec). */
    static JsonGenerator generator(Buffer buffer) {
        try {
            return Json.MAPPER.createGenerator(new BufferOutput(buffer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(int b) {
        buffer.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.appendBytes(b, off, len);
    }
}
