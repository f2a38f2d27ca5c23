/**
 * Shared HTTP streaming for the provider modules: SSE and NDJSON parsing, retries, timeouts and cancellation over
 * the JDK {@code HttpClient}. Public only so provider modules can use it; not an API.
 */
package dev.instructor.internal.transport;
