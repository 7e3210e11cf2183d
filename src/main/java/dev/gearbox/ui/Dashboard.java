package dev.gearbox.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.Json;
import dev.gearbox.dispatch.Health;
import dev.gearbox.governance.KeySecrets;
import dev.gearbox.ingress.GatewayServer;
import dev.gearbox.ledger.Ledger;
import dev.gearbox.ledger.LedgerStore;
import dev.gearbox.pipeline.Pipeline;
import dev.gearbox.report.Reports;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard at {@code /ui} and the JSON admin API behind it under {@code /admin/api}.
 * Both need the admin token ({@code auth.admin_token_env}): the API takes it as a bearer token or
 * the session cookie a login with it sets; the pages are plain HTML, CSS and JavaScript modules
 * from the jar ({@code src/main/resources/ui}), the charts Chart.js from its WebJar. Queries run
 * on worker threads, aggregated in the ledger's store ({@link DashboardApi}).
 */
public final class Dashboard {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");

    private final Vertx vertx;
    private final Supplier<Pipeline> pipelines;
    private final DashboardApi api;
    private final Sessions sessions = new Sessions(System::currentTimeMillis);
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    public Dashboard(Vertx vertx, Supplier<Pipeline> pipelines, Ledger ledger, Health health) {
        this.vertx = vertx;
        this.pipelines = pipelines;
        LedgerStore store = ledger.store();
        this.api = store == null ? null : new DashboardApi(store.dataSource(), pipelines, health, System::currentTimeMillis);
    }

    public void register(GatewayServer server) {
        server.acceptDashboardSessions(this::signedIn);
        // the server matches exact paths and one trailing segment ("/x/*"), and strips a trailing slash
        server.route(HttpMethod.GET, "/ui", req -> {
            if (req.path().endsWith("/")) page(req);
            else req.response().setStatusCode(302).putHeader("location", "/ui/").end();
        });
        server.route(HttpMethod.GET, "/ui/*", this::page);
        server.route(HttpMethod.GET, "/ui/vendor/*", this::page);
        server.route(HttpMethod.POST, "/ui/login", this::login);
        server.route(HttpMethod.POST, "/ui/logout", this::logout);
        server.route(HttpMethod.GET, "/admin/api/*", this::api);
        server.route(HttpMethod.GET, "/admin/api/requests/*", this::api);
    }

    private String adminToken() {
        var t = pipelines.get().governance().config().adminToken();
        return t.present() ? t.reveal() : null;
    }

    private boolean signedIn(HttpServerRequest req) {
        if (adminToken() == null) return false;
        Cookie c = req.getCookie(Sessions.COOKIE);
        return c != null && sessions.valid(c.getValue());
    }

    private boolean authorized(HttpServerRequest req) {
        String token = adminToken();
        if (token == null) return false;
        if (signedIn(req)) return true;
        String auth = req.getHeader("authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && KeySecrets.same(auth.substring(7).trim(), token);
    }

    private void page(HttpServerRequest req) {
        String path = req.path().length() <= "/ui/".length() ? "" : req.path().substring("/ui/".length());
        if (path.isEmpty()) path = "index.html";
        HttpServerResponse resp = req.response().putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer").putHeader("x-frame-options", "DENY");
        if (adminToken() == null) {
            html(resp, 404, asset("ui/off.html"));
            return;
        }
        if (path.equals("index.html") && !authorized(req)) {
            resp.setStatusCode(302).putHeader("location", "/ui/login.html").end();
            return;
        }
        String resource = path.equals("vendor/chart.umd.js") ? CHART_JS : "ui/" + path;
        byte[] body = path.contains("..") ? null : asset(resource);
        if (body == null) {
            resp.setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8").end("Not found: /ui/" + path);
            return;
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        resp.putHeader("content-type", TYPES.getOrDefault(ext, "application/octet-stream"))
                .putHeader("cache-control", path.startsWith("vendor/") ? "max-age=86400" : "no-cache")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private void login(HttpServerRequest req) {
        req.body().onSuccess(b -> {
            String token = adminToken();
            String given = form(b.toString(StandardCharsets.UTF_8)).get("token");
            if (token == null || given == null || !KeySecrets.same(given.trim(), token)) {
                LOG.warn("dashboard login refused from {}", req.remoteAddress() == null ? "?" : req.remoteAddress().host());
                req.response().setStatusCode(303).putHeader("location", "/ui/login.html?failed=1").end();
                return;
            }
            Cookie c = Cookie.cookie(Sessions.COOKIE, sessions.open()).setHttpOnly(true).setPath("/")
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(Sessions.TTL_MS / 1000);
            req.response().addCookie(c).setStatusCode(303).putHeader("location", "/ui/").end();
        }).onFailure(e -> req.response().setStatusCode(400).putHeader("content-type", "text/plain; charset=utf-8")
                .end("The sign-in form could not be read."));
    }

    private void logout(HttpServerRequest req) {
        Cookie c = req.getCookie(Sessions.COOKIE);
        if (c != null) sessions.close(c.getValue());
        req.response().addCookie(Cookie.cookie(Sessions.COOKIE, "").setPath("/").setMaxAge(0)).setStatusCode(303)
                .putHeader("location", "/ui/login.html").end();
    }

    private void api(HttpServerRequest req) {
        HttpServerResponse resp = req.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store");
        if (adminToken() == null) {
            error(resp, 404, "not_found", "The admin API is off: set auth.admin_token_env in the config to turn it on.");
            return;
        }
        if (!authorized(req)) {
            error(resp, 401, "invalid_api_key", "The admin API needs the admin token as 'Authorization: Bearer ...' or a dashboard login.");
            return;
        }
        if (api == null) {
            error(resp, 503, "no_sql_ledger", "The dashboard reads the ledger's SQL store; this gateway records to memory only.");
            return;
        }
        Callable<Object> query;
        try {
            String path = req.path().substring("/admin/api/".length());
            if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            query = api.route(path, req.params());
        } catch (IllegalArgumentException e) {
            error(resp, 400, "invalid_request", e.getMessage());
            return;
        }
        if (query == null) {
            error(resp, 404, "not_found", "No admin API at " + req.path() + ".");
            return;
        }
        vertx.executeBlocking(query, false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("dashboard query {} failed: {}", req.path(), ar.cause().toString());
                error(resp, 500, "query_failed", "The ledger query failed; the gateway's log has the cause.");
            } else if (ar.result() == null) {
                error(resp, 404, "not_found", "No such record.");
            } else {
                try {
                    resp.end(Reports.JSON.writeValueAsString(ar.result()));
                } catch (IOException e) {
                    error(resp, 500, "query_failed", e.getMessage());
                }
            }
        });
    }

    private static void error(HttpServerResponse resp, int status, String code, String message) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.putObject("error").put("message", message).put("type", status == 401 ? "authentication_error" : "invalid_request_error")
                .put("code", code);
        resp.setStatusCode(status).putHeader("content-type", "application/json").end(o.toString());
    }

    private static void html(HttpServerResponse resp, int status, byte[] body) {
        resp.setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private byte[] asset(String resource) {
        return assets.computeIfAbsent(resource, r -> {
            try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(r)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        });
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
