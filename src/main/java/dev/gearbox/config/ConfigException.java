package dev.gearbox.config;

/**
 * A configuration mistake, reported as {@code file:line: path: message. Fix: fix}, so the person who
 * made it can go straight to the line and knows what to change.
 */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final int line;
    private final String path;
    private final String fix;

    public ConfigException(String file, int line, String path, String message, String fix) {
        super(format(file, line, path, message, fix), null, false, false);
        this.file = file;
        this.line = line;
        this.path = path;
        this.fix = fix;
    }

    private static String format(String file, int line, String path, String message, String fix) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<config>" : file);
        if (line > 0) sb.append(':').append(line);
        sb.append(": ");
        if (path != null && !path.isEmpty()) sb.append(path).append(": ");
        sb.append(message);
        if (fix != null && !fix.isEmpty()) sb.append(". Fix: ").append(fix);
        return sb.toString();
    }

    public String file() { return file; }
    public int line() { return line; }
    public String path() { return path; }
    public String fix() { return fix; }
}
