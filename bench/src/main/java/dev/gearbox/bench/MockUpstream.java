package dev.gearbox.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;

/**
 * A fast mock OpenAI upstream: {@code POST .../chat/completions} answers a fixed ~1 KB chat
 * completion, or, when the body asks for {@code "stream": true}, an SSE stream of {@code chunks}
 * chunks {@code gapMs} apart. {@code GET .../models} lists one model. Nothing else is modelled:
 * it exists so that every proxy in the benchmark forwards to the same cheap, steady upstream.
 *
 * <p>Usage: {@code MockUpstream PORT [chunks=200] [gapMs=1]}
 */
public final class MockUpstream {
    static final Buffer COMPLETION = Buffer.buffer(completion());

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long gapMs = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0))
                .requestHandler(req -> handle(vertx, req, chunks, gapMs))
                .listen(port, "127.0.0.1")
                .onSuccess(s -> System.out.println("mock upstream on 127.0.0.1:" + s.actualPort()))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    private static void handle(Vertx vertx, HttpServerRequest req, int chunks, long gapMs) {
        if (req.path().endsWith("/models")) {
            req.response().putHeader("content-type", "application/json")
                    .end("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"owned_by\":\"mock\"}]}");
            return;
        }
        req.body().onSuccess(body -> {
            if (indexOf(body, "\"stream\":true") >= 0 || indexOf(body, "\"stream\": true") >= 0) {
                stream(vertx, req, chunks, gapMs);
            } else {
                req.response().putHeader("content-type", "application/json").end(COMPLETION);
            }
        });
    }

    private static void stream(Vertx vertx, HttpServerRequest req, int chunks, long gapMs) {
        var resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
        resp.write("data: {\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}]}\n\n");
        Buffer piece = Buffer.buffer("data: {\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"token \"},\"finish_reason\":null}]}\n\n");
        int[] sent = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (resp.closed()) return;
            if (sent[0] < chunks) {
                sent[0]++;
                resp.write(piece.copy());
                if (gapMs <= 0) vertx.runOnContext(v -> next[0].run());
                else vertx.setTimer(gapMs, t -> next[0].run());
            } else {
                resp.write("data: {\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":" + chunks + ",\"total_tokens\":"
                        + (24 + chunks) + "}}\n\n");
                resp.end("data: [DONE]\n\n");
            }
        };
        next[0].run();
    }

    static int indexOf(Buffer b, String s) {
        byte[] needle = s.getBytes(StandardCharsets.US_ASCII);
        int n = b.length() - needle.length;
        outer:
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j < needle.length; j++) if (b.getByte(i + j) != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static String completion() {
        String text = "This is a fixed answer from the benchmark's mock upstream. ".repeat(13).trim();
        return "{\"id\":\"chatcmpl-mock\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":24,\"completion_tokens\":180,\"total_tokens\":204},"
                + "\"system_fingerprint\":\"fp_mock\"}";
    }
}
