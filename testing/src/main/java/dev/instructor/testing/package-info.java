/**
 * Test support for code that calls LLM providers: {@link dev.instructor.testing.FakeProviderServer}, a loopback
 * HTTP server that replays recorded streams byte for byte, splits them at chosen positions, injects faults and
 * records what the client sent and when it closed the connection; {@link dev.instructor.testing.ScriptedAnswer}
 * scripts an answer in the OpenAI, Anthropic, Gemini or Ollama streaming wire format.
 */
package dev.instructor.testing;
