package dev.instructor.examples.demo;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status, duration, and for streams the wire format. (A browser that leaves
 * early gets a line of its own from {@link IdeasEndpoint}, when the model call is cancelled.)
 */
final class RequestLog {
    /** The context attribute holding the wire format a stream used. */
    static final String FORMAT = "demo.format";

    private static final Logger LOG = LoggerFactory.getLogger("demo.requests");

    private RequestLog() {}

    /** Logs {@code ctx}'s request, which took {@code millis}. */
    static void log(Context ctx, Float millis) {
        StringBuilder line = new StringBuilder()
                .append(ctx.method())
                .append(' ')
                .append(ctx.path())
                .append(' ')
                .append(ctx.res().getStatus())
                .append(' ')
                .append(Math.round(millis))
                .append(" ms");
        String format = ctx.attribute(FORMAT);
        if (format != null) {
            line.append(" format=").append(format);
        }
        LOG.info(line.toString());
    }
}
