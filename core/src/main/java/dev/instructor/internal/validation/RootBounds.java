package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.schema.SetItems;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The size bounds of a root list, set, array or map, from a type-use {@code @Size} or {@code @NotEmpty} in a type token
 * ({@code new TypeRef<@Size(max = 5) List<Idea>>() {}}): what a list property's {@code @Size} gives a property, for a
 * response that is the list itself. The schema's list gets {@code minItems}/{@code maxItems} (a map
 * {@code minProperties}/{@code maxProperties}), the final value is checked, and the streaming checks fail an answer as
 * soon as its list or map has more items or entries than allowed.
 *
 * <p>Other constraints inside a type token would be silently ignored, as Bean Validation only reads constraints on
 * properties, so they are rejected.
 */
public final class RootBounds {
    /** One bound, with what is reported when it is broken. */
    private record Bound(int min, int max, String message) {}

    private final List<Bound> bounds;
    private final int min;
    private final int max;
    /**
     * False for a set, whose repeated items collapse, and for a map whose distinct keys Jackson may read as one (an
     * enum under {@code ACCEPT_CASE_INSENSITIVE_ENUMS}, a number, a UUID): its size is known only once Jackson has read
     * it.
     */
    private final boolean countsWrittenItems;
    /** True for a map, whose entries the model writes as the members of an object. */
    private final boolean map;
    /** True for a set, whose upper bound counts distinct items, where a schema's {@code maxItems} counts repeats. */
    private final boolean set;

    private RootBounds(List<Bound> bounds, boolean countsWrittenItems, boolean map, boolean set) {
        this.bounds = List.copyOf(bounds);
        this.countsWrittenItems = countsWrittenItems;
        this.map = map;
        this.set = set;
        this.min = bounds.stream().mapToInt(Bound::min).max().orElse(0);
        this.max = bounds.stream().mapToInt(Bound::max).min().orElse(Integer.MAX_VALUE);
    }

    /**
     * Returns the bounds {@code annotated} declares on its root, or null when it declares none.
     *
     * @param annotated the type token's annotated type, or null
     * @param type the same type as Jackson sees it
     * @throws IllegalArgumentException for a bound on a root that is not a list, set, array or map, and for any other
     *     Bean Validation constraint in the type token
     */
    public static RootBounds of(AnnotatedType annotated, JavaType type) {
        if (annotated == null) {
            return null;
        }
        List<Bound> bounds = new ArrayList<>();
        for (Annotation annotation : annotated.getAnnotations()) {
            for (Annotation each : repeated(annotation)) {
                Bound bound = bound(each);
                if (bound == null) {
                    rejectConstraint(
                            each, "on the response type " + annotated.getType().getTypeName());
                    continue;
                }
                if (!type.isCollectionLikeType() && !type.isArrayType() && !type.isMapLikeType()) {
                    throw new IllegalArgumentException(
                            "@" + each.annotationType().getSimpleName()
                                    + " on the response type " + type.toCanonical()
                                    + " is not applied: a type token's bound is read on a root list, set, array or map only");
                }
                bounds.add(bound);
            }
        }
        rejectNested(annotated);
        // A map's size is that of the object the model writes (a key written twice is one member of it too), as long
        // as Jackson keeps its keys as text: two names may read as one enum constant, number or id.
        boolean set = java.util.Set.class.isAssignableFrom(type.getRawClass());
        boolean collapses =
                set || type.isMapLikeType() && !keptAsText(type.getKeyType().getRawClass());
        return bounds.isEmpty() ? null : new RootBounds(bounds, !collapses, type.isMapLikeType(), set);
    }

    private static boolean keptAsText(Class<?> key) {
        return key == String.class || key == Object.class || key == CharSequence.class;
    }

    /** The annotations a repeated {@code @Size} holds ({@code @Size.List}), or the annotation itself. */
    private static Annotation[] repeated(Annotation annotation) {
        if (annotation instanceof Size.List list) {
            return list.value();
        }
        return new Annotation[] {annotation};
    }

    private static Bound bound(Annotation annotation) {
        if (annotation instanceof Size size) {
            return new Bound(size.min(), size.max(), BeanValidation.shared().message(size));
        }
        if (annotation instanceof NotEmpty notEmpty) {
            return new Bound(1, Integer.MAX_VALUE, BeanValidation.shared().message(notEmpty));
        }
        return null;
    }

