package dev.instructor.sse.internal;

import dev.instructor.json.PartialJsonParser;
import dev.instructor.json.PartialValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Counts the bytes each wire format sends for one large structured output streamed in small chunks: the "SSE delta
 * format" table of docs/benchmarks.md.
 *
 * <p>A list of {@code {"title", "blurb"}} ideas of about 100 KB is fed to the real engine in chunks of 1 to 6 chars
 * (a model's tokens), and every snapshot is encoded. Pacing is modelled as in docs/wire-format.md section 5.5: with
 * {@code k} partials per event only every k-th snapshot (and the last) is written. Totals include the {@code done}
 * event. Run:
 *
 * <pre>
 * mvn -B -ntp -pl sse -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.instructor.sse.internal.WireBytes
 * </pre>
 */
public final class WireBytes {
    private WireBytes() {}

    /** Prints the table as Markdown. */
    public static void main(String[] args) {
        int targetBytes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String json = ideas(targetBytes, new Random(42));
        List<PartialValue> snapshots = chunked(json, new Random(7), 6);
        long finalBytes = utf8(json);
        long done = utf8("event: done\ndata: " + json + "\n\n");
        System.out.printf(
                "final JSON: %,d bytes; %,d chunks of 1-6 chars; %,d snapshots%n%n",
                finalBytes, chunkCount, snapshots.size());
        System.out.println("| format, pacing | events | total bytes | x final |");
        System.out.println("| --- | ---: | ---: | ---: |");
        row("snapshot, every partial", snapshotBytes(snapshots, 1), done, finalBytes);
        row("snapshot, 5 partials per event", snapshotBytes(snapshots, 5), done, finalBytes);
        for (int k : new int[] {1, 2, 3, 5, 10}) {
            row(
                    "delta, " + (k == 1 ? "every partial" : k + " partials per event"),
                    deltaBytes(snapshots, k),
                    done,
                    finalBytes);
        }
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            deltaBytes(snapshots, 1);
            System.out.printf(
                    "%ndelta-encoding and framing every snapshot: %.1f ms", (System.nanoTime() - start) / 1e6);
        }
        System.out.println();
    }

    private static int chunkCount;

    /** Returns {events, bytes} of the snapshot format writing every k-th snapshot. */
    static long[] snapshotBytes(List<PartialValue> snapshots, int k) {
        long events = 0;
        long bytes = 0;
        String last = null;
        for (int i = 0; i < snapshots.size(); i++) {
            if (written(i, k, snapshots.size())) {
                String data = snapshots.get(i).toJson();
                if (!data.equals(last)) {
                    events++;
                    bytes += utf8("data: ") + utf8(data) + 2;
                    last = data;
                }
            }
        }
        return new long[] {events, bytes};
    }

    /** Returns {events, bytes} of the delta format writing every k-th snapshot. */
    static long[] deltaBytes(List<PartialValue> snapshots, int k) {
        DeltaEncoder encoder = new DeltaEncoder();
        long events = 0;
        long bytes = 0;
        for (int i = 0; i < snapshots.size(); i++) {
            if (written(i, k, snapshots.size())) {
                String patch = encoder.encode(snapshots.get(i));
                if (patch != null) {
                    events++;
                    bytes += utf8(SseFrames.event(null, null, patch, false));
                }
            }
        }
        return new long[] {events, bytes};
    }

    private static boolean written(int index, int k, int size) {
        return (index + 1) % k == 0 || index == size - 1;
    }

    /** Returns a JSON list of ideas of at least {@code targetBytes} UTF-8 bytes. */
    static String ideas(int targetBytes, Random random) {
        String[] words = {
            "capture",
            "ideas",
            "at",
            "the",
            "speed",
            "of",
            "thought",
            "notes",
            "plans",
            "where",
            "messy",
            "become",
            "organized",
            "team",
            "daily",
            "focus",
            "habit",
            "tracker",
            "café",
            "naïve",
            "budget",
            "travel",
            "journal",
            "share",
            "sync",
            "offline",
            "smart",
            "reminders",
            "quiet",
            "mode"
        };
        StringBuilder out = new StringBuilder("[");
        while (out.length() < targetBytes) {
            out.append(out.length() == 1 ? "" : ",").append("{\"title\":\"");
            appendWords(out, words, 2 + random.nextInt(3), random);
            out.append("\",\"blurb\":\"");
            appendWords(out, words, 10 + random.nextInt(16), random);
            out.append("\"}");
        }
        return out.append(']').toString();
    }

    private static void appendWords(StringBuilder out, String[] words, int count, Random random) {
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
    }

    /** Returns the engine's distinct snapshots of {@code json} fed in chunks of 1 to {@code maxChunk} chars. */
    static List<PartialValue> chunked(String json, Random random, int maxChunk) {
        PartialJsonParser parser = PartialJsonParser.strict();
        List<PartialValue> out = new ArrayList<>();
        chunkCount = 0;
        for (int i = 0; i < json.length(); ) {
            int end = Math.min(json.length(), i + 1 + random.nextInt(maxChunk));
            parser.feed(json.substring(i, end));
            chunkCount++;
            i = end;
            PartialValue value = parser.snapshot().orElse(null);
            if (value != null && (out.isEmpty() || out.get(out.size() - 1) != value)) {
                out.add(value);
            }
        }
        return out;
    }

    private static void row(String name, long[] eventsAndBytes, long done, long finalBytes) {
        long total = eventsAndBytes[1] + done;
        System.out.printf(
                "| %s | %,d | %,d | %.2f |%n", name, eventsAndBytes[0] + 1, total, (double) total / finalBytes);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
