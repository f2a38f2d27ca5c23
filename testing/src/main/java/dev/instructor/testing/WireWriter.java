package dev.instructor.testing;

import java.util.List;

/**
 * Writes a {@link ScriptedAnswer} in one wire format. The order is the same in every format: the opening events,
 * one event per delta, then either the closing events (usage and finish reason) or, when the script asks for one,
 * an error event that ends the stream.
 */
abstract class WireWriter {
    final byte[] write(ScriptedAnswer answer) {
        WireBody out = new WireBody(lineEnd());
        start(answer, out);
        List<String> deltas = answer.deltas();
        boolean failing = answer.errorAfter() >= 0;
        int count = failing ? Math.min(answer.errorAfter(), deltas.size()) : deltas.size();
        out.deltas(count);
        for (int i = 0; i < count; i++) {
            delta(answer, out, deltas.get(i), !failing && i == count - 1);
        }
        if (failing) {
            error(answer, out);
        } else {
            end(answer, out, count > 0);
        }
        return out.bytes();
    }

    /** Returns what ends each SSE line: {@code \n} unless the provider frames its events otherwise. */
    String lineEnd() {
        return "\n";
    }

    /** Writes the events before the first delta. */
    abstract void start(ScriptedAnswer answer, WireBody out);

    /** Writes one delta; {@code last} is set on the final delta of an answer that ends normally. */
    abstract void delta(ScriptedAnswer answer, WireBody out, String delta, boolean last);

    /** Writes the events after the last delta: usage, finish reason, end marker. */
    abstract void end(ScriptedAnswer answer, WireBody out, boolean hadDeltas);

    /** Writes the format's mid-stream error event. */
    abstract void error(ScriptedAnswer answer, WireBody out);
}
