/**
 * instructor-java: structured, validated LLM outputs for the JVM, streamed as partial objects of the caller's own
 * types.
 */
package dev.instructor;
