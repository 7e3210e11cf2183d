package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.Json;
import dev.gearbox.error.GatewayError;
import io.vertx.core.buffer.Buffer;

/** A {@link GatewayError} in OpenAI's error JSON: {@code {"error": {message, type, param, code}}}. */
final class OpenAiErrorBody {
    private OpenAiErrorBody() {}

    static Buffer of(GatewayError e) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", e.getMessage());
        err.put("type", e.type());
        err.put("param", e.param());
        err.put("code", e.code());
        if (e instanceof GatewayError.ModelNotFound m && !m.closeMatches().isEmpty()) {
            var arr = err.putArray("close_matches");
            m.closeMatches().forEach(arr::add);
        }
        try {
            return Buffer.buffer(Json.MAPPER.writeValueAsBytes(root));
        } catch (Exception impossible) {
            return Buffer.buffer("{\"error\":{\"message\":\"error\",\"type\":\"server_error\"}}");
        }
    }
}
