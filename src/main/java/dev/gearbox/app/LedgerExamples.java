package dev.gearbox.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gearbox.embed.Embedder;
import dev.gearbox.learn.Example;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Training examples from the gateway's own traffic (the retraining loop): each request with
 * shadow tests becomes one example where the reference answer counts as the strong model's (1)
 * and the cheaper answer's mean evaluator score as the weak one's; explicit feedback on a request
 * served below the frontier tier adds one with the feedback (mapped to 0..1) as the weak score.
 * Only requests whose prompt text the ledger kept ({@code redact: full}) can be used.
 */
final class LedgerExamples {
    private LedgerExamples() {}

    static List<Example> read(DataSource ds, Embedder e, PrintWriter out) throws SQLException {
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, String> prompts = new LinkedHashMap<>();
        int withoutText = 0;
        ObjectMapper json = new ObjectMapper();
        try (Connection c = ds.getConnection()) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT t.request_id, AVG(t.score), r.detail FROM shadow_tests t JOIN requests r ON r.request_id = t.request_id "
                            + "GROUP BY t.request_id, r.detail")) {
                while (rs.next()) {
                    String text = text(json, rs.getString(3));
                    if (text == null) {
                        withoutText++;
                        continue;
                    }
                    prompts.put(rs.getString(1), text);
                    scores.put(rs.getString(1), new double[] {1, rs.getDouble(2)});
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT f.request_id, AVG(f.score), r.detail FROM feedback f JOIN requests r ON r.request_id = f.request_id "
                            + "WHERE f.source = 'explicit' GROUP BY f.request_id, r.detail")) {
                while (rs.next()) {
                    if (scores.containsKey(rs.getString(1))) continue;
                    String text = text(json, rs.getString(3));
                    if (text == null) {
                        withoutText++;
                        continue;
                    }
                    prompts.put(rs.getString(1), text);
                    scores.put(rs.getString(1), new double[] {1, (rs.getDouble(2) + 1) / 2});
                }
            }
        } catch (java.io.IOException ex) {
            throw new SQLException("a ledger record's detail is not JSON: " + ex.getMessage(), ex);
        }
        List<String> ids = new ArrayList<>(prompts.keySet());
        List<Example> examples = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += 64) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 64));
            List<float[]> vs = e.embedAll(chunk.stream().map(prompts::get).toList());
            for (int j = 0; j < chunk.size(); j++) {
                double[] s = scores.get(chunk.get(j));
                examples.add(new Example(prompts.get(chunk.get(j)), vs.get(j), s[0], s[1], "ledger"));
            }
        }
        out.printf("ledger: %d labelled requests from shadow tests and feedback (%d skipped: prompt text not kept; set ledger.redact: full)%n",
                examples.size(), withoutText);
        return examples;
    }

    private static String text(ObjectMapper json, String detail) throws java.io.IOException {
        JsonNode d = json.readTree(detail);
        String prompt = d.path("prompt").asText(null);
        if (prompt == null || prompt.startsWith("sha256:")) return null;
        return ReplayCommand.lastUserTurn(prompt);
    }
}
