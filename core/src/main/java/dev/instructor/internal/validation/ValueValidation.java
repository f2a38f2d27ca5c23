package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.internal.binding.StringShape;
import dev.instructor.internal.binding.UnwrappedValue;
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.util.NameTransformer;

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
    /** How each property's container elements are checked while it streams, learnt once for the model's streams. */
    private final Map<ObjectProperty, Optional<ContainerElements>> elements = new ConcurrentHashMap<>();
    /** How the streaming checks check a completed bean of each shape, learnt once for the model's streams. */
    private final Map<ObjectShape, BeanValidation.Plan> plans = new ConcurrentHashMap<>();

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

    /** Returns how the streaming checks check a completed bean of {@code shape} (see {@link BeanValidation#plan}). */
    BeanValidation.Plan plan(ObjectShape shape) {
        BeanValidation.Plan plan = plans.get(shape);
        return plan != null ? plan : plans.computeIfAbsent(shape, beans::plan);
    }

    /**
     * Returns how the streaming checks check {@code property}'s container elements one by one, or null when they do
     * not (see {@link BeanValidation#elements}); {@code sizeKinds} are the same on every call.
     */
    ContainerElements elements(ObjectShape owner, ObjectProperty property, Set<Class<? extends Annotation>> sizeKinds) {
        Optional<ContainerElements> known = elements.get(property);
        if (known == null) {
            known = Optional.ofNullable(beans.elements(owner, property, sizeKinds));
            elements.put(property, known);
        }
        return known.orElse(null);
    }

    /**
     * Returns the violations found in {@code value}.
     *
     * @param shape the shape {@code value} was bound by
     * @param path where {@code value} is in the document
     */
    public List<Violation> validate(Object value, Shape shape, JsonPointer path) {
        return validate(value, shape, path, null);
    }

    /**
     * Returns the violations found in {@code value}, bound from {@code written}: a required property Jackson left null
     * though the model wrote a value for it (a type id Jackson takes for itself, a member it ignores) is no gap.
     *
     * @param shape the shape {@code value} was bound by
     * @param path where {@code value} is in the document
     * @param written the value at {@code path} as the model wrote it, or null when unknown
     */
    public List<Violation> validate(Object value, Shape shape, JsonPointer path, PartialValue written) {
        Pass pass = new Pass(false, new ArrayList<>());
        walk(value, shape, written, path, pass);
        return pass.out;
    }

    /**
     * Returns the violations inside the values of the {@code @JsonUnwrapped} properties of {@code bean}, a bean of
     * {@code shape} written as {@code node} at {@code path}: for the streaming checks, which see those values' members
     * only as members of the enclosing object, and check them when it completes.
     */
    public List<Violation> validateUnwrapped(Object bean, ObjectShape shape, PartialValue node, JsonPointer path) {
        Pass pass = new Pass(false, new ArrayList<>());
        walkUnwrapped(bean, shape, node, path, null, pass);
        return pass.out;
    }

    /**
     * Returns true when {@code value} leaves null a property the schema requires, one with {@code @NotNull} included,
     * or holds a null item its schema does not allow: such a value is not handed to the model's validators, which
     * would meet the null (Pydantic does not run a model's validators after its fields failed either).
     */
    public boolean leavesRequiredNull(Object value, Shape shape, PartialValue written) {
        Pass pass = new Pass(true, new ArrayList<>());
        walk(value, shape, written, JsonPointer.root(), pass);
        return !pass.out.isEmpty();
    }

    /** Returns true when the schema of a value of {@code shape} allows null: an {@code Optional}, say. */
    public boolean acceptsNull(Shape shape) {
        return RequiredMembers.acceptsNull(shape);
    }

    /**
     * One walk: whether it only looks for required nulls (for {@link #leavesRequiredNull}), and what it found.
     */
    private record Pass(boolean gapsOnly, List<Violation> out) {}

    /** Walks {@code value}, written as {@code node} (null when not known). */
    private void walk(Object value, Shape shape, PartialValue node, JsonPointer path, Pass pass) {
        if (value == null || value == Shape.ABSENT) {
            return;
        }
        if (shape instanceof OptionalShape) {
            if (value instanceof Optional && ((Optional<?>) value).isPresent()) {
                walk(((Optional<?>) value).get(), ((OptionalShape) shape).content(), node, path, pass);
            }
        } else if (shape instanceof ListShape) {
            Shape element = ((ListShape) shape).element();
            required.checkItems(value, element, node, path, pass.out);
            walkItems(value, element, node, path, pass);
        } else if (shape instanceof MapShape) {
            Shape content = ((MapShape) shape).content();
            required.checkItems(value, content, node, path, pass.out);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                String key = factory.keyName(entry.getKey()); // an enum constant as the mapper writes it
                walk(entry.getValue(), content, member(node, key), path.append(key), pass);
            }
        } else if (shape instanceof PolymorphicShape) {
            String segment = ((PolymorphicShape) shape).bodySegment(value);
            if (segment == null) {
                walkBean(value, null, node, path, pass);
            } else {
                walkBean(value, null, member(node, segment), path.append(segment), pass);
            }
        } else if (shape instanceof ObjectShape) {
            walkBean(value, (ObjectShape) shape, node, path, pass);
        } else if (shape instanceof ValueShape && holdsBeans(shape)) {
            walkContainer(value, shape.type(), node, path, pass);
        } else if (shape instanceof ValueShape) {
            walkWhole(value, node, path, pass);
        }
    }

    /**
     * Walks a value the binding reads whole, with Jackson (a union told apart by its members, a value read with a
     * deserializer of its own): its constraints hold all the same. One of a class Jackson binds as a bean is walked as
     * that bean; any other is validated as a whole, at {@code path}.
     */
    private void walkWhole(Object value, PartialValue node, JsonPointer path, Pass pass) {
        if (value.getClass().getClassLoader() == null) {
            return; // a JDK value (a number, a date): no constraints of its own to check
        }
        ObjectShape bean = factory.beanShape(value.getClass());
        if (bean != null) {
            walkBean(value, bean, node, path, null, pass);
        } else if (!pass.gapsOnly) {
            pass.out.addAll(beans.validateWhole(value, path));
        }
    }

    /**
     * Returns true for a shape the binding reads whole but that holds values of its own to walk: a map whose keys are
     * neither strings nor enums ({@code Map<Integer, Idea>}), or a collection of a type the binding does not look
     * inside ({@code ArrayBlockingQueue<Idea>}).
     */
    static boolean holdsBeans(Shape shape) {
        return shape.type().isMapLikeType() || shape.type().isCollectionLikeType();
    }

    /** Walks the values of a map or the items of a collection that the binding reads whole. */
    private void walkContainer(Object value, JavaType type, PartialValue node, JsonPointer path, Pass pass) {
        Shape content = factory.shapeFor(type.getContentType());
        required.checkItems(value, content, node, path, pass.out);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = factory.keyName(entry.getKey());
                walk(entry.getValue(), content, member(node, key), path.append(key), pass);
            }
        } else if (value instanceof Iterable<?> || value.getClass().isArray()) {
            walkItems(value, content, node, path, pass);
        }
    }

    private void walkItems(Object value, Shape element, PartialValue node, JsonPointer path, Pass pass) {
        if (value.getClass().isArray()) {
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                walk(Array.get(value, i), element, item(node, i), path.append(i), pass);
            }
            return;
        }
        if (value instanceof Set) {
            walkSetItems((Set<?>) value, element, node, path, pass);
            return;
        }
        int index = 0;
        for (Object item : (Iterable<?>) value) {
            walk(item, element, item(node, index), path.append(index++), pass);
        }
    }

    /**
     * Reports what is wrong inside a set's items on the set itself, naming the member inside the item in the message,
     * as Bean Validation does for a set's elements: a set keeps neither the document's order nor its repeated items, so
     * an index would point at another item. {@code node} is the set as written, or null.
     */
    private void walkSetItems(Set<?> items, Shape element, PartialValue node, JsonPointer path, Pass pass) {
        WrittenItems written = null;
        for (Object item : items) {
            Pass inside = new Pass(pass.gapsOnly, new ArrayList<>());
            walk(item, element, null, JsonPointer.root(), inside);
            if (node != null && leavesNull(inside.out)) {
                // A required value left null may be one the model wrote and Jackson took (a type id), which is no gap:
                // the item is walked again as it was written, as the streaming checks walk a completed item.
                written = written == null ? new WrittenItems(node, element) : written;
                PartialValue itemNode = written.of(item);
                if (itemNode != null) {
                    inside = new Pass(pass.gapsOnly, new ArrayList<>());
                    walk(item, element, itemNode, JsonPointer.root(), inside);
                }
            }
            for (Violation violation : inside.out) {
                String member = violation.path().toString();
                String message =
                        member.isEmpty() ? violation.message() : member.substring(1) + ": " + violation.message();
                pass.out.add(new Violation(path, message, violation.rejectedValue()));
            }
        }
    }

    /** Returns true when {@code violations} say a value is null: only then does what was written make a difference. */
    private static boolean leavesNull(List<Violation> violations) {
        for (Violation violation : violations) {
            if (violation.message().equals(RequiredMembers.MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The items of a set as the model wrote them, told by their values: each bound again, an item of the set is the
     * first written item equal to it, which is the one Jackson's set kept. Made only for a set whose item leaves a
     * required value null, which is rare.
     */
    private final class WrittenItems {
        private final Map<Object, PartialValue> byValue = new HashMap<>();

        WrittenItems(PartialValue node, Shape element) {
            if (node.type() == JsonType.ARRAY) {
                NodeBinder binder = new NodeBinder(factory);
                PartialArray array = (PartialArray) node;
                for (int i = 0, n = array.size(); i < n; i++) {
                    Object value = binder.bind(element, array.get(i));
                    if (value != Shape.ABSENT && value != null) {
                        byValue.putIfAbsent(value, array.get(i));
                    }
                }
            }
        }

        /** Returns the item as written that {@code item} was read from, or null when not known. */
        PartialValue of(Object item) {
            return byValue.get(item);
        }
    }

    /**
     * Validates a bean and walks into its properties. {@code declared} is the shape the value was bound by when known:
     * it has the type's generic arguments resolved ({@code Answer<Idea>}), which the bean's class has not.
     */
    private void walkBean(Object bean, ObjectShape declared, PartialValue node, JsonPointer path, Pass pass) {
        ObjectShape shape = declared != null && declared.type().getRawClass() == bean.getClass()
                ? declared
                : factory.beanShape(bean.getClass());
        if (shape != null) {
            walkBean(bean, shape, node, path, null, pass);
        }
    }

    /**
     * Validates a bean and walks into its properties and its {@code @JsonUnwrapped} values. {@code names} is null for a
     * bean the model wrote as an object of its own ({@code node}); for the value of an unwrapped property it says how
     * the model named the value's members in the enclosing object, which {@code node} and {@code path} are then.
     */
    private void walkBean(
            Object bean, ObjectShape shape, PartialValue node, JsonPointer path, NameTransformer names, Pass pass) {
        if (pass.gapsOnly) {
            required.checkAll(bean, shape, node, path, names, pass.out);
        } else {
            List<Violation> inBean =
                    new ArrayList<>(writtenIn(beans.validateBean(bean, shape, path, factory::keyName), path, names));
            required.check(bean, shape, node, path, names, inBean);
            pass.out.addAll(inBean);
        }
        for (ObjectProperty property : shape.properties()) {
            if (property.shape() instanceof StringShape) {
                continue; // a leaf: its own constraints were checked with the bean
            }
            Object child = property.valueIn(bean);
            if (child != Shape.ABSENT) {
                PartialValue written = RequiredMembers.memberFor(shape, node, property, names);
                walk(child, property.shape(), written, path.append(RequiredMembers.writtenName(property, names)), pass);
            }
        }
        walkUnwrapped(bean, shape, node, path, names, pass);
    }

    /** Walks the values of the {@code @JsonUnwrapped} properties of {@code bean}, as {@link #walkBean} does. */
    private void walkUnwrapped(
            Object bean, ObjectShape shape, PartialValue node, JsonPointer path, NameTransformer names, Pass pass) {
        for (UnwrappedValue unwrapped : shape.unwrappedValues()) {
            Object value = unwrapped.valueIn(bean);
            if (value != null && unwrapped.shape() instanceof ObjectShape inner) {
                // A value unwrapped inside an unwrapped value: the inner prefix is applied first, then the outer one.
                NameTransformer written = names == null
                        ? unwrapped.names()
                        : NameTransformer.chainedTransformer(names, unwrapped.names());
                walkBean(value, inner, node, path, written, pass);
            }
        }
    }

    /**
     * Returns {@code violations}, found under {@code path} in the value of an unwrapped property, with the member's
     * name right below {@code path} as the model wrote it in the enclosing object; as they are when {@code names} is
     * null.
     */
    private static List<Violation> writtenIn(List<Violation> violations, JsonPointer path, NameTransformer names) {
        if (names == null || violations.isEmpty()) {
            return violations;
        }
        List<Violation> out = new ArrayList<>(violations.size());
        int at = path.depth();
        for (Violation violation : violations) {
            List<String> segments = violation.path().segments();
            if (segments.size() <= at) {
                // On the unwrapped value as a whole (a class-level constraint): it stands for the enclosing object.
                out.add(violation);
                continue;
            }
            List<String> renamed = new ArrayList<>(segments);
            renamed.set(at, names.transform(segments.get(at)));
            out.add(new Violation(JsonPointer.of(renamed), violation.message(), violation.rejectedValue()));
        }
        return out;
    }

    /** The member {@code key} of {@code node} as written, or null. */
    private static PartialValue member(PartialValue node, String key) {
        return node != null && node.type() == JsonType.OBJECT ? ((PartialObject) node).get(key) : null;
    }

    /** The item {@code index} of {@code node} as written, or null. */
    private static PartialValue item(PartialValue node, int index) {
        if (node != null && node.type() == JsonType.ARRAY && index < ((PartialArray) node).size()) {
            return ((PartialArray) node).get(index);
        }
        return null;
    }
}
