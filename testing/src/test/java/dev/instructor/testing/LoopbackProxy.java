package dev.instructor.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A forward HTTP proxy on loopback, for tests of a client configured to send through one: it takes requests in
 * absolute form ({@code POST http://127.0.0.1:8080/v1/chat HTTP/1.1}), records their request lines, and relays each
 * to its target in origin form, then the target's answer back. With credentials it answers 407 with a Basic challenge
 * until a request carries them in {@code Proxy-Authorization}. One request is relayed per connection: the connection
 * ends with the target's.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final String authorization;
    private final List<String> relayed = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int challenges;

    private LoopbackProxy(String authorization) throws IOException {
        this.authorization = authorization;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread(this::acceptLoop).start();
    }

    /** Starts a proxy that relays every request. */
    public static LoopbackProxy start() throws IOException {
        return new LoopbackProxy(null);
    }

    /** Starts a proxy that relays only requests with these Basic credentials. */
    public static LoopbackProxy requiring(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new LoopbackProxy("Basic " + token);
    }

    /** Returns the address to give a client's {@code ProxySelector}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    /** Returns the request lines of the requests relayed, as the client sent them. */
    public List<String> relayed() {
        return List.copyOf(relayed);
    }

    /** Returns how many requests were answered 407 for want of the credentials. */
    public int challenges() {
        return challenges;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket open : sockets) {
            open.close();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                thread(() -> serve(client)).start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            for (List<String> head = readHead(in); head != null; head = readHead(in)) {
                byte[] body = in.readNBytes(contentLength(head));
                if (authorization != null && !head.contains("proxy-authorization: " + authorization)) {
                    challenges++;
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                    + "Proxy-Authenticate: Basic realm=\"loopback\"\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue;
                }
                relay(head, body, out);
                return;
            }
        } catch (IOException gone) {
            // The client or the target went away.
        }
    }

    private void relay(List<String> head, byte[] body, OutputStream out) throws IOException {
        String[] line = head.get(0).split(" ");
        relayed.add(head.get(0));
        URI target = URI.create(line[1]);
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        StringBuilder request = new StringBuilder(line[0] + " " + path + " " + line[2] + "\r\n");
        for (String header : head.subList(1, head.size())) {
            if (!header.startsWith("proxy-")) {
                request.append(header).append("\r\n");
            }
        }
        request.append("\r\n");
        try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
            sockets.add(upstream);
            upstream.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            upstream.getOutputStream().write(body);
            upstream.getOutputStream().flush();
            upstream.getInputStream().transferTo(out);
        }
    }

    /** Reads a request's head: its request line, then its headers with lower-case names; null at the end. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> head = new ArrayList<>();
        for (String line = readLine(in); line != null; line = readLine(in)) {
            if (line.isEmpty()) {
                return head;
            }
            int colon = line.indexOf(':');
            head.add(
                    head.isEmpty() || colon < 0
                            ? line
                            : line.substring(0, colon).toLowerCase(Locale.ROOT) + ": "
                                    + line.substring(colon + 1).strip());
        }
        return null;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    private static int contentLength(List<String> head) {
        for (String header : head) {
            if (header.startsWith("content-length: ")) {
                return Integer.parseInt(header.substring("content-length: ".length()));
            }
        }
        return 0;
    }

    private static Thread thread(Runnable task) {
        Thread thread = new Thread(task, "loopback-proxy");
        thread.setDaemon(true);
        return thread;
    }
}
