package io.workflowingest.platform;

import org.jboss.logmanager.ExtLogRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log record of the running application (root logger, all levels from INFO). */
public final class LogCapture extends Handler implements AutoCloseable {

    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            // Freeze the MDC and message now: the record is reused after this call returns.
            ext.copyAll();
        }
        records.add(record);
    }

    public List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    /** The record's MDC value, or null. */
    public static String mdc(LogRecord record, String key) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getMdc(key);
        }
        return null;
    }

    /** Everything a log line could show: message, parameters, MDC, exception chain. */
    public static String everything(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                text.append(' ').append(p);
            }
        }
        if (record instanceof ExtLogRecord ext) {
            text.append(' ').append(ext.getFormattedMessage());
            Map<String, String> mdc = ext.getMdcCopy();
            text.append(' ').append(mdc);
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(' ').append(t);
        }
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
