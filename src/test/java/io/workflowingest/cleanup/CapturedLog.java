package io.workflowingest.cleanup;

import io.quarkus.logging.json.runtime.JsonFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what the service logs on {@link CleanupService#LOG_CATEGORY} while open: the message,
 * its MDC fields, and the line production's JSON formatter (quarkus-logging-json) makes of it.
 */
final class CapturedLog extends Handler implements AutoCloseable {

    record Line(String level, String message, Map<String, String> mdc, String json) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(CleanupService.LOG_CATEGORY);
    private final JsonFormatter json = new JsonFormatter();

    private CapturedLog() {
    }

    static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        log.logger.addHandler(log);
        return log;
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines of cleanup runs (not of single deletes) whose MDC has {@code key=value}. */
    List<Line> runs(String key, String value) {
        return lines.stream().filter(l -> l.message().startsWith("cleanup ") && value.equals(l.mdc().get(key))).toList();
    }

    @Override
    public void publish(LogRecord record) {
        // Formatted here, on the logging thread, while the record's MDC is the run's.
        ExtLogRecord ext = (ExtLogRecord) record;
        lines.add(new Line(ext.getLevel().getName(), ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy()), json.format(ext)));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
