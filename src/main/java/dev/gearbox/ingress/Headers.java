package dev.gearbox.ingress;

/** Names of the headers Gearbox reads and writes. */
public final class Headers {
    /** A client regenerating an answer names the request it regenerates (implicit feedback). */
    public static final String REGENERATE = "x-gearbox-regenerate";
    static final String REQUEST_ID = "x-gearbox-request-id";
    public static final String MODEL = "x-gearbox-model";
    public static final String PROVIDER = "x-gearbox-provider";
    public static final String ROUTE = "x-gearbox-route";
    public static final String REASON = "x-gearbox-reason";
    public static final String ATTEMPTS = "x-gearbox-attempts";
    /** The checks a cascade's cheaper answers failed, comma-separated, when it escalated. */
    public static final String ESCALATED = "x-gearbox-escalated";
    /** Set by the client: the feature or job this request belongs to, for rules and cost attribution. */
    public static final String TAG = "x-gearbox-tag";
    /** Set by the client: its tier, {@code interactive} (default) or {@code batch}. */
    public static final String CALLER_TIER = "x-gearbox-tier";
    /** Set by the client: its plan, {@code free} or {@code paid}. */
    public static final String PLAN = "x-gearbox-plan";
    /** Set by the client: the latency it can accept, in milliseconds; models too slow for it are skipped. */
    public static final String LATENCY_SLA = "x-gearbox-latency-sla-ms";

    private Headers() {}

    /** Header values must be visible ASCII; anything else becomes '?'. */
    static String safe(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                if (sb == null) sb = new StringBuilder(s.substring(0, i));
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        String out = sb == null ? s : sb.toString();
        return out.length() > 512 ? out.substring(0, 512) : out;
    }
}
