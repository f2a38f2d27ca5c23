/**
 * Structured partials to browsers as Server-Sent Events, with adapters for the JDK HTTP server, servlets and Javalin.
 * The servlet and Javalin adapters need those libraries only when used.
 */
module dev.instructor.sse {
    requires transitive dev.instructor.core;
    requires transitive jdk.httpserver;
    requires static jakarta.servlet;
    requires static io.javalin;

    exports dev.instructor.sse;
    exports dev.instructor.sse.javalin;
}
