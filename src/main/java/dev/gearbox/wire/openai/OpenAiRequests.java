package dev.gearbox.wire.openai;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.openai.OpenAiQuirks;
import io.vertx.core.buffer.Buffer;

/**
 * OpenAI's {@code POST /v1/chat/completions} request body to and from the canonical {@link ChatRequest}.
 * The gateway's ingress parses with it and the OpenAI-compatible adapter writes with it, so a client's
 * request reaches an OpenAI-compatible upstream with every field it sent, modelled or not.
 */
public final class OpenAiRequests {
    private OpenAiRequests() {}

    /**
     * Parses a client's request. Fields Gearbox does not model (n, logprobs, presence_penalty,
     * parallel_tool_calls, reasoning_effort, ...) are kept verbatim in {@code extra}.
     *
     * @throws GatewayError.BadRequest for malformed JSON (code {@code invalid_json}, message naming line and
     *     column) or a missing, mistyped or invalid field (message and {@code param} name its path, e.g.
     *     {@code messages[2].content}; codes {@code missing_required_parameter}, {@code invalid_type},
     *     {@code invalid_value}, {@code empty_array})
     */
    public static ChatRequest parse(Buffer body) {
        return RequestParser.parse(body);
    }

    /**
     * Writes the body for an upstream: {@code model} becomes {@code upstreamModel}, the output cap is
     * sent under the quirks' field name, {@code extra} is re-emitted verbatim, and a streamed request
     * always asks for the final usage chunk (unless the server rejects {@code stream_options}).
     * {@code metadata} is sent only with {@code store: true}, the one case OpenAI accepts it.
     */
    public static Buffer write(ChatRequest request, String upstreamModel, OpenAiQuirks quirks) {
        return RequestWriter.write(request, upstreamModel, quirks);
    }
}
