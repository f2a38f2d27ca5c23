package dev.instructor.internal.transport;

import dev.instructor.spi.ConnectionException;
import dev.instructor.spi.MalformedStreamException;
import dev.instructor.spi.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.ZipException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Receives the streamed body of one attempt's 2xx response: frames its bytes into events for its {@link Call}, asks
 * for more once the listener has taken what the last bytes made, and reports how the body ended. A body of an attempt
 * the call no longer reads (retried, or ended) goes to the call's drain, if it has one, or is cancelled.
 *
 * <p>Each callback decides under the call's lock and acts once it has released it, as the call's own entry points do:
 * the JDK's subscription is asked for bytes or cancelled, and the call's decisions carried out ({@link Call#leave}),
 * only then.
 */
final class ResponseBody implements HttpResponse.BodySubscriber<byte[]> {
    /** How much of a body is kept to report it when it holds no event, and how much of a non-2xx body is read. */
    static final int MAX_HEAD_BYTES = 64 << 10;

    /**
     * The call a body belongs to, as the body sees it. All but {@link #leave} and {@link #refused} are called holding
     * the call's lock.
     */
    interface Call {
        /** Returns whether the call still reads the body of {@code attempt}: not retried since, not ended. */
        boolean reads(int attempt);

        /** Returns the drain reading the rest of {@code attempt}'s body since the call ended at its marker, or null. */
        BodyDrain drain(int attempt);

        /** The body the call reads subscribed, or ended when null: ending the call cancels a body not ended. */
        void body(Flow.Subscription subscription);

        /** Bytes of the body the call reads arrived: the idle timeout counts from now. */
        void bytesArrived();

        /** An event of the body the call reads. */
        void onEvent(SseEvent event);

        /** The body the call reads ended, all its events read: unless they ended the call, the decoder ends it. */
        void onEnd();

        /** Ends the call with {@code failure}. */
        void fail(ProviderException failure);

        /** Not under the lock: carries out what the call decided under it, and makes the callbacks queued. */
        void leave();

        /** Not under the lock: ends the call because the client's executor refused work. */
        void refused(RejectedExecutionException refusal);
    }

    /** What a read leaves the body to do once the lock is released. */
    private enum Next {
        /** Read on now: the drain's bytes make no callback. */
        READ,
        /** Nothing yet: the next bytes are asked for once the listener has taken these, or the call's end cancels. */
        WAIT,
        /** Cancel: the body is no longer the call's, or its drain is over. */
        CANCEL
    }

    private final Call call;
    private final Object lock;
    private final CallbackQueue callbacks;
    private final EventSink sink;
    // The JDK may report one failure both here and on the response future: only the current attempt counts.
    private final int attempt;
    private final String contentType;
    private final ByteSink parser;
    // Null for a body sent without a Content-Encoding, the usual case.
    private final BodyInflater inflater;
    // Why the body cannot be read (an encoding not decoded), or null.
    private final String unreadable;
    // Set by onSubscribe, which the JDK calls before any other callback.
    private Flow.Subscription own;
    // Queued after a read's events: the next bytes are asked for once the listener has taken these.
    private final Runnable readOn = () -> own.request(1);

    // Guarded by lock.
    // The body's first bytes, kept until an event arrives: a body with none (a JSON error or a whole completion from a
    // server that ignored "stream": true) is reported by what it held, not as a stream cut short.
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean sawEvent;

    ResponseBody(
            Call call,
            Object lock,
            CallbackQueue callbacks,
            EventSink sink,
            JdkHttpTransport.Framing framing,
            int attempt,
            String contentType,
            String contentEncoding) {
        this.call = call;
        this.lock = lock;
        this.callbacks = callbacks;
        this.sink = sink;
        this.attempt = attempt;
        this.contentType = contentType;
        this.parser = framing == JdkHttpTransport.Framing.SSE
                ? new SseParser(this::onEvent, JdkHttpTransport.MAX_LINE_BYTES, JdkHttpTransport.MAX_EVENT_CHARS)
                : new NdjsonParser(line -> onEvent(new SseEvent("line", line, "")), JdkHttpTransport.MAX_LINE_BYTES);
        BodyInflater decoding = null;
        String refused = null;
        try {
            decoding = BodyInflater.forEncoding(contentEncoding);
        } catch (IllegalArgumentException e) {
            refused = e.getMessage();
        }
        this.inflater = decoding;
        this.unreadable = refused;
    }

    /** Called by the parser, under the lock: once the call is done, the rest of the body is no event of it. */
    private void onEvent(SseEvent event) {
        sawEvent = true;
        call.onEvent(event);
        if (!call.reads(attempt)) {
            parser.stop();
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        // Complete at once so the response future completes with the headers, as ofPublisher() does.
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        boolean reads;
        synchronized (lock) {
            own = subscription;
            reads = call.reads(attempt);
            if (reads) {
                call.body(subscription);
                if (unreadable != null) {
                    // Ends the call, which cancels the body once the lock is released (see leave).
                    call.fail(new MalformedStreamException(
                            sink.provider(), unreadable, sink.partialText(), sink.attempts(), null));
                }
            }
        }
        if (reads && unreadable != null) {
            call.leave();
        } else if (reads) {
            subscription.request(1);
        } else {
            subscription.cancel();
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        boolean reads;
        Next next;
        synchronized (lock) {
            reads = call.reads(attempt);
            next = reads ? read(buffers) : drained(0, buffers);
        }
        if (reads) {
            call.leave(); // see onComplete
        }
        if (next == Next.READ) {
            own.request(1);
        } else if (next == Next.CANCEL) {
            own.cancel();
        }
    }

    /** Under the lock: feeds {@code buffers} of the body the call reads to the parser, then to the drain if it ends. */
    private Next read(List<ByteBuffer> buffers) {
        call.bytesArrived();
        try {
            for (int i = 0; i < buffers.size(); i++) {
                ByteBuffer buffer = inflater == null ? buffers.get(i) : inflater.inflate(buffers.get(i));
                keepHead(buffer);
                parser.feed(buffer);
                if (!call.reads(attempt)) {
                    // What the parser left of the marker's buffer and the buffers after it are the drain's first
                    // bytes: left out, they would let the body run past the drain's limit by up to one batch.
                    return drained(parser.unread(), buffers.subList(i + 1, buffers.size()));
                }
            }
        } catch (StreamLimitException | ZipException e) {
            call.fail(new MalformedStreamException(
                    sink.provider(), e.getMessage(), sink.partialText(), sink.attempts(), e));
            return Next.WAIT;
        }
        // Asked for by whichever thread makes this read's callbacks, once it has made them: a listener that takes its
        // time slows the reading, and the queue stays short.
        callbacks.then(readOn);
        return Next.WAIT;
    }

    /** Under the lock: hands bytes of a body the call no longer reads to its drain, if it has one. */
    private Next drained(long received, List<ByteBuffer> buffers) {
        BodyDrain drain = call.drain(attempt);
        return drain != null && drain.read(received, buffers) ? Next.READ : Next.CANCEL;
    }

    private void keepHead(ByteBuffer buffer) {
        if (!sawEvent && head.size() < MAX_HEAD_BYTES) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[Math.min(copy.remaining(), MAX_HEAD_BYTES - head.size())];
            copy.get(bytes);
            head.writeBytes(bytes);
        }
    }

    @Override
    public void onError(Throwable failure) {
        RejectedExecutionException refusal = StreamingCall.refusalIn(failure);
        boolean reads;
        synchronized (lock) {
            reads = ended();
            if (reads && refusal == null) {
                IOException io = failure instanceof IOException e ? e : new IOException(failure);
                // Never retried: this body belongs to a 2xx answer, so the request was accepted.
                String partial = sink.partialText();
                call.fail(new ConnectionException(
                        sink.provider(),
                        "connection lost while the answer streamed, after " + partial.length() + " chars",
                        partial,
                        sink.attempts(),
                        io));
            }
        }
        if (!reads) {
            return; // see onComplete
        }
        if (refusal == null) {
            call.leave();
        } else {
            // A JDK client whose executor refuses its work may abort its exchanges, on its selector thread: told
            // there, the listener would hold up the abort of the client's other exchanges.
            call.refused(refusal);
        }
    }

    @Override
    public void onComplete() {
        boolean reads;
        synchronized (lock) {
            reads = ended();
            if (reads) {
                parser.end();
                if (sawEvent && !parser.droppedAtEnd().isEmpty()) {
                    // Only in a stream of events: a body of none is shown whole below, being no stream at all.
                    sink.endedInsideEvent(parser.droppedAtEnd());
                }
                if (call.reads(attempt) && !sawEvent && head.size() > 0) {
                    noEvents();
                }
                if (call.reads(attempt)) {
                    call.onEnd();
                }
            }
        }
        // Only the body the call reads leaves the call: one it no longer reads decided nothing of the call's, and its
        // callbacks may come on the thread that aborted its exchange (the shared pool), where the listener's must not.
        if (reads) {
            call.leave();
        }
    }

    /**
     * Under the lock: the body ended, with or without an error; returns whether the call reads it. One it no longer
     * reads leaves nothing to drain: its connection went back to the pool, or was closed.
     */
    private boolean ended() {
        if (call.reads(attempt)) {
            call.body(null);
            return true;
        }
        BodyDrain drain = call.drain(attempt);
        if (drain != null) {
            drain.ended();
        }
        return false;
    }

    /** Under the lock: ends a 2xx body that held no event: with the error it carries, or as incomplete. */
    private void noEvents() {
        String text = head.toString(StandardCharsets.UTF_8);
        try {
            JsonNode root = Json.parse(text);
            JsonNode first = root.isArray() && !root.isEmpty() ? root.get(0) : root;
            if (Json.present(first, "error")) {
                sink.streamError(ProviderError.fromJson(root));
                return;
            }
        } catch (JacksonException notJson) {
            // Reported below by its start.
        }
        sink.incomplete(
                "the response (" + contentType + ") held no events: " + DataExcerpt.of(ProviderError.readable(text)));
    }
}
