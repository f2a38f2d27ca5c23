package dev.instructor.internal.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The POST a provider sends. {@link #toString()} names the URI and header names only, so credentials in headers
 * never reach logs or messages.
 *
 * @param uri where to send it
 * @param headers request headers, credentials included
 * @param body the JSON body
 */
public record OutgoingRequest(URI uri, Map<String, String> headers, ObjectNode body) {

    /** Copies the headers. */
    public OutgoingRequest {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
    }

    HttpRequest toHttpRequest(String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .header("Content-Type", "application/json")
                .header("Accept", accept);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // The client defaults to HTTP/2, which on plain http means an "Upgrade: h2c" offer on every POST; some
            // local servers and proxies (llama.cpp among them) mishandle it. Over https HTTP/2 is negotiated by ALPN.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        // setHeader, so a configured Accept or Content-Type replaces ours rather than adding a second value.
        headers.forEach(builder::setHeader);
        return builder.build();
    }

    @Override
    public String toString() {
        return "POST " + uri + " headers=" + headers.keySet();
    }
}
