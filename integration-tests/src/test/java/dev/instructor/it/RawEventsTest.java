package dev.instructor.it;

import static dev.instructor.it.SeedModels.EXPECTED_IDEAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.instructor.Instructor;
import dev.instructor.InstructorListener;
import dev.instructor.spi.ProviderEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Debugging views: {@code raw()} and the listener's provider events show the wire events of a real provider. */
class RawEventsTest {
    private static final ProviderSetup SETUP = ProviderSetup.ANTHROPIC_TOOLS;

    @RegisterExtension
    final ProviderServer server = ProviderServer.of(SETUP);

    @Test
    void raw_returnsWireAndDecodedEvents() {
        String json = SeedModels.answer(EXPECTED_IDEAS);
        server.enqueue(SETUP.response(json, "ListOfIdea", "toolu_1", 8));
        Instructor client = server.client();

        List<ProviderEvent> events;
        try (Stream<ProviderEvent> raw =
                client.responses().raw(SETUP.request("Ideas").build(), SeedModels.IDEAS)) {
            events = raw.toList();
        }

        assertThat(events).filteredOn(ProviderEvent.Raw.class::isInstance).isNotEmpty();
        assertThat(events).contains(new ProviderEvent.ToolCall("toolu_1", "ListOfIdea"));
        String text = events.stream()
                .filter(ProviderEvent.TextDelta.class::isInstance)
                .map(e -> ((ProviderEvent.TextDelta) e).text())
                .collect(Collectors.joining());
        assertThat(text).isEqualTo(json);
        assertThat(events).last().isInstanceOf(ProviderEvent.Finish.class);
    }

    @Test
    void listener_seesEveryProviderEventOfAStructuredCall() {
        server.enqueue(SETUP.response(SeedModels.answer(EXPECTED_IDEAS), "ListOfIdea", "toolu_1", 8));
        List<ProviderEvent> seen = new CopyOnWriteArrayList<>();
        Instructor client = server.client(new InstructorListener() {
            @Override
            public void onProviderEvent(ProviderEvent event, int attempt) {
                seen.add(event);
            }
        });

        assertThat(client.responses().create(SETUP.request("Ideas").build(), SeedModels.IDEAS))
                .isEqualTo(EXPECTED_IDEAS);
        assertThat(seen)
                .filteredOn(ProviderEvent.Raw.class::isInstance)
                .extracting(e -> ((ProviderEvent.Raw) e).event())
                .contains("message_start", "content_block_delta", "message_stop");
    }
}
