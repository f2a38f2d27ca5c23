/**
 * Structured partials to browsers as Server-Sent Events, with adapters for the JDK HTTP server and Javalin. The Javalin
 * adapter needs Javalin (and the servlet API it writes through) only when used; any other server plugs in through an
 * {@code SseSink} of its own.
 */
module dev.instructor.sse {
    requires transitive dev.instructor.core;
    requires transitive jdk.httpserver;
    requires static jakarta.servlet;
    requires static io.javalin;

    exports dev.instructor.sse;
    exports dev.instructor.sse.javalin;
}
