package dev.gearbox.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.Json;
import dev.gearbox.error.GatewayError;
import dev.gearbox.governance.Governance;
import dev.gearbox.governance.KeySecrets;
import dev.gearbox.governance.Keys;
import dev.gearbox.governance.VirtualKey;
import dev.gearbox.pipeline.Pipeline;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API for virtual keys: {@code POST /admin/keys} creates one (its secret is in the
 * answer, once), {@code GET /admin/keys} lists them (never a secret or hash), {@code DELETE
 * /admin/keys/ID} revokes one. Every call needs the admin token ({@code auth.admin_token_env}) as
 * a bearer token, compared in constant time; without a configured token the API does not exist.
 */
final class AdminHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    static final String KEYS = "/admin/keys";

    private final Vertx vertx;
    private final Supplier<Pipeline> pipelines;

    AdminHandler(Vertx vertx, Supplier<Pipeline> pipelines) {
        this.vertx = vertx;
        this.pipelines = pipelines;
    }

    void register(GatewayServer server) {
        server.route(HttpMethod.POST, KEYS, this::create);
        server.route(HttpMethod.GET, KEYS, this::list);
        server.route(HttpMethod.DELETE, KEYS + "/*", this::revoke);
    }

    /** True for every path under {@code /admin}: the gateway checks the admin token before it even looks the route up. */
    static boolean guards(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    /** The governance stage when the caller holds the admin token; otherwise the error is sent and null returned. */
    Governance authorized(HttpServerRequest req) {
        req.response().putHeader(Headers.REQUEST_ID, RequestIds.next(System.currentTimeMillis()));
        Governance g = pipelines.get().governance();
        if (!g.config().adminToken().present()) {
            ErrorResponses.send(req.response(), new GatewayError.NotFound(
                    "The admin API is off: set auth.admin_token_env in the config to turn it on."));
            return null;
        }
        String token = Callers.bearer(req);
        if (!KeySecrets.same(token, g.config().adminToken().reveal())) {
            ErrorResponses.send(req.response(), new GatewayError.Unauthorized("The admin API needs the admin token as 'Authorization: Bearer ...'."));
            return null;
        }
        return g;
    }

    private void create(HttpServerRequest req) {
        Governance g = authorized(req);
        if (g == null) return;
        req.body().onSuccess(body -> {

            try {
                JsonNode n = Json.MAPPER.readTree(body.getBytes());
                if (n == null || !n.isObject()) throw new GatewayError.BadRequest("The body must be a JSON object.", null);
                String name = text(n, "name");
                if (name == null || name.isBlank()) throw new GatewayError.BadRequest("A key needs a 'name'.", "name");
                List<String> models = new ArrayList<>();
                if (n.has("models")) {
                    if (!n.get("models").isArray()) throw new GatewayError.BadRequest("'models' must be a list of model or route names.", "models");
                    n.get("models").forEach(m -> models.add(m.asText()));
                }
                int rpm = nonNegative(n, "rpm");
                int tpm = nonNegative(n, "tpm");
                double daily = nonNegativeUsd(n, "daily_usd");
                double monthly = nonNegativeUsd(n, "monthly_usd");
                String mode = text(n, "mode");
                if (mode != null && !mode.equals("observe") && !mode.equals("route")) throw new GatewayError.BadRequest("'mode' is observe or route.", "mode");
                vertx.<Keys.Created>executeBlocking(() -> g.keys().create(name, text(n, "team"), text(n, "tier"), models, rpm, tpm, daily, monthly, mode))
                        .onSuccess(c -> {
                            LOG.info("virtual key {} ({}) created through the admin API", c.key().id(), c.key().name());
                            ObjectNode out = describe(c.key());
                            out.put("secret", c.secret());
                            req.response().setStatusCode(201).putHeader("content-type", "application/json").end(out.toString());
                        })
                        .onFailure(e -> ErrorResponses.send(req.response(), new GatewayError.Internal("The key could not be stored.")));
            } catch (GatewayError e) {
                ErrorResponses.send(req.response(), e);
            } catch (java.io.IOException e) {
                ErrorResponses.send(req.response(), new GatewayError.BadRequest("The body is not valid JSON.", null));
            }
        });
    }

    private void list(HttpServerRequest req) {
        Governance g = authorized(req);
        if (g == null) return;
        vertx.executeBlocking(() -> g.keys().list()).onSuccess(keys -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("object", "list");
            ArrayNode data = out.putArray("data");
            for (VirtualKey k : keys) data.add(describe(k));
            req.response().putHeader("content-type", "application/json").end(out.toString());
        }).onFailure(e -> ErrorResponses.send(req.response(), new GatewayError.Internal("The keys could not be read.")));
    }

    private void revoke(HttpServerRequest req) {
        Governance g = authorized(req);
        if (g == null) return;
        String id = req.path().substring(KEYS.length() + 1);
        vertx.executeBlocking(() -> g.keys().revoke(id)).onSuccess(done -> {
            if (!done) {
                ErrorResponses.send(req.response(), new GatewayError.NotFound("No active key with id '" + Headers.safe(id) + "'."));
                return;
            }
            LOG.info("virtual key {} revoked through the admin API", id);
            req.response().putHeader("content-type", "application/json").end("{\"id\":\"" + id + "\",\"revoked\":true}");
        }).onFailure(e -> ErrorResponses.send(req.response(), new GatewayError.Internal("The key could not be revoked.")));
    }

    static ObjectNode describe(VirtualKey k) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("team", k.team());
        o.put("tier", k.tier());
        ArrayNode m = o.putArray("models");
        k.allowed().forEach(m::add);
        o.put("rpm", k.rpm());
        o.put("tpm", k.tpm());
        o.put("daily_usd", k.dailyUsd());
        o.put("monthly_usd", k.monthlyUsd());
        o.put("mode", k.mode());
        o.put("created_at", java.time.Instant.ofEpochMilli(k.createdAt()).toString());
        if (k.revokedAt() == null) o.putNull("revoked_at");
        else o.put("revoked_at", java.time.Instant.ofEpochMilli(k.revokedAt()).toString());
        return o;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int nonNegative(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.canConvertToInt() || v.asInt() < 0) throw new GatewayError.BadRequest("'" + field + "' must be a whole number >= 0 (0 = no limit).", field);
        return v.asInt();
    }

    private static double nonNegativeUsd(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.isNumber() || v.asDouble() < 0) throw new GatewayError.BadRequest("'" + field + "' must be a number of USD >= 0 (0 = no budget).", field);
        return v.asDouble();
    }
}
