package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.internal.schema.RequiredProperties;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.util.NameTransformer;

/**
 * Holds an answer to the {@code required} list of the schema the model was given: a property the schema requires (a
 * record component that is not an {@code Optional}, say) whose value Jackson left null, because the model omitted it or
 * wrote {@code null}, is a violation, as a Pydantic field without a default is in Python. Without this a
 * {@code record Idea(String title, ...)} could pass final validation with no title, unless {@code title} carried
 * {@code @NotNull}. Likewise a null item of a list, set, array or map, whose items' schema does not accept null.
 *
 * <p>Thread-safe; the required properties of each shape are worked out once.
 */
final class RequiredMembers {
    /** Bean Validation's own message for {@code @NotNull}. */
    static final String MESSAGE = "must not be null";

    /** For a set holding null, reported on the set. */
    static final String SET_MESSAGE = "must not contain null";

    private final ShapeFactory factory;
    private final RequiredProperties schema;
    private final BeanValidation beans;
    private final Map<ObjectShape, Required> byShape = new ConcurrentHashMap<>();

    /**
     * The properties of one shape that must not be null: all of them (those the schema requires, and those whose own
     * constraints reject null), and those this class reports (the others' constraints report it).
     */
    private record Required(List<ObjectProperty> all, List<ObjectProperty> reported) {}

    RequiredMembers(ShapeFactory factory) {
        this.factory = factory;
        this.schema = new RequiredProperties(factory.mapper());
        this.beans = BeanValidation.shared();
    }

    /**
     * Returns true when the bean {@code node} stands for may leave a required property null: some such property has
     * no member with a value other than JSON null. Only then is the bean worth binding to check it; a non-null member
     * binds to a value, except a string for a value Jackson reads from text, which may coerce it to null (an empty
     * string for an {@code Integer}, a date or an enum).
     */
    boolean mayLeaveNull(ObjectShape shape, PartialObject node) {
        List<ObjectProperty> reported = of(shape).reported();
        int count = reported.size();
        if (count == 0) {
            return false;
        }
        if (count > Long.SIZE) {
            return true;
        }
        long given = 0;
        for (int i = 0, n = node.size(); i < n; i++) {
            ObjectProperty property = shape.property(node.keyAt(i));
            if (property != null && surelyGiven(property, node.valueAt(i).type())) {
                int index = reported.indexOf(property); // List.copyOf's lists refuse to look for null
                given |= index < 0 ? 0 : 1L << index;
            }
        }
        return given != (count == Long.SIZE ? -1L : (1L << count) - 1);
    }

    /** Whether a member of {@code type} surely binds {@code property} to a value other than null. */
    private static boolean surelyGiven(ObjectProperty property, JsonType type) {
        return type != JsonType.NULL && !(type == JsonType.STRING && property.shape() instanceof ValueShape);
    }

    /**
     * Adds to {@code out} a violation at {@code path} and the property's name for each required property that is null
     * in {@code bean}.
     *
     * @param names null, or for the value of a {@code @JsonUnwrapped} property how its members are named in the
     *     enclosing object, which {@code written} and {@code path} then are
     */
    void check(
            Object bean,
            ObjectShape shape,
            PartialValue written,
            JsonPointer path,
            NameTransformer names,
            List<Violation> out) {
        checkNull(of(shape).reported(), bean, shape, written, path, names, out);
    }

    /** As {@link #check}, for every required property, those with a constraint that rejects null included. */
    void checkAll(
            Object bean,
            ObjectShape shape,
            PartialValue written,
            JsonPointer path,
            NameTransformer names,
            List<Violation> out) {
        checkNull(of(shape).all(), bean, shape, written, path, names, out);
    }

    /**
     * Reports each of {@code properties} null in {@code bean} unless {@code written}, the object as the model wrote
     * it (null when unknown), holds a value for it: then Jackson took or dropped the value (a type id it keeps for
     * itself, a member a property's {@code @JsonIgnoreProperties} ignores), and the answer conforms to the schema;
     * unless that value is one Jackson reads as null.
     */
    private void checkNull(
            List<ObjectProperty> properties,
            Object bean,
            ObjectShape shape,
            PartialValue written,
            JsonPointer path,
            NameTransformer names,
            List<Violation> out) {
        for (ObjectProperty property : properties) {
            if (property.valueIn(bean) != null) { // not ABSENT either: a property without an accessor is not read
                continue;
            }
            PartialValue member = memberFor(shape, written, property, names);
            if (!holdsValue(member) || bindsToNull(property, member)) {
                out.add(new Violation(path.append(writtenName(property, names)), MESSAGE, null));
            }
        }
    }

    /** The name the model writes {@code property} under: its own, or as an unwrapping's {@code names} renames it. */
    static String writtenName(ObjectProperty property, NameTransformer names) {
        return names == null ? property.name() : names.transform(property.name());
    }

    /**
     * Returns the member of {@code written} that Jackson reads {@code property} from: as {@link #memberFor(ObjectShape,
     * PartialValue, ObjectProperty)} says, or for the value of an unwrapped property ({@code names} not null) the
     * member of the enclosing object under the renamed name.
     */
    static PartialValue memberFor(
            ObjectShape shape, PartialValue written, ObjectProperty property, NameTransformer names) {
        return names == null
                ? memberFor(shape, written, property)
                : writtenMember(written, writtenName(property, names));
    }

