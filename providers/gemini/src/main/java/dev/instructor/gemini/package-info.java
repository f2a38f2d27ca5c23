/**
 * Google Gemini as an instructor provider: {@link dev.instructor.gemini.Gemini} streams
 * {@code streamGenerateContent?alt=sse} with {@code responseJsonSchema} or a forced function call, over the JDK
 * HTTP client.
 */
package dev.instructor.gemini;
