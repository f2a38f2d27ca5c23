package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.StringShape;
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.json.JsonPointer;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bean Validation of a whole final value: walks it along the type model and validates every bean it meets, at the
 * JSON path the model wrote it. Nested records and beans are validated whether or not the field carries
 * {@code @Valid}, because an answer is only as good as its innermost part. A property the schema requires must not be
 * null ({@link RequiredMembers}).
 */
public final class ValueValidation {
    private final ShapeFactory factory;
    private final BeanValidation beans;
    private final RequiredMembers required;

    /**
     * Creates a walker over shapes from {@code factory}. Keep one per factory: it learns, once per class, which
     * properties must not be null.
     */
    public ValueValidation(ShapeFactory factory) {
        this.factory = factory;
        this.beans = BeanValidation.shared();
        this.required = new RequiredMembers(factory);
    }

    /** Returns the check of the properties that must not be null, shared with the streaming checks. */
    RequiredMembers required() {
        return required;
    }

    /**
     * Returns the violations found in {@code value}.
     *
     * @param shape the shape {@code value} was bound by
     * @param path where {@code value} is in the document
     */
    public List<Violation> validate(Object value, Shape shape, JsonPointer path) {
        List<Violation> out = new ArrayList<>();
        walk(value, shape, path, false, out);
        return out;
    }

    /**
     * Returns true when {@code value} leaves null a property the schema requires, one with {@code @NotNull} included,
     * or holds a null item its schema does not allow: such a value is not handed to the model's validators, which
     * would meet the null (Pydantic does not run a model's validators after its fields failed either).
     */
    public boolean leavesRequiredNull(Object value, Shape shape) {
        List<Violation> out = new ArrayList<>();
        walk(value, shape, JsonPointer.root(), true, out);
        return !out.isEmpty();
    }

    private void walk(Object value, Shape shape, JsonPointer path, boolean gapsOnly, List<Violation> out) {
        if (value == null || value == Shape.ABSENT) {
            return;
        }
        if (shape instanceof OptionalShape) {
            if (value instanceof Optional && ((Optional<?>) value).isPresent()) {
                walk(((Optional<?>) value).get(), ((OptionalShape) shape).content(), path, gapsOnly, out);
            }
        } else if (shape instanceof ListShape) {
            required.checkItems(value, ((ListShape) shape).element(), path, out);
            walkItems(value, ((ListShape) shape).element(), path, gapsOnly, out);
        } else if (shape instanceof MapShape) {
            required.checkItems(value, ((MapShape) shape).content(), path, out);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                walk(
                        entry.getValue(),
                        ((MapShape) shape).content(),
                        path.append(String.valueOf(entry.getKey())),
                        gapsOnly,
                        out);
            }
        } else if (shape instanceof PolymorphicShape) {
            String segment = ((PolymorphicShape) shape).bodySegment(value);
            walkBean(value, segment == null ? path : path.append(segment), gapsOnly, out);
        } else if (shape instanceof ObjectShape) {
            walkBean(value, path, gapsOnly, out);
        }
    }

    private void walkItems(Object value, Shape element, JsonPointer path, boolean gapsOnly, List<Violation> out) {
        if (value.getClass().isArray()) {
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                walk(Array.get(value, i), element, path.append(i), gapsOnly, out);
            }
            return;
        }
        if (value instanceof Set) {
            walkSetItems((Set<?>) value, element, path, gapsOnly, out);
            return;
        }
        int index = 0;
        for (Object item : (Iterable<?>) value) {
            walk(item, element, path.append(index++), gapsOnly, out);
        }
    }

    /**
     * Reports what is wrong inside a set's items on the set itself, naming the member inside the item in the message,
     * as Bean Validation does for a set's elements: a set keeps neither the document's order nor its repeated items, so
     * an index would point at another item.
     */
    private void walkSetItems(Set<?> items, Shape element, JsonPointer path, boolean gapsOnly, List<Violation> out) {
        List<Violation> inside = new ArrayList<>();
        for (Object item : items) {
            walk(item, element, JsonPointer.root(), gapsOnly, inside);
        }
        for (Violation violation : inside) {
            String member = violation.path().toString();
            String message = member.isEmpty() ? violation.message() : member.substring(1) + ": " + violation.message();
            out.add(new Violation(path, message, violation.rejectedValue()));
        }
    }

    private void walkBean(Object bean, JsonPointer path, boolean gapsOnly, List<Violation> out) {
        ObjectShape shape = factory.beanShape(bean.getClass());
        if (shape == null) {
            return;
        }
        if (gapsOnly) {
            required.checkAll(bean, shape, path, out);
        } else {
            List<Violation> inBean = new ArrayList<>(beans.validateBean(bean, shape, path));
            required.check(bean, shape, path, inBean);
            out.addAll(inBean);
        }
        for (ObjectProperty property : shape.properties()) {
            if (property.shape() instanceof ValueShape || property.shape() instanceof StringShape) {
                continue; // leaves hold no beans; their own constraints were checked with the bean
            }
            Object child = property.valueIn(bean);
            if (child != Shape.ABSENT) {
                walk(child, property.shape(), path.append(property.name()), gapsOnly, out);
            }
        }
    }
}
