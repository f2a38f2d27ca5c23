/**
 * Serves structured streams from Jakarta Servlet 6 containers (Tomcat, Jetty, Undertow) and the frameworks on them
 * (Spring MVC, Quarkus with servlets): {@link dev.instructor.sse.servlet.ServletSse}, the counterpart of
 * {@code HttpServerSse} and {@code JavalinSse}. The servlet API is an optional dependency of this module: the
 * container provides it.
 */
package dev.instructor.sse.servlet;
