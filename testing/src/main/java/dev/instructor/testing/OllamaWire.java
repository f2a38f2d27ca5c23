package dev.instructor.testing;

import static dev.instructor.testing.JsonText.object;

/** Ollama {@code /api/chat} NDJSON: a line per delta of {@code message.content}, then a {@code done} line. */
final class OllamaWire extends WireWriter {
    @Override
    void start(ScriptedAnswer answer, WireBody out) {
        // Ollama has no opening line.
    }

    @Override
    void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last) {
        out.line(object(
                "model", answer.model(), "message", object("role", "assistant", "content", delta), "done", false));
    }

    @Override
    void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas) {
        out.line(object(
                "model",
                answer.model(),
                "message",
                object("role", "assistant", "content", ""),
                "done",
                true,
                "done_reason",
                answer.finish() == ScriptedAnswer.Finish.TRUNCATED ? "length" : "stop",
                "prompt_eval_count",
                answer.inputTokens(),
                "eval_count",
                answer.outputTokens()));
    }

    @Override
    void error(ScriptedAnswer answer, WireBody out) {
        out.line(object("error", answer.errorMessage()));
    }
}
