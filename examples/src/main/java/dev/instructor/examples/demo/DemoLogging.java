package dev.instructor.examples.demo;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's log setup: slf4j-simple with short lines, our own at info, Jetty's and Javalin's only when something is
 * wrong. Each setting given with {@code -D} wins. Must run before the first logger is created.
 */
final class DemoLogging {
    static final Map<String, String> DEFAULTS = Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel", "info",
            "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
            "org.slf4j.simpleLogger.log.io.javalin", "warn",
            "org.slf4j.simpleLogger.showDateTime", "true",
            "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS",
            "org.slf4j.simpleLogger.showThreadName", "false",
            "org.slf4j.simpleLogger.showShortLogName", "true");

    // Hibernate Validator announces its version through java.util.logging; the field keeps the logger alive.
    private static final Logger HIBERNATE_VALIDATOR = Logger.getLogger("org.hibernate.validator");

    private DemoLogging() {}

    /** Applies the defaults. */
    static void configure() {
        DEFAULTS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        HIBERNATE_VALIDATOR.setLevel(Level.WARNING);
    }
}