    private static void rejectNested(AnnotatedType annotated) {
        for (AnnotatedType inner : inner(annotated)) {
            for (Annotation annotation : inner.getAnnotations()) {
                rejectConstraint(annotation, "on " + inner.getType().getTypeName() + " inside a type token");
            }
            rejectNested(inner);
        }
    }

    private static AnnotatedType[] inner(AnnotatedType annotated) {
        if (annotated instanceof AnnotatedParameterizedType parameterized) {
            return parameterized.getAnnotatedActualTypeArguments();
        }
        if (annotated instanceof AnnotatedArrayType array) {
            return new AnnotatedType[] {array.getAnnotatedGenericComponentType()};
        }
        if (annotated instanceof AnnotatedWildcardType wildcard) {
            return wildcard.getAnnotatedUpperBounds();
        }
        return new AnnotatedType[0];
    }

    private static void rejectConstraint(Annotation annotation, String where) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type.isAnnotationPresent(Constraint.class) || type == Size.List.class) {
            throw new IllegalArgumentException("@" + type.getSimpleName() + " " + where
                    + " is not applied: Bean Validation reads constraints on properties; declare it on a record's or"
                    + " bean's property (only @Size and @NotEmpty on a root list, set, array or map are read)");
        }
    }

    /**
     * Puts the bounds on the schema of the root list or map. A set's upper bound is described, not a {@code maxItems}:
     * Jackson drops repeats, so an answer with more items than the bound may still be a set within it.
     */
    public void describe(ObjectNode schema) {
        if (min > 0) {
            schema.put(map ? "minProperties" : "minItems", min);
        }
        if (max < Integer.MAX_VALUE && set) {
            SetItems.describeMax(schema, max);
        } else if (max < Integer.MAX_VALUE) {
            schema.put(map ? "maxProperties" : "maxItems", max);
        }
    }

    /**
     * Returns true when the items the model writes count towards the bounds as they arrive: not for a set, whose
     * repeats collapse, nor a map whose keys may, which the final validation measures.
     */
    boolean countsWrittenItems() {
        return countsWrittenItems;
    }

    /** Returns true when a list of {@code size} items, or more, breaks an upper bound. */
    private boolean exceeds(int size) {
        return size > max;
    }

    /**
     * Adds to {@code out} the violations of the root list or map in a stream's {@code snapshot} (under {@code
     * wrapperKey}, if not null): too many items or entries as soon as one too many has started, too few once the list
     * or map is complete. Only when {@link #countsWrittenItems}.
     */
    void checkPartial(PartialValue snapshot, String wrapperKey, List<Violation> out) {
        PartialValue root = wrapperKey != null && snapshot.type() == JsonType.OBJECT
                ? ((PartialObject) snapshot).get(wrapperKey)
                : snapshot;
        int size = -1;
        if (root != null && root.type() == JsonType.ARRAY && !map) {
            size = ((PartialArray) root).size();
        } else if (root != null && root.type() == JsonType.OBJECT && map) {
            size = ((PartialObject) root).size(); // a repeated key counted once, as the map holds it once
        }
        if (size >= 0) {
            if (root.isComplete() || exceeds(size)) {
                JsonPointer path = wrapperKey == null
                        ? JsonPointer.root()
                        : JsonPointer.root().append(wrapperKey);
                if (root.isComplete()) {
                    check(size, path, out);
                } else {
                    checkOpen(size, path, out);
                }
            }
        }
    }

    /** Adds to {@code out} a violation at {@code path} for each bound a list of {@code size} items breaks. */
    void check(int size, JsonPointer path, List<Violation> out) {
        for (Bound bound : bounds) {
            if (size < bound.min() || size > bound.max()) {
                out.add(new Violation(path, bound.message(), null));
            }
        }
    }

    /**
     * Adds to {@code out} a violation at {@code path} for each upper bound a list or map still open has passed with
     * {@code size} items or entries: its lower bounds are judged once it is complete.
     */
    private void checkOpen(int size, JsonPointer path, List<Violation> out) {
        for (Bound bound : bounds) {
            if (size > bound.max()) {
                out.add(new Violation(path, bound.message(), null));
            }
        }
    }

    /** Adds to {@code out} the violations of the final value, a collection, array or map, at {@code path}. */
    public void checkValue(Object value, JsonPointer path, List<Violation> out) {
        if (value instanceof Collection<?> collection) {
            check(collection.size(), path, out);
        } else if (value instanceof Map<?, ?> entries) {
            check(entries.size(), path, out);
        } else if (value != null && value.getClass().isArray()) {
            check(Array.getLength(value), path, out);
        }
    }
}
