/**
 * Anthropic as an instructor provider: {@link dev.instructor.anthropic.Anthropic} streams the Messages API with a
 * forced tool call or native structured outputs, over the JDK HTTP client.
 */
package dev.instructor.anthropic;
