package dev.instructor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Data a {@link Validator} needs from the request that produced the value, such as the source text quotes must come
 * from. Immutable; supplied per request.
 */
public final class ValidationContext {
    private static final ValidationContext EMPTY = new ValidationContext(Map.of());

    private final Map<String, Object> values;

    private ValidationContext(Map<String, Object> values) {
        this.values = values;
    }

    /** Returns the context holding nothing. */
    public static ValidationContext empty() {
        return EMPTY;
    }

    /**
     * Returns a context holding {@code values}.
     *
     * @param values named values, copied; no null keys or values
     */
    public static ValidationContext of(Map<String, ?> values) {
        return values.isEmpty() ? EMPTY : new ValidationContext(Map.copyOf(values));
    }

    /**
     * Returns the value named {@code name}, if present.
     *
     * @param name the value's name
     */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(values.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Returns the value named {@code name} as a {@code type}, if present.
     *
     * @param name the value's name
     * @param type the expected type
     * @throws ClassCastException when the value is present but not a {@code type}
     */
    public <V> Optional<V> get(String name, Class<V> type) {
        return get(name).map(type::cast);
    }

    @Override
    public String toString() {
        return "ValidationContext" + values.keySet();
    }
}
