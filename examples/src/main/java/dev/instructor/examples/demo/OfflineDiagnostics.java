package dev.instructor.examples.demo;

import dev.instructor.testing.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Offline diagnostics: what became of the fake provider's connections, so a test (or a curious user) can see that
 * pressing stop in the page closed the model call upstream. Served as {@code GET /_offline/connections} in offline
 * mode only. Keeps the latest {@value #KEEP} requests and cancels; thread-safe.
 */
final class OfflineDiagnostics {
    static final int KEEP = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Deque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();
    private final Deque<Instant> cancels = new ConcurrentLinkedDeque<>();
    /** Records a request the fake provider received. */
    void received(RecordedRequest request) {
        requests.addLast(request);
        if (requests.size() > KEEP) {
            requests.pollFirst();
        }
    }

    /** Records that the demo cancelled an upstream model call because its browser went away. */
    void cancelled(Instant at) {
        cancels.addLast(at);
        if (cancels.size() > KEEP) {
            cancels.pollFirst();
        }
    }

    /**
     * Returns the report as JSON: open count, each connection's open and close times, and the cancels.
     *
     * @param openConnections how many of the fake server's connections are open now
     */
    String json(int openConnections) {
        ObjectNode report = JSON.createObjectNode();
        report.put("diagnostics", "offline only: the in-process fake provider's connections");
        report.put("open", openConnections);
        ArrayNode list = report.putArray("connections");
        int closed = 0;
        for (RecordedRequest request : requests) {
            ObjectNode entry = list.addObject();
            entry.put("request", request.method() + " " + request.path());
            entry.put("receivedAt", request.receivedAt().toEpochMilli());
            if (request.clientClosed()) {
                Instant at = request.awaitClientClose(Duration.ZERO);
                entry.put("closedAt", at.toEpochMilli());
                closed++;
            } else {
                entry.putNull("closedAt");
            }
        }
        report.put("requests", list.size());
        report.put("closed", closed);
        ArrayNode cancelled = report.putArray("cancelledAt");
        cancels.forEach(at -> cancelled.add(at.toEpochMilli()));
        return JSON.writeValueAsString(report);
    }
}
