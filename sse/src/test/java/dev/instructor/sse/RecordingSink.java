package dev.instructor.sse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sink that records headers, every write with its time, and closing; it can be told to fail like a gone client. */
final class RecordingSink implements SseSink {
    private final StringBuilder text = new StringBuilder();
    private final List<String> writes = new ArrayList<>();
    private final List<Long> writeNanos = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private Map<String, String> headers;
    private volatile int failFromWrite = Integer.MAX_VALUE;
    private volatile long failedAtNanos;

    /** Makes write number {@code n} (1-based) and all later ones fail. */
    RecordingSink failFromWrite(int n) {
        failFromWrite = n;
        return this;
    }

    /** Makes every write from now on fail, as when the browser has just left. */
    synchronized void goneNow() {
        failFromWrite = writes.size() + 1;
    }

    /**
     * Makes every write after the next one fail, as TCP does when the browser has just left: the first write to a
     * closed connection is accepted (the other side answers it with a reset), the next one fails.
     */
    synchronized void goneAfterOneMoreWrite() {
        failFromWrite = writes.size() + 2;
    }

    /**
     * Makes every write after the next two fail: the browser has just left, and the server, as Undertow does, reports
     * the reset that answered the first write only when the write after the next one fails.
     */
    synchronized void goneAfterTwoMoreWrites() {
        failFromWrite = writes.size() + 3;
    }

    long failedAtNanos() {
        return failedAtNanos;
    }

    @Override
    public synchronized void open(Map<String, String> headers) {
        this.headers = new LinkedHashMap<>(headers);
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (writes.size() + 1 >= failFromWrite) {
            if (failedAtNanos == 0) {
                failedAtNanos = System.nanoTime();
            }
            throw new IOException("Broken pipe");
        }
        String event = new String(bytes, StandardCharsets.UTF_8);
        writes.add(event);
        writeNanos.add(System.nanoTime());
        text.append(event);
    }

    @Override
    public void close() {
        closed.countDown();
    }

    boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    synchronized Map<String, String> headers() {
        return headers;
    }

    synchronized String text() {
        return text.toString();
    }

    synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    synchronized List<Long> writeNanos() {
        return List.copyOf(writeNanos);
    }
}
