package dev.instructor.internal.validation;

import dev.instructor.StreamingValidator;
import dev.instructor.Violation;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.ObjectShape.ObjectProperty;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.constraints.Length;

/**
 * The streaming checks of one stream: Bean Validation of the values each update completed, plus the upper size bounds
 * that an open string or list has already passed.
 *
 * <h2>Implementation notes</h2>
 * A completed path is located by walking the snapshot and the type model together; if it is a bean, the bean's own
 * constraints are checked (class-level included), otherwise the constraints of the property holding it. Nested beans
 * completed earlier were checked then; a violation already reported (same path and message) is not reported again.
 * The open path is the chain of incomplete nodes from the root, at most the document's depth; only a string or list
 * held by a property with {@code @Size(max)} or {@code @Length(max)} is measured, and Bean Validation is called only
 * once the bound is passed. Container element constraints ({@code List<@NotBlank String>}) are checked when their
 * property completes.
 */
public final class StreamingChecks implements StreamingValidator {
    private static final Set<Class<? extends Annotation>> SIZE_KINDS = Set.of(Size.class, Length.class);

    private final Shape root;
    private final String wrapperKey;
    private final NodeBinder binder;
    private final BeanValidation beans = BeanValidation.shared();
    private final Set<String> reported = new HashSet<>();
    private final Set<JsonPointer> grown = new HashSet<>();
    private final Map<ObjectProperty, Integer> maxSizes = new HashMap<>();

    /**
     * @param root the response type's shape
     * @param wrapperKey the wrapper member, or null
     */
    public StreamingChecks(ShapeFactory factory, Shape root, String wrapperKey) {
        this.root = root;
        this.wrapperKey = wrapperKey;
        this.binder = new NodeBinder(factory);
    }

    @Override
    public List<Violation> check(PartialValue snapshot, List<JsonPointer> completedPaths) {
        List<Violation> found = new ArrayList<>(0);
        for (JsonPointer path : completedPaths) {
            Location location = locate(snapshot, path);
            if (location != null) {
                checkCompleted(location, found);
            }
        }
        checkOpenPath(snapshot, found);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Violation> fresh = new ArrayList<>(found.size());
        for (Violation violation : found) {
            if (reported.add(violation.path() + "\u0000" + violation.message())) {
                fresh.add(violation);
            }
        }
        return Collections.unmodifiableList(fresh);
    }

    private void checkCompleted(Location at, List<Violation> found) {
        Shape resolved = at.shape.resolve(at.node);
        if (resolved instanceof ObjectShape && at.node instanceof PartialObject) {
            Object bean = binder.bind(resolved, at.node);
            if (bean != Shape.ABSENT && bean != null) {
                found.addAll(beans.validateBean(bean, (ObjectShape) resolved, at.path));
            }
        }
        if (at.owner != null) {
            Object value = binder.bind(at.shape, at.node);
            if (value != Shape.ABSENT) {
                found.addAll(beans.validateProperty(at.owner, at.property, value, at.ownerPath));
            }
        }
    }

    private void checkOpenPath(PartialValue snapshot, List<Violation> found) {
        Location at = start(snapshot);
        while (at != null && !at.node.isComplete()) {
            if (at.owner != null) {
                checkGrowing(at, found);
            }
            PartialValue node = at.node;
            String segment;
            if (node instanceof PartialObject && ((PartialObject) node).size() > 0) {
                segment = ((PartialObject) node).keyAt(((PartialObject) node).size() - 1);
            } else if (node instanceof PartialArray && ((PartialArray) node).size() > 0) {
                segment = Integer.toString(((PartialArray) node).size() - 1);
            } else {
                return;
            }
            at = at.step(segment);
        }
    }

    private void checkGrowing(Location at, List<Violation> found) {
        int size;
        if (at.node instanceof PartialString) {
            size = ((PartialString) at.node).length();
        } else if (at.node instanceof PartialArray) {
            size = ((PartialArray) at.node).size();
        } else {
            return;
        }
        Integer max = maxSizes.computeIfAbsent(at.property, p -> beans.maxSize(at.owner, p, SIZE_KINDS));
        if (max < 0 || size <= max || grown.contains(at.path)) {
            return;
        }
        grown.add(at.path);
        Object value =
                at.node instanceof PartialString ? ((PartialString) at.node).value() : Collections.nCopies(size, null);
        found.addAll(beans.validateGrowing(at.owner, at.property, value, value, at.ownerPath, SIZE_KINDS));
    }

    /** Returns where the response value starts in {@code snapshot}, or null when it has not started. */
    private Location start(PartialValue snapshot) {
        if (wrapperKey == null) {
            return new Location(root, snapshot, JsonPointer.root(), null, null, null);
        }
        PartialValue inner = Shape.childValue(snapshot, wrapperKey);
        return inner == null
                ? null
                : new Location(root, inner, JsonPointer.root().append(wrapperKey), null, null, null);
    }

    private Location locate(PartialValue snapshot, JsonPointer path) {
        List<String> segments = path.segments();
        int from = 0;
        if (wrapperKey != null) {
            if (segments.isEmpty() || !segments.get(0).equals(wrapperKey)) {
                return null;
            }
            from = 1;
        }
        Location at = start(snapshot);
        for (int i = from; i < segments.size() && at != null; i++) {
            at = at.step(segments.get(i));
        }
        return at;
    }

    /** A node of the snapshot with its shape, and the bean property holding it, if any. */
    private static final class Location {
        final Shape shape;
        final PartialValue node;
        final JsonPointer path;
        final ObjectShape owner;
        final ObjectProperty property;
        final JsonPointer ownerPath;

        Location(
                Shape shape,
                PartialValue node,
                JsonPointer path,
                ObjectShape owner,
                ObjectProperty property,
                JsonPointer ownerPath) {
            this.shape = shape;
            this.node = node;
            this.path = path;
            this.owner = owner;
            this.property = property;
            this.ownerPath = ownerPath;
        }

        /** Returns the child at {@code segment}, or null when it or its shape is unknown. */
        Location step(String segment) {
            PartialValue child = Shape.childValue(node, segment);
            Shape childShape = shape.child(node, segment);
            if (child == null || childShape == null) {
                return null;
            }
            Shape resolved = shape.resolve(node);
            if (resolved instanceof ObjectShape) {
                ObjectProperty held = ((ObjectShape) resolved).property(segment);
                if (held != null) {
                    return new Location(childShape, child, path.append(segment), (ObjectShape) resolved, held, path);
                }
            }
            return new Location(childShape, child, path.append(segment), null, null, null);
        }
    }
}
