package com.clicktocall.localstack.sip;

import gov.nist.core.StackLogger;
import java.lang.System.Logger.Level;
import java.util.Properties;

/**
 * Routes the JAIN-SIP reference stack's own logging to {@link System.Logger} (name {@code javax.sip}),
 * instead of its default log4j 1.x writer, which this project does not ship. Named by class in the
 * stack's {@code gov.nist.javax.sip.STACK_LOGGER} property; not for other use.
 *
 * <p>Message-level logging ({@link #TRACE_MESSAGES}) always answers enabled: the stack hands each wire
 * message to its server logger ({@link JainSipWireLog}) only then.
 */
public final class JainSipStackLog implements StackLogger {

    private static final System.Logger LOG = System.getLogger("javax.sip");

    public JainSipStackLog() {
        // instantiated reflectively by the stack
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level <= TRACE_MESSAGES) {
            return true;
        }
        return LOG.isLoggable(level <= TRACE_DEBUG ? Level.DEBUG : Level.TRACE);
    }

    @Override
    public void logDebug(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        LOG.log(Level.DEBUG, message, e);
    }

    @Override
    public void logTrace(String message) {
        LOG.log(Level.TRACE, message);
    }

    /** The stack reports routine progress at its info level: debug detail for this project. */
    @Override
    public void logInfo(String message) {
        LOG.log(Level.DEBUG, message);
    }

    /** Its warnings are mostly about TLS settings this project does not use. */
    @Override
    public void logWarning(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void logError(String message) {
        LOG.log(Level.WARNING, message);
    }

    @Override
    public void logError(String message, Exception e) {
        LOG.log(Level.WARNING, message, e);
    }

    @Override
    public void logFatalError(String message) {
        LOG.log(Level.ERROR, message);
    }

    @Override
    public void logException(Throwable e) {
        LOG.log(Level.DEBUG, "SIP stack exception", e);
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int level) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties properties) {
    }

    @Override
    public String getLoggerName() {
        return "javax.sip";
    }
}
