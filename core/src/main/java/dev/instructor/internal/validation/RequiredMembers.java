package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.schema.RequiredProperties;
import dev.instructor.json.JsonPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds an answer to the {@code required} list of the schema the model was given: a property the schema requires (a
 * record component that is not an {@code Optional}, say) whose value Jackson left null, because the model omitted it or
 * wrote {@code null}, is a violation, as a Pydantic field without a default is in Python. Without this a
 * {@code record Idea(String title, ...)} could pass final validation with no title, unless {@code title} carried
 * {@code @NotNull}.
 *
 * <p>Thread-safe; the required properties of each shape are worked out once.
 */
final class RequiredMembers {
    /** Bean Validation's own message for {@code @NotNull}. */
    static final String MESSAGE = "must not be null";

    private final RequiredProperties schema;
    private final BeanValidation beans;
    private final Map<ObjectShape, List<ObjectProperty>> byShape = new ConcurrentHashMap<>();

    RequiredMembers(ShapeFactory factory) {
        this.schema = new RequiredProperties(factory.mapper());
        this.beans = BeanValidation.shared();
    }

    /** Returns true when a bean of {@code shape} has a property that must not be left null. */
    boolean any(ObjectShape shape) {
        return !of(shape).isEmpty();
    }

    /**
     * Adds to {@code out} a violation at {@code path} and the property's name for each required property that is null
     * in {@code bean}.
     */
    void check(Object bean, ObjectShape shape, JsonPointer path, List<Violation> out) {
        for (ObjectProperty property : of(shape)) {
            if (property.valueIn(bean) == null) { // not ABSENT either: a property without an accessor is not read
                out.add(new Violation(path.append(property.name()), MESSAGE, null));
            }
        }
    }

    private List<ObjectProperty> of(ObjectShape shape) {
        return byShape.computeIfAbsent(shape, this::find);
    }

    private List<ObjectProperty> find(ObjectShape shape) {
        Set<String> names = schema.of(shape.type());
        List<ObjectProperty> required = new ArrayList<>();
        for (ObjectProperty property : shape.properties()) {
            if (names.contains(property.name()) && !rejectsNullItself(shape, property)) {
                required.add(property);
            }
        }
        return List.copyOf(required);
    }

    /**
     * Whether the property's own constraints already reject null ({@code @NotNull}, {@code @NotBlank}, a constraint of
     * the user's composed with them): they report it, with their own message, as it completes while streaming and in
     * the final value alike, so it is not reported twice.
     */
    private boolean rejectsNullItself(ObjectShape shape, ObjectProperty property) {
        return !beans.validateProperty(shape, property, null, JsonPointer.root())
                .isEmpty();
    }
}
