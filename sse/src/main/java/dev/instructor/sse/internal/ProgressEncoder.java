package dev.instructor.sse.internal;

import dev.instructor.json.PartialValue;

/** Turns partial values into the data of progress events, in one of the two formats. */
interface ProgressEncoder {

    /** Returns the event data for {@code value}, or null when there is nothing to send. */
    String encode(PartialValue value);

    /** Forgets what was sent, as at a restart. */
    void reset();

    /** Returns whether progress events are written {@code data: x} (snapshot) rather than {@code data:x} (delta). */
    boolean spaceAfterData();

    /** Returns the encoder of the snapshot format: each event carries the whole value. */
    static ProgressEncoder snapshot() {
        return new ProgressEncoder() {
            private String sent;

            @Override
            public String encode(PartialValue value) {
                String json = value.toJson();
                // A value that only became complete looks the same: sending it again would be noise. The format
                // already costs the whole text per event, so the comparison adds no order of magnitude.
                if (json.equals(sent)) {
                    return null;
                }
                sent = json;
                return json;
            }

            @Override
            public void reset() {
                sent = null;
            }

            @Override
            public boolean spaceAfterData() {
                return true;
            }
        };
    }

    /** Returns the encoder of the delta format. */
    static ProgressEncoder delta() {
        DeltaEncoder encoder = new DeltaEncoder();
        return new ProgressEncoder() {
            @Override
            public String encode(PartialValue value) {
                return encoder.encode(value);
            }

            @Override
            public void reset() {
                encoder.reset();
            }

            @Override
            public boolean spaceAfterData() {
                return false;
            }
        };
    }
}
