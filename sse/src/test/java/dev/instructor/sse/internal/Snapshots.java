package dev.instructor.sse.internal;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds the engine's successive snapshots of a JSON text fed in chunks, as a stream would see them. */
public final class Snapshots {
    private Snapshots() {}

    /** Returns the distinct snapshots of {@code json} fed {@code size} chars at a time, the complete value last. */
    public static List<PartialValue> fixed(String json, int size) {
        PartialJsonParser parser = PartialJsonParser.strict();
        List<PartialValue> out = new ArrayList<>();
        for (int i = 0; i < json.length(); i += size) {
            parser.feed(json.substring(i, Math.min(json.length(), i + size)));
            add(parser, out);
        }
        return out;
    }

    /** Returns the distinct snapshots of {@code json} fed in random chunks of 1 to {@code maxSize} chars. */
    public static List<PartialValue> random(String json, Random random, int maxSize) {
        PartialJsonParser parser = PartialJsonParser.strict();
        List<PartialValue> out = new ArrayList<>();
        int i = 0;
        while (i < json.length()) {
            int end = Math.min(json.length(), i + 1 + random.nextInt(maxSize));
            parser.feed(json.substring(i, end));
            add(parser, out);
            i = end;
        }
        return out;
    }

    private static void add(PartialJsonParser parser, List<PartialValue> out) {
        parser.snapshot().ifPresent(value -> {
            if (out.isEmpty() || out.get(out.size() - 1) != value) {
                out.add(value);
            }
        });
    }
}
