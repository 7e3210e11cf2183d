package dev.gearbox.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code gearbox serve} in its own JVM (this test's classpath), as an operator runs it: for what
 * only a real process shows, such as the exit status after SIGTERM, a {@code kill -9}, or several
 * replicas on one store. The process's output is kept for failure messages.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final StringBuilder log = new StringBuilder();

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serve --config config --port port} and waits until it says it listens. */
    public static GatewayProcess start(Path config, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.gearbox.app.Main", "serve",
                "--config", config.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        GatewayProcess g = new GatewayProcess(p, port);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (g.log) {
                        g.log.append(line).append('\n');
                    }
                    if (line.startsWith("Gearbox is listening on")) listening.complete(null);
                }
                listening.completeExceptionally(new IllegalStateException("gateway exited:\n" + g.log()));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        }, "gateway-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            listening.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        return g;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM: the orderly stop. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL ({@code kill -9}): no shutdown hook, no drain, no flush. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and returns its exit status; fails when it does not end in time. */
    public int exitStatus(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("gateway still running after " + within + ":\n" + log());
        }
        return process.exitValue();
    }

    public String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
