package dev.instructor.sse.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/** Reads a servlet request for {@link StreamAdmission}, and writes its answers to the servlet response. */
public final class ServletAnswers {
    private ServletAnswers() {}

    /**
     * Returns what the checks read of {@code request}; the {@code format} parameter comes from the query string
     * alone, since {@link HttpServletRequest#getParameter} would read a form body.
     *
     * @param request the request
     */
    public static StreamAdmission.Request view(HttpServletRequest request) {
        return new StreamAdmission.Request() {
            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public String header(String name) {
                return request.getHeader(name);
            }

            @Override
            public List<String> headerLines(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public String queryParameter(String name) {
                return HttpParts.queryParameter(request.getQueryString(), name);
            }
        };
    }

    /**
     * Writes {@code answer} to {@code response} and commits it, so that nothing the application does later replaces
     * it. The answer to a {@code HEAD} has no body.
     *
     * @param request the request answered
     * @param response its response, not yet committed
     * @param answer the answer
     * @throws IOException when the client has gone
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, StreamAdmission.Answer answer)
            throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (answer.message() != null) {
            response.setContentType("application/json");
            byte[] body = HttpParts.errorBody(answer.message(), answer.field()).getBytes(StandardCharsets.UTF_8);
            if (!request.getMethod().equals("HEAD")) {
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        }
        response.flushBuffer();
    }
}
