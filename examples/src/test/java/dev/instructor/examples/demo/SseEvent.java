package dev.instructor.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One event of a response body as the demo writes it (LF line ends, one {@code data} line per event).
 *
 * @param name the {@code event} field, or {@code "message"} when absent
 * @param data the {@code data} field
 */
record SseEvent(String name, String data) {

    /** Splits a whole body into events, skipping comments (heartbeats). */
    static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = "message";
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(line.startsWith("data: ") ? 6 : 5);
                }
            }
            if (data != null) {
                events.add(new SseEvent(name, data));
            }
        }
        return events;
    }
}
