package dev.gearbox.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of every logger at DEBUG and above while open, as the text an appender would write. */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final List<Logger> quieted = new ArrayList<>();
    private final List<Level> quietedLevels = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs() {
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        for (String name : List.of("io.netty", "io.vertx")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            quieted.add(l);
            quietedLevels.add(l.getLevel());
            l.setLevel(Level.DEBUG);
        }
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Each event as message, logger, MDC and stack trace text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        synchronized (appender.list) {
            for (ILoggingEvent e : appender.list) {
                StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage() + " " + e.getMDCPropertyMap());
                if (e.getThrowableProxy() != null) sb.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
        for (int i = 0; i < quieted.size(); i++) quieted.get(i).setLevel(quietedLevels.get(i));
    }
}
