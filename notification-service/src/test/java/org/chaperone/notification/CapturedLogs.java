package org.chaperone.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Every log line the service writes in this JVM (its own categories at DEBUG in tests), formatted as the console
 * would, with any stack trace: for tests that assert what never appears in a log.
 */
public final class CapturedLogs extends Handler {

    private static final CapturedLogs INSTANCE = new CapturedLogs();
    private final List<String> lines = new ArrayList<>();
    private final PatternFormatter formatter = new PatternFormatter("%-5p [%c] %s%e");

    private CapturedLogs() {
        setLevel(Level.ALL);
    }

    /** Installs the capture on the root logger (once) and returns it. */
    public static CapturedLogs install() {
        java.util.logging.Logger root = LogContext.getLogContext().getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler == INSTANCE) {
                return INSTANCE;
            }
        }
        root.addHandler(INSTANCE);
        return INSTANCE;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(formatter.format(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
