package dev.instructor.internal.client;

import dev.instructor.AsyncPartialStream;
import dev.instructor.ChatRequest;
import dev.instructor.PartialStream;
import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import dev.instructor.spi.ProviderEvent;
import dev.instructor.spi.ProviderStream;
import java.lang.reflect.Type;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Starts the calls of the {@code responses()} facade; the one entry point from the API package. */
public final class Calls {
    private final ClientSettings settings;
    // One entry per response type the application uses: a fixed, small set, so no eviction.
    private final ConcurrentHashMap<Type, PreparedModel<?>> byType = new ConcurrentHashMap<>();

    /** Creates the entry point for a client's settings. */
    public Calls(ClientSettings settings) {
        this.settings = settings;
    }

    /** Returns the model of {@code type}, built once per client. */
    @SuppressWarnings("unchecked")
    public <T> ResponseModel<T> model(TypeRef<T> type) {
        return (ResponseModel<T>)
                prepared(type.type(), () -> ResponseModel.of(type)).model();
    }

    /** Returns the model of {@code type}, built once per client. */
    @SuppressWarnings("unchecked")
    public <T> ResponseModel<T> model(Class<T> type) {
        return (ResponseModel<T>) prepared(type, () -> ResponseModel.of(type)).model();
    }

    private PreparedModel<?> prepared(Type type, Supplier<ResponseModel<?>> model) {
        PreparedModel<?> known = byType.get(type);
        if (known == null) {
            known = byType.computeIfAbsent(type, key -> PreparedModel.of(model.get()));
        }
        return known;
    }

    /** Returns the cached preparation of a model the client built, or prepares a caller's own model. */
    @SuppressWarnings("unchecked")
    private <T> PreparedModel<T> prepare(ResponseModel<T> model) {
        PreparedModel<?> known = byType.get(model.type());
        return known != null && known.model() == model ? (PreparedModel<T>) known : PreparedModel.of(model);
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
        settings.listener().onRequest(providerRequest, 1);
        ProviderStream events = settings.provider().stream(providerRequest);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED), false)
                .onClose(events::close);
    }
}
