package com.productos.rpc;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lsp4j logs through java.util.logging; this sends its records to slf4j, so they land where every
 * other backend log line goes (stderr and the log file), never on stdout. Only lsp4j's loggers are
 * touched.
 */
final class Lsp4jLogBridge extends Handler {
    /** Held strongly: java.util.logging forgets the settings of a logger nobody references. */
    private static final java.util.logging.Logger LSP4J = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

    private Lsp4jLogBridge() {}

    static synchronized void install() {
        for (Handler handler : LSP4J.getHandlers()) {
            if (handler instanceof Lsp4jLogBridge) return;
        }
        LSP4J.setUseParentHandlers(false);
        LSP4J.addHandler(new Lsp4jLogBridge());
    }

    @Override
    public void publish(LogRecord record) {
        Logger logger =
                LoggerFactory.getLogger(record.getLoggerName() == null ? "org.eclipse.lsp4j" : record.getLoggerName());
        String message = record.getMessage();
        Throwable thrown = record.getThrown();
        int level = record.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) logger.error(message, thrown);
        else if (level >= Level.WARNING.intValue()) logger.warn(message, thrown);
        else if (level >= Level.INFO.intValue()) logger.info(message, thrown);
        else logger.debug(message, thrown);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
