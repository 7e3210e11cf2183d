package dev.gearbox.config;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a configuration value with environment
 * variables, so keys and hosts stay out of the file. {@code $${} writes a literal {@code ${}.
 * {@code :-} uses the default when the variable is unset or empty, as in a POSIX shell.
 */
final class Interpolation {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Interpolation() {}

    static String apply(String value, Function<String, String> env, String file, int line, String path) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            if (value.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!value.startsWith("${", i)) {
                out.append(value.charAt(i++));
                continue;
            }
            int close = value.indexOf('}', i + 2);
            if (close < 0) {
                throw new ConfigException(file, line, path, "'${' is not closed",
                        "close it with '}', or write '$${' for a literal '${'");
            }
            out.append(resolve(value.substring(i + 2, close), env, file, line, path));
            i = close + 1;
        }
        return out.toString();
    }

    private static String resolve(String expr, Function<String, String> env, String file, int line, String path) {
        int sep = expr.indexOf(":-");
        String name = sep < 0 ? expr : expr.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(file, line, path, "'${" + expr + "}' is not a variable reference",
                    "use ${NAME} or ${NAME:-default} where NAME is letters, digits and '_'");
        }
        String v = env.apply(name);
        if (sep >= 0) return v == null || v.isEmpty() ? expr.substring(sep + 2) : v;
        if (v == null) {
            throw new ConfigException(file, line, path, "environment variable " + name + " is not set",
                    "export " + name + "=... or use ${" + name + ":-default}");
        }
        return v;
    }
}
