package dev.gearbox.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what an HTTP client library will not send: oversized heads,
 * bytes that are not HTTP, and clients that send slowly or stop half-way (slowloris).
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public static RawHttp connect(int port) {
        try {
            return new RawHttp(new Socket("127.0.0.1", port));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes bytes; false when the server has already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** What the server sent until it closed the connection, waiting at most {@code timeoutMs}; null if it kept it open. */
    public Answer readUntilClosed(long timeoutMs) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.currentTimeMillis() + timeoutMs;
        byte[] buf = new byte[8192];
        try {
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) return null;
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException stillOpen) {
                    return null;
                }
                if (n < 0) return Answer.parse(got.toByteArray());
                got.write(buf, 0, n);
            }
        } catch (IOException reset) {
            return Answer.parse(got.toByteArray());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket the server already closed
        }
    }

    /** A response as read off the socket: status (0 when nothing was sent), headers block and body text. */
    public record Answer(int status, String head, String body) {
        static Answer parse(byte[] bytes) {
            String all = new String(bytes, StandardCharsets.UTF_8);
            if (all.isEmpty()) return new Answer(0, "", "");
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            String[] line = head.split(" ", 3);
            return new Answer(line.length > 1 ? Integer.parseInt(line[1].trim()) : 0, head, body);
        }
    }
}
