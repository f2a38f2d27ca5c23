/**
 * Ollama as an instructor provider: {@link dev.instructor.ollama.Ollama} streams the native {@code /api/chat}
 * (newline-delimited JSON) with a JSON schema {@code format}. For Ollama's OpenAI-compatible {@code /v1}, use
 * {@code OpenAi.compatible(...)} from instructor-openai.
 */
package dev.instructor.ollama;
