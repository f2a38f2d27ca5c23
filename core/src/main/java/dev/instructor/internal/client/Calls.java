package dev.instructor.internal.client;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.PartialStream;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderStream;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Starts the calls of the {@code responses()} facade; the one entry point from the API package. */
public final class Calls {
    private final ClientSettings settings;
    private final PreparedModels models = new PreparedModels();

    /** Creates the entry point for a client's settings. */
    public Calls(ClientSettings settings) {
        this.settings = settings;
    }

    /** Returns the model of {@code type}, built once per client. */
    public <T> ResponseModel<T> model(TypeRef<T> type) {
        return models.model(type);
    }

    /** Returns the model of {@code type}, built once per client. */
    public <T> ResponseModel<T> model(Class<T> type) {
        return models.model(type);
    }

    private <T> PreparedModel<T> prepare(ResponseModel<T> model) {
        return models.prepare(model);
    }

    /** Starts a blocking stream. */
    public <T> PartialStream<T> stream(ChatRequest request, ResponseModel<T> model) {
        return new BlockingPartialStream<>(new CallPlan<>(settings, prepare(model), request));
    }

    /** Starts a reactive stream. */
    public <T> AsyncPartialStream<T> streamAsync(ChatRequest request, ResponseModel<T> model) {
        return new PublishedPartialStream<>(new CallPlan<>(settings, prepare(model), request));
    }

    /** Sends one request and returns its raw events; closing the stream cancels the call. */
    public <T> Stream<ProviderEvent> raw(ChatRequest request, ResponseModel<T> model) {
        CallPlan<T> plan = new CallPlan<>(settings, prepare(model), request);
        var providerRequest = plan.providerRequest(request.messages());
        plan.listener.onRequest(providerRequest, 1);
        ProviderStream events = settings.provider().stream(providerRequest);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(events::close);
    }
}
