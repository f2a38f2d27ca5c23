package dev.instructor.internal.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * A loopback port that refuses connections for as long as this is open, for tests of connection failures.
 *
 * <p>A port taken from a server that was then closed is free for anyone: another test's server (in this JVM or
 * another process) may bind it before the connection is tried, and answer. This one holds the port with a socket that
 * is bound but neither listening nor connected, so a connection to it is refused, and, the socket not reusing its
 * address, no server can bind the port meanwhile.
 */
final class RefusedPort implements AutoCloseable {
    private final Socket held = new Socket();

    RefusedPort() {
        try {
            held.setReuseAddress(false);
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a URL at this port with {@code path}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + held.getLocalPort() + path);
    }

    @Override
    public void close() throws IOException {
        held.close();
    }
}
