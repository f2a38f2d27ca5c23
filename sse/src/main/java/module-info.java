/**
 * Structured partials to browsers as Server-Sent Events, with adapters for the JDK HTTP server, Javalin and Jakarta
 * Servlet 6 containers ({@code dev.instructor.sse.servlet.ServletSse}: Tomcat, Jetty, Spring MVC). The Javalin and
 * servlet adapters need Javalin or the servlet API only when used; any other server plugs in through an
 * {@code SseSink} of its own.
 */
module dev.instructor.sse {
    requires transitive dev.instructor.core;
    requires transitive jdk.httpserver;
    requires static jakarta.servlet;
    requires static io.javalin;

    exports dev.instructor.sse;
    exports dev.instructor.sse.javalin;
    exports dev.instructor.sse.servlet;
}
