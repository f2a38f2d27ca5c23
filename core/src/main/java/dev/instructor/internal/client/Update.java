package dev.instructor.internal.client;

import dev.instructor.PartialUpdate;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.List;
import java.util.Optional;

/** The one implementation of {@link PartialUpdate}: an immutable bundle. */
final class Update<T> implements PartialUpdate<T> {
    private final T value;
    private final PartialValue json;
    private final List<JsonPointer> completedPaths;
    private final JsonPointer activePath;
    private final int attempt;
    private final boolean isFinal;

    Update(
            T value,
            PartialValue json,
            List<JsonPointer> completedPaths,
            JsonPointer activePath,
            int attempt,
            boolean isFinal) {
        this.value = value;
        this.json = json;
        this.completedPaths = List.copyOf(completedPaths);
        this.activePath = activePath;
        this.attempt = attempt;
        this.isFinal = isFinal;
    }

    @Override
    public T value() {
        return value;
    }

    @Override
    public PartialValue json() {
        return json;
    }

    @Override
    public List<JsonPointer> completedPaths() {
        return completedPaths;
    }

    @Override
    public Optional<JsonPointer> activePath() {
        return Optional.ofNullable(activePath);
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public boolean isFinal() {
        return isFinal;
    }

    @Override
    public String toString() {
        return (isFinal ? "Final" : "Partial") + "[attempt " + attempt + ", " + value + "]";
    }
}