    /**
     * Returns the member of {@code written} (an object as written, or null) that Jackson reads {@code property} from,
     * under its name or another it accepts, preferring one with a value; null when there is none or it is not known.
     */
    static PartialValue memberFor(ObjectShape shape, PartialValue written, ObjectProperty property) {
        if (written == null || written.type() != JsonType.OBJECT) {
            return null;
        }
        PartialObject object = (PartialObject) written;
        PartialValue byName = object.get(property.name());
        if (holdsValue(byName) || !shape.hasOtherNames()) {
            return byName;
        }
        for (int i = 0, n = object.size(); i < n; i++) {
            if (shape.property(object.keyAt(i)) == property && holdsValue(object.valueAt(i))) {
                return object.valueAt(i);
            }
        }
        return byName;
    }

    /**
     * Whether the value the model wrote for {@code property} is one Jackson reads as null (an empty string for an
     * {@code Integer}, with Jackson's default coercions): then the answer leaves the property null, against the
     * schema. Asked only of a required property left null where the model wrote a value, which is rare, so a binder
     * is made for it.
     */
    private boolean bindsToNull(ObjectProperty property, PartialValue member) {
        return new NodeBinder(factory).bind(property.shape(), member) == null;
    }

    private static boolean holdsValue(PartialValue member) {
        return member != null && member.type() != JsonType.NULL;
    }

    /**
     * Adds to {@code out} a violation for each null item of {@code container} (a list, array, set or map, bound by a
     * shape whose items have the shape {@code item}) when the schema does not let its items be null: at the item's
     * index or key, or on the set itself, which keeps no order to point into.
     */
    void checkItems(Object container, Shape item, PartialValue written, JsonPointer path, List<Violation> out) {
        List<Violation> found = new ArrayList<>(0);
        nullItems(container, item, written, path, found);
        for (Violation violation : found) {
            if (!out.contains(violation)) { // a List<@NotNull T>: Hibernate reported it with the owner
                out.add(violation);
            }
        }
    }

    private void nullItems(Object container, Shape item, PartialValue written, JsonPointer path, List<Violation> out) {
        if (container == null || container == Shape.ABSENT || acceptsNull(item)) {
            return;
        }
        if (container instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = factory.keyName(entry.getKey());
                if (entry.getValue() == null && !holdsValue(writtenMember(written, key))) {
                    out.add(new Violation(path.append(key), MESSAGE, null));
                }
            }
        } else if (container.getClass().isArray()) {
            for (int i = 0, n = Array.getLength(container); i < n; i++) {
                if (Array.get(container, i) == null && !holdsValue(writtenItem(written, i))) {
                    out.add(new Violation(path.append(i), MESSAGE, null));
                }
            }
        } else if (container instanceof Set<?> set) {
            for (Object element : set) { // not contains(null), which some sets refuse to answer
                if (element == null) {
                    out.add(new Violation(path, SET_MESSAGE, null));
                }
            }
        } else if (container instanceof Iterable<?> items) {
            int index = 0;
            for (Object element : items) {
                if (element == null && !holdsValue(writtenItem(written, index))) {
                    out.add(new Violation(path.append(index), MESSAGE, null));
                }
                index++;
            }
        }
    }

    private static PartialValue writtenMember(PartialValue written, String key) {
        return written != null && written.type() == JsonType.OBJECT ? ((PartialObject) written).get(key) : null;
    }

    private static PartialValue writtenItem(PartialValue written, int index) {
        return written != null && written.type() == JsonType.ARRAY && index < ((PartialArray) written).size()
                ? ((PartialArray) written).get(index)
                : null;
    }

    /**
     * Whether the schema lets a value of {@code shape} be null: an {@code Optional}'s (a nullable item), or a value
     * whose schema is {@code {}}. A primitive item is never null.
     */
    static boolean acceptsNull(Shape shape) {
        Class<?> raw = shape.type().getRawClass();
        return shape instanceof OptionalShape
                || raw.isPrimitive()
                || raw == Object.class
                || JsonNode.class.isAssignableFrom(raw);
    }

    private Required of(ObjectShape shape) {
        return byShape.computeIfAbsent(shape, this::find);
    }

    private Required find(ObjectShape shape) {
        Set<String> names = schema.of(shape.type());
        List<ObjectProperty> all = new ArrayList<>();
        List<ObjectProperty> reported = new ArrayList<>();
        for (ObjectProperty property : shape.properties()) {
            // A property whose member Jackson ignores here (its holder's @JsonIgnoreProperties) is not in the schema.
            boolean required = names.contains(property.name()) && !shape.ignores(property.name());
            boolean rejectsNull = rejectsNullItself(shape, property);
            // A setter property with @NotNull is required by the schema only through its constraint: counted in all,
            // so that validators do not meet its null, and reported by the constraint.
            if (required || rejectsNull) {
                all.add(property);
            }
            if (required && !rejectsNull) {
                reported.add(property);
            }
        }
        return new Required(List.copyOf(all), List.copyOf(reported));
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
