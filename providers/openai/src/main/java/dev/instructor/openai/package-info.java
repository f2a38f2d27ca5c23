/**
 * OpenAI as an instructor provider: {@link dev.instructor.openai.OpenAi} speaks Chat Completions (also to any
 * OpenAI-compatible server and Azure OpenAI) and the Responses API, streaming over the JDK HTTP client.
 */
package dev.instructor.openai;
