package dev.instructor.schema;

import com.fasterxml.jackson.annotation.ObjectIdGenerator;

/**
 * The plumbing of a caller's own object-id generator, as Jackson wants it (a scope, a fresh counter per serialization,
 * keys per scope), for fixtures that differ only in the ids they make from a count.
 *
 * @param <T> the type of the ids
 */
abstract class CountingIdGenerator<T> extends ObjectIdGenerator<T> {
    private final Class<?> scope;
    private final long first;
    private long next;

    CountingIdGenerator(Class<?> scope, long first, long next) {
        this.scope = scope;
        this.first = first;
        this.next = next;
    }

    /** Returns a generator of the same kind for {@code scope}, counting on from {@code next}. */
    abstract CountingIdGenerator<T> copy(Class<?> scope, long next);

    /** Returns the id made of {@code count}. */
    abstract T idOf(long count);

    @Override
    public final Class<?> getScope() {
        return scope;
    }

    @Override
    public final boolean canUseFor(ObjectIdGenerator<?> generator) {
        return generator.getClass() == getClass() && generator.getScope() == scope;
    }

    @Override
    public final ObjectIdGenerator<T> forScope(Class<?> scope) {
        return this.scope == scope ? this : copy(scope, next);
    }

    @Override
    public final ObjectIdGenerator<T> newForSerialization(Object context) {
        return copy(scope, first);
    }

    @Override
    public final IdKey key(Object key) {
        return key == null ? null : new IdKey(getClass(), scope, key);
    }

    @Override
    public final T generateId(Object forPojo) {
        return idOf(next++);
    }
}
