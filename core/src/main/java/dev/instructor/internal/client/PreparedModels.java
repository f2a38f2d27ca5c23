package dev.instructor.internal.client;

import dev.instructor.ResponseModel;
import dev.instructor.TypeRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A client's prepared response models. Preparing one (Jackson introspection, schema generation) costs milliseconds,
 * as much as a short stream's parsing, so each is prepared once: per type for the models the client builds itself
 * (a fixed, small set in any application, so never evicted), and per instance for the callers' own models (kept
 * while among the most recently used, so a model built per request cannot grow the cache).
 *
 * <p>Thread-safe.
 */
final class PreparedModels {
    private static final int OWN_MODELS = 64;

    /** By {@code Type}, or by annotated type for a type token whose annotations may bound it (see RootBounds). */
    private final ConcurrentHashMap<Object, PreparedModel<?>> byType = new ConcurrentHashMap<>();
    /** The same preparations by their model, which does not override equals: for {@link #prepare}. */
    private final ConcurrentHashMap<ResponseModel<?>, PreparedModel<?>> ownByModel = new ConcurrentHashMap<>();
    // Keyed by identity in effect: ResponseModel does not override equals.
    private final Map<ResponseModel<?>, PreparedModel<?>> byInstance = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ResponseModel<?>, PreparedModel<?>> eldest) {
            return size() > OWN_MODELS;
        }
    };

    @SuppressWarnings("unchecked")
    <T> ResponseModel<T> model(TypeRef<T> type) {
        return (ResponseModel<T>)
                byType(key(type), () -> ResponseModel.of(type)).model();
    }

    @SuppressWarnings("unchecked")
    <T> ResponseModel<T> model(Class<T> type) {
        return (ResponseModel<T>) byType(type, () -> ResponseModel.of(type)).model();
    }

    /** Returns the preparation of {@code model}, made once while it stays in use. */
    @SuppressWarnings("unchecked")
    <T> PreparedModel<T> prepare(ResponseModel<T> model) {
        PreparedModel<?> own = ownByModel.get(model);
        if (own != null) {
            return (PreparedModel<T>) own;
        }
        synchronized (byInstance) {
            PreparedModel<?> known = byInstance.get(model);
            if (known != null) {
                return (PreparedModel<T>) known;
            }
        }
        // Prepared outside the lock: two threads may both prepare a new model once, which is harmless.
        PreparedModel<T> prepared = PreparedModel.of(model);
        synchronized (byInstance) {
            byInstance.put(model, prepared);
        }
        return prepared;
    }

    /** Equal for tokens of one type with the same type-use annotations, which JDK 12 and later compare. */
    private static Object key(TypeRef<?> type) {
        return type.annotatedType() != null ? type.annotatedType() : type.type();
    }

    private PreparedModel<?> byType(Object type, Supplier<ResponseModel<?>> model) {
        PreparedModel<?> known = byType.get(type);
        return known != null
                ? known
                : byType.computeIfAbsent(type, key -> {
                    PreparedModel<?> prepared = PreparedModel.of(model.get());
                    ownByModel.put(prepared.model(), prepared);
                    return prepared;
                });
    }
}
