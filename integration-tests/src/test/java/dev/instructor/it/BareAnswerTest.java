package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.Instructor;
import dev.instructor.PartialStream;
import dev.instructor.internal.transport.Json;
import dev.instructor.it.SeedModels.Idea;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model not held to the schema (JSON and MD_JSON modes) that answers the bare list instead of the {@code {"items":
 * [...]}} it was asked for, over the real providers' wire: the list streams, its items are handed out, and it is the
 * final value, without a re-ask.
 */
class BareAnswerTest {
    @RegisterExtension
    final ProviderServer server = ProviderServer.anySetup();

    @ParameterizedTest
    @EnumSource(
            value = ProviderSetup.class,
            names = {"OPENAI_CHAT_JSON", "OPENAI_CHAT_MD_JSON", "OPENAI_COMPATIBLE"})
    void aBareList_streamsAndIsTheFinalValue(ProviderSetup setup) {
        String bare = Json.MAPPER.writeValueAsString(EXPECTED_IDEAS);
        server.enqueue(setup.response(bare, "ListOfIdea", "call_bare", 7));
        server.enqueue(setup.response(bare, "ListOfIdea", "call_bare", 7));
        Instructor client = server.client(setup);
        List<List<Idea>> partials = new ArrayList<>();
        List<Idea> elements = new ArrayList<>();

        try (PartialStream<List<Idea>> stream =
                client.responses().stream(setup.request("ideas").build(), SeedModels.IDEAS)) {
            stream.forEach(partials::add);
            assertThat(stream.getFinalResponse()).isEqualTo(EXPECTED_IDEAS);
        }
        try (PartialStream<List<Idea>> stream =
                client.responses().stream(setup.request("ideas").build(), SeedModels.IDEAS)) {
            stream.elements(Idea.class).forEach(elements::add);
        }

        assertThat(partials).hasSizeGreaterThan(3).last().isEqualTo(EXPECTED_IDEAS);
        assertThat(elements).isEqualTo(EXPECTED_IDEAS);
        assertThat(server.requestCount()).as("not re-asked").isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(
            value = ProviderSetup.class,
            names = {"OPENAI_CHAT_JSON", "OPENAI_COMPATIBLE"})
    void proseThatStartsWithABracket_beforeTheWrapper_isProse(ProviderSetup setup) {
        // A footnote or a checkbox before the wrapper starts like a bare list: it is prose, and the wrapper the answer.
        String list = Json.MAPPER.writeValueAsString(EXPECTED_IDEAS);
        for (String prose : List.of("[1] Here is the JSON: ", "[ ] ")) {
            server.enqueue(setup.response(prose + "{\"items\":" + list + "}", "ListOfIdea", "call_prose", 7));
        }
        Instructor client = server.client(setup);

        for (int i = 0; i < 2; i++) {
            assertThat(client.responses().create(setup.request("ideas").build(), SeedModels.IDEAS))
                    .isEqualTo(EXPECTED_IDEAS);
        }
        assertThat(server.requestCount()).as("not re-asked").isEqualTo(2);
    }
}
