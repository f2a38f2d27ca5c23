package dev.instructor.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderErrorTest {
    private static ProviderError parse(String body) {
        return ProviderError.fromBody(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void openAi() {
        assertThat(
                        parse(
                                "{\"error\":{\"message\":\"Rate limit\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"))
                .isEqualTo(new ProviderError("requests", "Rate limit"));
    }

    @Test
    void anthropic() {
        assertThat(parse("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isEqualTo(new ProviderError("overloaded_error", "Overloaded"));
    }

    @Test
    void geminiArray() {
        assertThat(parse("[{\"error\":{\"code\":429,\"message\":\"Quota\",\"status\":\"RESOURCE_EXHAUSTED\"}}]"))
                .isEqualTo(new ProviderError("RESOURCE_EXHAUSTED", "Quota"));
    }

    @Test
    void ollamaString() {
        assertThat(parse("{\"error\":\"model not found\"}")).isEqualTo(new ProviderError("", "model not found"));
    }

    @Test
    void notJson_textKept() {
        assertThat(parse("upstream connect error")).isEqualTo(new ProviderError("", "upstream connect error"));
    }

    @Test
    void htmlFromAProxy_itsTitle() {
        // A CDN's error page opens with kilobytes of markup: the title is what says what happened.
        String page =
                "<!DOCTYPE html>\n<!--[if lt IE 7]> <html class=\"no-js ie6 oldie\" lang=\"en-US\"> <![endif]-->\n"
                        + "<!--[if gt IE 8]><!--> <html class=\"no-js\" lang=\"en-US\"> <!--<![endif]-->\n<head>\n"
                        + "<meta charset=\"UTF-8\" />\n".repeat(20)
                        + "<title>api.openai.com | 524: A timeout occurred</title>\n</head>\n<body>"
                        + "<div>".repeat(200) + "</body></html>";
        assertThat(parse(page)).isEqualTo(new ProviderError("", "api.openai.com | 524: A timeout occurred"));
    }

    /** Some servers write a byte order mark first; the page is a page all the same. */
    @Test
    void htmlAfterAByteOrderMark_itsTitle() {
        assertThat(parse("\uFEFF<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head></html>"))
                .isEqualTo(new ProviderError("", "503 Service Unavailable"));
    }

    @Test
    void htmlWithoutTitle_itsTextOnOneLine() {
        String page = "<html>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
                + "</body>\r\n</html>";
        assertThat(parse(page)).isEqualTo(new ProviderError("", "502 Bad Gateway nginx"));
    }

    /** A page cut short or garbled, with markup left unclosed, is read in one pass, not once per '<'. */
    @Test
    void htmlWithUnclosedMarkup_isReadInLinearTime() {
        for (String markup : List.of("<", "<!--", "<script>", "<title", "<p x='")) {
            String page = "<html><body>Bad Gateway " + markup.repeat((64 << 10) / markup.length());
            ProviderError error = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> parse(page), markup);
            assertThat(error.message()).as(markup).startsWith("Bad Gateway");
        }
    }

    @Test
    void htmlWithoutTitle_hiddenElementsAndCommentsDropped() {
        String page = "<HTML><Head><Title></Title><style>p{}</style></Head><body><!-- x --><header>Oops</header>"
                + "<script type=x>var a = '<b>';</script><p>Try again &amp; later</p></body></html>";
        assertThat(parse(page)).isEqualTo(new ProviderError("", "Oops Try again & later"));
    }

    @Test
    void anthropicDetailCode() {
        assertThat(parse("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Limit\","
                        + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}"))
                .isEqualTo(new ProviderError("rate_limit_error", "Limit", "enforced_spend_limit_reached"));
    }

    @Test
    void unknownJsonShape_textKept() {
        assertThat(parse("{\"detail\":\"Not Found\"}")).isEqualTo(new ProviderError("", "{\"detail\":\"Not Found\"}"));
        String validation = "{\"detail\":[{\"loc\":[\"body\",\"model\"],\"msg\":\"field required\"}]}";
        assertThat(parse(validation)).isEqualTo(new ProviderError("", validation));
    }

    @Test
    void unknownJsonShape_textTruncated() {
        String body = "{\"detail\":\"" + "x".repeat(1000) + "\"}";
        assertThat(parse(body).message()).isEqualTo(body.substring(0, 500));
    }

    @Test
    void textTruncated_keepsASurrogatePairWhole() {
        // An emoji across the 500-char cut: half of it alone would reach a log or a page as U+FFFD.
        String body = "x".repeat(499) + "\uD83D\uDE00" + "y".repeat(100);
        String message = parse(body).message();
        assertThat(message).isEqualTo("x".repeat(499));
        assertThat(Character.isHighSurrogate(message.charAt(message.length() - 1)))
                .isFalse();
    }
}
