package dev.instructor.internal.client;

import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the provider-side wrapper ({@code {"items": ...}}) from engine snapshots and paths, so updates speak in
 * the terms of the caller's value.
 */
final class Wrapping {
    private final String key;

    /** @param key the wrapper member, or {@code null} when the model is not wrapped */
    Wrapping(String key) {
        this.key = key;
    }

    /** Returns the wrapped value, or {@code null} when its member has not started. */
    PartialValue unwrap(PartialValue document) {
        if (key == null) {
            return document;
        }
        return document instanceof PartialObject object ? object.get(key) : null;
    }

    /** Returns the path in the caller's terms, or {@code null} when it lies outside the wrapped value. */
    JsonPointer unwrap(JsonPointer path) {
        if (key == null) {
            return path;
        }
        List<String> segments = path.segments();
        if (segments.isEmpty() || !segments.get(0).equals(key)) {
            return null;
        }
        return JsonPointer.of(segments.subList(1, segments.size()));
    }

    /** Returns the paths in the caller's terms, leaving out those outside the wrapped value. */
    List<JsonPointer> unwrap(List<JsonPointer> paths) {
        if (key == null) {
            return paths;
        }
        List<JsonPointer> out = new ArrayList<>(paths.size());
        for (JsonPointer path : paths) {
            JsonPointer inner = unwrap(path);
            if (inner != null) {
                out.add(inner);
            }
        }
        return out;
    }
}
