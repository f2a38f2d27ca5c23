package dev.instructor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Serves one request on one connection: reads it, writes the scripted answer piece by piece, then waits for the
 * client to close. Waiting is what lets tests observe the client's close: the server never closes first, except to
 * reset.
 *
 * <p>Implementation notes: once the request is read, a watcher thread keeps reading the connection. An HTTP/1.1
 * client sends nothing more on a {@code Connection: close} exchange, so the read returning (end of stream or reset)
 * is the client's close, noticed at once. Detecting it by writing instead would lag: the first write after a close
 * still succeeds, and only the peer's RST makes a later one fail.
 */
final class Exchange {
    private static final int CLOSE_WAIT_MILLIS = 10_000;

    private final Socket socket;
    private final Function<RecordedRequest, FakeResponse> answer;
    private final Consumer<RecordedRequest> recorder;
    private final Function<Runnable, Thread> threads;
    private volatile boolean serverClosing;

    Exchange(
            Socket socket,
            Function<RecordedRequest, FakeResponse> answer,
            Consumer<RecordedRequest> recorder,
            Function<Runnable, Thread> threads) {
        this.socket = socket;
        this.answer = answer;
        this.recorder = recorder;
        this.threads = threads;
    }

    void run() throws IOException {
        InputStream in = socket.getInputStream();
        RecordedRequest request = readRequest(in, socket.getOutputStream());
        recorder.accept(request);
        threads.apply(() -> watchForClose(in, request)).start();
        try {
            serve(request);
        } finally {
            // From here on, a failed read is the server's own close, not the client's.
            serverClosing = true;
        }
    }

    private void serve(RecordedRequest request) throws IOException {
        FakeResponse response = answer.apply(request);
        try {
            write(response, socket.getOutputStream(), request);
        } catch (IOException clientGone) {
            request.markClientClosed();
            return;
        }
        if (response.fault() == FakeResponse.Fault.RESET) {
            serverClosing = true;
            socket.setSoLinger(true, 0);
            socket.close();
            return;
        }
        if (response.fault() == FakeResponse.Fault.NONE && !request.clientClosed()) {
            socket.shutdownOutput();
        }
        // A stall holds the connection as long as the client does (or until the server closes), so a client's own
        // idle or request timeout, however long, is what ends it. A finished answer waits a while for the close.
        boolean stalled = response.fault() == FakeResponse.Fault.STALL
                || response.fault() == FakeResponse.Fault.STALL_BEFORE_HEADERS;
        request.awaitClosed(stalled ? Long.MAX_VALUE : CLOSE_WAIT_MILLIS);
    }

    private void watchForClose(InputStream in, RecordedRequest request) {
        byte[] discard = new byte[1024];
        try {
            while (in.read(discard) >= 0) {
                // A client may send more (it should not); keep waiting for the close.
            }
        } catch (IOException reset) {
            // A reset is a close too, unless the server closed the socket itself.
        }
        if (!serverClosing) {
            request.markClientClosed();
        }
    }

    private void write(FakeResponse response, OutputStream out, RecordedRequest request) throws IOException {
        // Cut first: a split or fault that does not fit the body then fails before any byte is sent.
        List<byte[]> pieces = response.pieces();
        if (response.fault() == FakeResponse.Fault.STALL_BEFORE_HEADERS) {
            return;
        }
        StringBuilder head =
                new StringBuilder("HTTP/1.1 " + response.status() + " " + reason(response.status()) + "\r\n");
        response.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        if (response.chunked()) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (response.status() / 100 != 2 && !response.bodyless()) {
            head.append("Content-Length: ").append(response.bodyBytes().length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        boolean first = true;
        for (byte[] piece : pieces) {
            if (!first) {
                pause(response);
            }
            first = false;
            if (request.clientClosed()) {
                return;
            }
            request.pieceStarting(piece.length);
            // One write per piece, its chunk framing included: a client that closes as soon as it has read the piece
            // (at the end of its events) must not make a separate framing write fail after the piece went out, which
            // left a piece the client read uncounted.
            out.write(response.chunked() ? chunk(piece) : piece);
            out.flush();
            request.pieceWritten();
        }
        if (response.fault() == FakeResponse.Fault.NONE && response.chunked() && !request.clientClosed()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    /** Returns {@code piece} framed as one chunk of chunked transfer coding: its size in hex, CRLF, it, CRLF. */
    private static byte[] chunk(byte[] piece) {
        byte[] size = (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] framed = new byte[size.length + piece.length + 2];
        System.arraycopy(size, 0, framed, 0, size.length);
        System.arraycopy(piece, 0, framed, size.length, piece.length);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        return framed;
    }

    private static void pause(FakeResponse response) {
        if (response.pacing().isZero()) {
            return;
        }
        try {
            Thread.sleep(response.pacing().toMillis(), response.pacing().toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RecordedRequest readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        String[] parts = requestLine.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("bad request line: " + requestLine);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(
                                line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        List<String> expect = headers.get("expect");
        if (expect != null && expect.get(0).equalsIgnoreCase("100-continue")) {
            // The client sends its body only once told to go on; without this both sides would wait.
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        byte[] body;
        if (encoding != null
                && encoding.get(encoding.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
            // A client streaming its body (an InputStream publisher, say) sends it chunked, without a length.
            body = readChunked(in);
        } else {
            body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.get(0)));
        }
        return new RecordedRequest(parts[0], parts[1], headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (; ; ) {
            String sizeLine = readLine(in);
            int extension = sizeLine.indexOf(';');
            String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
            int chunk;
            try {
                chunk = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                chunk = -1;
            }
            if (chunk < 0) {
                throw new IOException("bad chunk size: " + sizeLine);
            }
            if (chunk == 0) {
                break;
            }
            byte[] bytes = in.readNBytes(chunk);
            if (bytes.length < chunk) {
                throw new IOException("connection closed inside a request chunk");
            }
            body.write(bytes);
            readLine(in);
        }
        // Trailer fields, if any, up to the blank line that ends the body.
        while (!readLine(in).isEmpty()) {
            // Not recorded.
        }
        return body.toByteArray();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
