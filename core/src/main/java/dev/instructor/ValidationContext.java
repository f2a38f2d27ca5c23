package dev.instructor;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Data a {@link Validator} needs from the request that produced the value, such as the source text quotes must come
 * from. Immutable; supplied per request. Two contexts are equal when they hold equal values under the same names.
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

    /** Returns whether {@code other} is a context holding equal values under the same names. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ValidationContext that && values.equals(that.values);
    }

    /** Returns a hash of the named values, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Returns the names the context holds; values are left out, as they may be long or private. */
    @Override
    public String toString() {
        return "ValidationContext" + values.keySet();
    }
}
