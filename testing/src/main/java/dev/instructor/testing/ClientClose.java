package dev.instructor.testing;

import java.time.Instant;

/**
 * The moment the {@link FakeProviderServer} noticed a client close its connection, and how much of the response it
 * had written by then.
 *
 * @param at when the server noticed the close
 * @param piecesWritten body pieces (separate flushed writes) written before the close was noticed, a write still
 *     under way then included (the client may have read it)
 * @param bytesWritten body bytes of those pieces, framing not counted
 */
public record ClientClose(Instant at, int piecesWritten, long bytesWritten) {}
