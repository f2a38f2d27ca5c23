package dev.instructor.internal.validation;

import dev.instructor.StreamingValidator;
import dev.instructor.Violation;
import dev.instructor.internal.binding.BareValues;
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
import dev.instructor.internal.binding.ValueShape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.JsonType;
import dev.instructor.json.OpenPath;
import dev.instructor.json.PartialArray;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialString;
import dev.instructor.json.PartialValue;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.validator.constraints.Length;
import tools.jackson.databind.JavaType;

/**
 * The streaming checks of one stream: Bean Validation of the values each update completed, plus the upper size bounds
 * that an open string or list has already passed.
 *
 * <h2>Implementation notes</h2>
 * A completed path is located by walking the snapshot and the type model together. A completed member of a bean is
 * checked against its property's constraints (container elements included); a completed bean is then only checked
 * for what its members' checks cannot see: constrained members the model left out, and, when the class has them,
 * class-level and getter constraints (which need the whole bean, bound once). A completed object of a union whose
 * type id is one of its members is checked whole, nested values included, as the final validation checks it: its
 * members that completed before the type id could not be located in the type model. Nothing is checked for properties
 * without constraints. A violation already reported (same path and message, and item of a set when inside one: see
 * {@link ReportedViolations}) is not reported again. One inside a bean, list or map held in a set is reported on the
 * set, as the final validation reports it, and a completed item of such a set is checked whole (see {@link
 * SetItemViolations}).
 *
 * <p>A completed container element of a property ({@code List<@NotBlank String>}, {@code Map<String, @Min(1)
 * Integer>}, at any depth) is checked as it completes against the constraints on it and on what it holds, and an
 * open string, list or map element against its {@code @Size(max)}, through {@link ContainerElements}: only for
 * properties with such constraints, decided once per property; other values pay a few local assignments on the walk,
 * and an open value below a property with element bounds one lookup of its checks per walk. A null item of a list,
 * array or map (any, not only a constrained one) is checked as it completes too, unless Jackson skips or replaces it,
 * and a map key written twice may have its first value reported, as a repeated member of a bean may.
 *
 * <p>Only a member whose value Jackson binds is checked, as a violation aborts the attempt: of several members for one
 * property (a name and its alias, a name in another case, a repeated name), a property set after a creator keeps the
 * first, so a later one is never checked; any other keeps the last, so one with several names is checked, nested
 * values included, once its object completes and the last is known (see {@link ObjectShape#bindsLatest}). A repeat of
 * a single name is not foreseen: its first value may have been reported. Types without aliases pay one test per member
 * for this, decided by the shape.
 *
 * <p>Paths name members as the document writes them, aliases included: a completed or open value's path is the
 * engine's, and the paths of a whole bean or union object, built from the bound value, are renamed through the
 * document ({@link WrittenNames}) once a violation is found, for types whose names can differ.
 *
 * <p>Node kinds are told by {@code type()}, not {@code instanceof}: these walks see every kind of node, and on
 * JDK 17 an {@code instanceof} against an interface at such a site scans the node's secondary supers each time.
 *
 * <p>When some property of the type has a size upper bound, the open path is walked on every update that changed more
 * than the length of the open string (see {@link OpenPath#onlyStringGrew}), at most the document's depth, without
 * allocating: only a string, list or map held by a property with {@code @Size(max)} or {@code @Length(max)}, or an
 * element with one, is measured, and its path is built and Bean Validation called only once the bound is passed.
 */
public final class StreamingChecks implements StreamingValidator {
    private static final Set<Class<? extends Annotation>> SIZE_KINDS = Set.of(Size.class, Length.class);

    private final Shape root;
    private final String wrapperKey;
    private final NodeBinder binder;
    private final BeanValidation beans = BeanValidation.shared();
    private final ValueValidation values;
    private final RequiredMembers required;
    private final RootBounds rootBounds;
    private final ReportedViolations reported = new ReportedViolations();
    /** Reports violations inside the beans of a set on the set; null when no set of beans nor union is reachable. */
    private final SetItemViolations setItems;

    private final Set<JsonPointer> grown = new HashSet<>();
    /** Names a map key as the model writes it. */
    private final Function<Object, String> keys;

    private final ShapeFactory factory;

    private JsonPointer lastGrown;
    private final Map<ObjectProperty, GrowingBound> growingBounds = new HashMap<>();
    private final Map<ObjectProperty, Boolean> constrained = new HashMap<>();
    private final boolean anyGrowingBound;
    /** Whether some property of the type has constraints on its container elements, checked one by one. */
    private final boolean anyElements;
    /** Whether some such property bounds the size of a string, list or map element, measured while open. */
    private final boolean anyElementBound;
    /** Whether a member may be written under another name than its property's (see {@link WrittenNames}). */
    private final boolean renamable;
    /** The snapshot whose open path was walked last, and the size bound of the string at its end (-1 for none). */
    private PartialValue walked;

    private int leafBound = -1;

    /**
     * @param values the walker of the model's final values, over shapes from {@code factory}
     * @param root the response type's shape
     * @param wrapperKey the wrapper member, or null
     * @param renamable what {@link WrittenNames#possible} says of {@code root}
     * @param rootBounds the bounds of a root list under {@code wrapperKey}, or null
     */
    public StreamingChecks(
            ShapeFactory factory,
            ValueValidation values,
            Shape root,
            String wrapperKey,
            boolean renamable,
            RootBounds rootBounds) {
        this.root = root;
        this.keys = factory::keyName;
        this.factory = factory;
        this.rootBounds = rootBounds;
        this.wrapperKey = wrapperKey;
        this.renamable = renamable;
        this.binder = new NodeBinder(factory);
        this.setItems = SetItemViolations.of(root);
        this.values = values;
        this.required = values.required();
        this.anyGrowingBound = root != null && ReachableShapes.any(root, this::hasGrowingBound);
        this.anyElements = root != null && ReachableShapes.any(root, shape -> hasElementChecks(shape, false));
        this.anyElementBound = anyElements && ReachableShapes.any(root, shape -> hasElementChecks(shape, true));
    }

    /**
     * Returns true when {@code shape} is an object with a property whose container elements are checked one by one,
     * with a size upper bound on a string element if {@code bounded}.
     */
    private boolean hasElementChecks(Shape shape, boolean bounded) {
        if (shape instanceof ObjectShape object) {
            for (ObjectProperty property : object.properties()) {
                ContainerElements elements = elements(object, property);
                if (elements != null && (!bounded || elements.anyBound())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns how {@code property}'s container elements are checked one by one, or null; decided once per model. */
    private ContainerElements elements(ObjectShape owner, ObjectProperty property) {
        return values.elements(owner, property, SIZE_KINDS);
    }

    /**
     * Returns true when {@code shape} makes the open path worth walking: an object with a property whose size has an
     * upper bound, or a union, whose subtypes are only known once seen.
     */
    private boolean hasGrowingBound(Shape shape) {
        if (shape instanceof PolymorphicShape) {
            return true;
        }
        if (shape instanceof ObjectShape object) {
            for (ObjectProperty property : object.properties()) {
                if (beans.maxSize(object, property, SIZE_KINDS) >= 0) {
                    return true;
                }
            }
        }
        return hasElementChecks(shape, true);
    }

    @Override
    public List<Violation> check(PartialValue snapshot, List<JsonPointer> completedPaths) {
        List<Violation> found = new ArrayList<>(0);
        List<JsonPointer> completed = completedPaths.isEmpty() || !BareValues.isBare(snapshot, wrapperKey)
                ? completedPaths
                : underWrapper(completedPaths);
        for (int i = 0, n = completed.size(); i < n; i++) {
            int before = found.size();
            checkCompleted(snapshot, completed.get(i), found);
            if (setItems != null && found.size() > before) {
                // Below the completed value, the paths are those its checks name: no item of a set among them.
                setItems.inDocumentUpTo(
                        found.subList(before, found.size()), completed.get(i).depth());
            }
        }
        if (rootBounds != null && rootBounds.countsWrittenItems()) {
            checkRootBounds(snapshot, found);
        }
        if (anyGrowingBound) {
            if (completedPaths.isEmpty()
                    && walked != null
                    && OpenPath.onlyStringGrew(snapshot, walked)
                    && !leafPassesBound(snapshot)) {
                // Only the open string grew since the last walk, and not past a bound: the walk would find nothing new.
                walked = snapshot;
            } else {
                checkOpenPath(snapshot, found);
            }
        }
        if (found.isEmpty()) {
            if (setItems != null) {
                setItems.foundNothing();
            }
            return List.of();
        }
        int depth = wrapperKey == null ? 0 : 1;
        List<Violation> fresh;
        if (setItems == null) {
            fresh = reported.fresh(found);
        } else {
            List<Violation> outside = new ArrayList<>(found.size());
            List<Violation> inSetItems = setItems.report(found, start(snapshot), depth, outside);
            fresh = reported.fresh(outside);
            fresh.addAll(inSetItems);
        }
        fresh = WrittenKeys.rename(fresh, depth, start(snapshot), root, factory);
        return Collections.unmodifiableList(WrittenValues.shownAsWritten(fresh, start(snapshot), depth));
    }

    /**
     * Returns where in the document (wrapper included) the last {@link #check} found violations inside items of a set
     * of beans, whether it returned them or not: it reports them on the set, as the final validation does, and those of
     * an item equal to one reported not at all, yet each names a broken item, which {@code elements()} holds back.
     */
    public List<JsonPointer> foundInSetItems() {
        return setItems == null ? List.of() : setItems.found();
    }

    /**
     * Returns the engine's completed paths in a bare value's document (see {@link BareValues}) as the wrapped value's,
     * so that they are checked, and their violations named, as the wrapped answer's are.
     */
    private List<JsonPointer> underWrapper(List<JsonPointer> paths) {
        JsonPointer wrapper = JsonPointer.root().append(wrapperKey);
        List<JsonPointer> out = new ArrayList<>(paths.size());
        for (JsonPointer path : paths) {
            List<String> segments = new ArrayList<>(path.depth() + 1);
            segments.add(wrapperKey);
            segments.addAll(path.segments());
            out.add(path.isRoot() ? wrapper : JsonPointer.of(segments));
        }
        return out;
    }

    /**
     * Checks the root list or map (under the wrapper, if any) against a type token's bounds: too many items or entries
     * as soon as one too many has started, too few once the list or map is complete.
     */
    private void checkRootBounds(PartialValue snapshot, List<Violation> found) {
        PartialValue root = wrapperKey != null && snapshot.type() == JsonType.OBJECT
                ? ((PartialObject) snapshot).get(wrapperKey)
                : snapshot;
        int size = -1;
        if (root != null && root.type() == JsonType.ARRAY && !rootBounds.boundsMap()) {
            size = ((PartialArray) root).size();
        } else if (root != null && root.type() == JsonType.OBJECT && rootBounds.boundsMap()) {
            size = ((PartialObject) root).size(); // a repeated key counted once, as the map holds it once
        }
        if (size >= 0) {
            if (root.isComplete() || rootBounds.exceeds(size)) {
                JsonPointer path = wrapperKey == null
                        ? JsonPointer.root()
                        : JsonPointer.root().append(wrapperKey);
                if (root.isComplete()) {
                    rootBounds.check(size, path, found);
                } else {
                    rootBounds.checkOpen(size, path, found);
                }
            }
        }
    }

    /** Checks the value completed at {@code path}, a pointer in the document's terms. */
    private void checkCompleted(PartialValue snapshot, JsonPointer path, List<Violation> found) {
        List<String> segments = path.segments();
        int from = 0;
        if (wrapperKey != null) {
            if (segments.isEmpty() || !segments.get(0).equals(wrapperKey)) {
                return; // the wrapper object itself
            }
            from = 1;
        }
        PartialValue node = start(snapshot);
        Shape shape = root;
        ObjectShape owner = null;
        ObjectProperty property = null;
        // The nearest property above the completed value: it is that property's container element if containers lie
        // between (only walked for, when the type has constraints on container elements).
        ObjectShape elementOwner = null;
        ObjectProperty elementProperty = null;
        int elementFrom = 0;
        Shape container = null; // the shape of the value holding the completed one
        for (int i = from; i < segments.size() && node != null && shape != null; i++) {
            String segment = segments.get(i);
            Shape resolved = shape.resolve(node);
            owner = resolved instanceof ObjectShape ? (ObjectShape) resolved : null;
            property = owner == null ? null : owner.property(segment);
            if (property != null && !isKept(owner, node, segment, property)) {
                return; // not the member Jackson binds, or not known yet: checked once the object completes
            }
            if (owner != null) {
                elementOwner = owner;
                elementProperty = property;
                elementFrom = i + 1;
            }
            container = resolved instanceof OptionalShape optional ? optional.content() : resolved;
            shape = readWhole(container)
                    ? factory.shapeFor(container.type().getContentType())
                    : shape.child(node, segment);
            node = Shape.childValue(node, segment);
        }
        if (node == null || shape == null) {
            return;
        }
        Shape resolved = shape.resolve(node);
        Shape declared = shape instanceof OptionalShape ? ((OptionalShape) shape).content() : shape;
        if (setItems != null && SetItemViolations.isSetOfStructures(container) && isStructure(resolved, node)) {
            checkSetItem(shape, node, path, found);
        } else if (resolved instanceof ObjectShape && node.type() == JsonType.OBJECT) {
            if (declared instanceof PolymorphicShape) {
                checkUnionObject(declared, node, path, found);
            } else {
                checkBean((ObjectShape) resolved, (PartialObject) node, path, found);
            }
        } else if (resolved instanceof ListShape list && node.type() == JsonType.ARRAY) {
            checkItems(list, list.element(), node, path, found);
        } else if (resolved instanceof MapShape map && node.type() == JsonType.OBJECT) {
            checkItems(map, map.content(), node, path, found);
        } else if (resolved instanceof ValueShape
                && ValueValidation.holdsBeans(resolved)
                && (node.type() == JsonType.OBJECT || node.type() == JsonType.ARRAY)) {
            // A container the binding reads whole (Map<Integer, Idea>, ArrayBlockingQueue<Idea>): nothing inside it was
            // checked
            // as it completed, so it is checked now as the final validation checks it.
            Object value = binder.bind(resolved, node);
            if (value != Shape.ABSENT && value != null) {
                found.addAll(reported.inWholeCheck(
                        written(values.validate(value, resolved, path, node), path, node, resolved)));
            }
        }
        if (property != null && constrained.computeIfAbsent(property, isConstrained(owner))) {
            Object value = binder.bind(shape, node);
            if (value != Shape.ABSENT) {
                // The completed path names the member as written, an alias included. The whole value is checked: the
                // items of a set or Iterable it holds may break a constraint each, under one path.
                found.addAll(reported.inWholeCheck(beans.validateMember(owner, property, value, path, keys)));
            }
        } else if (property == null && (node.type() != JsonType.NULL || keepsNull(container))) {
            if (node.type() == JsonType.NULL) {
                checkNullItem(container, shape, node, path, found);
            }
            if (anyElements && elementProperty != null) {
                checkElement(
                        elementOwner,
                        elementProperty,
                        shape,
                        node,
                        path,
                        segments.subList(elementFrom, segments.size()),
                        found);
            }
        }
    }

    /** Returns true when {@code node}, bound by {@code resolved}, is a bean, a list, a set or a map as written. */
    private static boolean isStructure(Shape resolved, PartialValue node) {
        JsonType type = node.type();
        if (type == JsonType.OBJECT) {
            return resolved instanceof ObjectShape
                    || resolved instanceof MapShape
                    || resolved instanceof ValueShape && ValueValidation.holdsBeans(resolved);
        }
        return type == JsonType.ARRAY
                && (resolved instanceof ListShape
                        || resolved instanceof ValueShape && ValueValidation.holdsBeans(resolved));
    }

    /**
     * Checks a completed item of a set of structures (beans, unions, containers) whole, as the final validation checks
     * a set's items, instead of as a bean, union or container: what the item counts for in the final validation (see
     * {@link SetItemViolations}), known by its value, so that an item equal to one reported is not reported again, and
     * its violations held back while it was open are reported now.
     */
    private void checkSetItem(Shape shape, PartialValue node, JsonPointer path, List<Violation> found) {
        Object item = binder.bind(shape, node);
        if (item != Shape.ABSENT && item != null) {
            List<Violation> inItem = written(values.validate(item, shape, path, node), path, node, shape);
            found.addAll(setItems.wholeItem(path, item, inItem));
        }
    }

    /**
     * Returns true when a null item of {@code container} (the shape of the value holding it) is held as written: not
     * skipped or replaced by the null handling of the mapper or of a property ({@code @JsonSetter(contentNulls)}),
     * whose null items are left to the check of the whole container.
     */
    private static boolean keepsNull(Shape container) {
        return container instanceof ListShape list
                ? list.keepsNullItems()
                : container instanceof MapShape map && map.keepsNullValues();
    }

    /**
     * Reports a completed null item of a list, array or map at once when the schema does not let it be null, as the
     * final validation reports it ({@link RequiredMembers#checkItems}); not one of a set, reported on the set itself.
     */
    private void checkNullItem(
            Shape container, Shape item, PartialValue node, JsonPointer path, List<Violation> found) {
        if (item != null
                && !RequiredMembers.acceptsNull(item)
                && !Set.class.isAssignableFrom(container.type().getRawClass())
                && binder.bind(item, node) == null) {
            found.add(new Violation(path, RequiredMembers.MESSAGE, null));
        }
    }

    /**
     * Checks a completed container element of {@code property} ({@code List<@NotBlank String>}), {@code below} being
     * its path from the property, against the constraints on it and on what it holds, as the final validation will.
     * A null element only when Jackson holds it as written (see {@link #keepsNull}).
     */
    private void checkElement(
            ObjectShape owner,
            ObjectProperty property,
            Shape shape,
            PartialValue node,
            JsonPointer path,
            List<String> below,
            List<Violation> found) {
        ContainerElements checks = elements(owner, property);
        if (checks == null || !checks.checksAt(below.size())) {
            return;
        }
        Object value = binder.bind(shape, node);
        if (value != Shape.ABSENT && !checks.passesQuickly(value, below.size())) {
            Object holding = checks.holding(value, below, false);
            List<Violation> inElement =
                    beans.validateElement(owner, property, holding, path, below.size(), null, null, null, keys);
            if (setItems != null && !inElement.isEmpty()) {
                // Named by Bean Validation from the property down, which names no item of a set below it.
                setItems.inDocumentUpTo(inElement, path.depth() - below.size());
            }
            int setItem = inElement.isEmpty() ? -1 : checks.setItemDepth(below.size());
            if (setItem >= 0) {
                // Known by the set's item, itself when complete: the path names no item (see ReportedViolations).
                reported.inSetItem(inElement, path.toString(), setItem == below.size() ? value : null);
            } else {
                inIterableItem(path, inElement);
            }
            found.addAll(inElement);
        }
    }

    /**
     * Returns true for a list, array or map the binding reads whole ({@code Map<Integer, Idea>}, {@code Map<UUID,
     * Idea>}) as its type reads, whose items are still checked as they complete, as those of a {@code List<Idea>} are:
     * through the shape of its content type. Not a set, whose items the final validation reports on the set itself, nor
     * a container a property reads its own way (that shape is not its type's).
     */
    private boolean readWhole(Shape container) {
        JavaType type = container.type();
        return container instanceof ValueShape
                && (type.isMapLikeType() || type.isArrayType() || type.isCollectionLikeType())
                && !Set.class.isAssignableFrom(type.getRawClass())
                && type.getContentType() != null
                && !type.getContentType().isPrimitive()
                && factory.shapeFor(type) == container;
    }

    /**
     * Checks a completed list, set or map for null items the schema does not allow, on the value Jackson gives it (a
     * property's {@code @JsonSetter(contentNulls)} may drop or replace them), as the final validation does.
     */
    private void checkItems(Shape container, Shape item, PartialValue node, JsonPointer path, List<Violation> found) {
        if (holdsNull(node) && !RequiredMembers.acceptsNull(item)) {
            required.checkItems(binder.bind(container, node), item, node, path, found);
        }
    }

    /** Whether a JSON null is among the items of an array or the values of an object: the usual source of a null. */
    private static boolean holdsNull(PartialValue node) {
        if (node instanceof PartialArray array) {
            for (int i = 0, n = array.size(); i < n; i++) {
                if (array.get(i).type() == JsonType.NULL) {
                    return true;
                }
            }
            return false;
        }
        PartialObject object = (PartialObject) node;
        for (int i = 0, n = object.size(); i < n; i++) {
            if (object.valueAt(i).type() == JsonType.NULL) {
                return true;
            }
        }
        return false;
    }

    private Function<ObjectProperty, Boolean> isConstrained(ObjectShape owner) {
        return p -> beans.isConstrained(owner, p);
    }

    /**
     * Checks a completed object of a union whose type id is one of its members, with everything it holds: the members
     * that completed before the type id could not be told apart then (the subtype was not known), so they were not
     * checked. Violations already reported are dropped by {@link #check}.
     */
    private void checkUnionObject(Shape union, PartialValue node, JsonPointer path, List<Violation> found) {
        Object value = binder.bind(union, node);
        if (value != Shape.ABSENT && value != null) {
            found.addAll(reported.inWholeCheck(written(values.validate(value, union, path, node), path, node, union)));
        }
    }

    /**
     * Returns true when a violation in the value of the member of {@code object} written last under {@code key} may be
     * reported now: when it is the value Jackson binds to {@code property}, which a later member may replace only where
     * the property has several names or Jackson keeps the first of its members. Other properties cost two field reads.
     */
    private static boolean isKept(ObjectShape owner, PartialValue object, String key, ObjectProperty property) {
        if (!owner.hasOtherNames() && !owner.keepsFirst(property)) {
            return true;
        }
        return object.type() != JsonType.OBJECT || owner.bindsLatest((PartialObject) object, key, property);
    }

    /**
     * Checks a completed bean whose present members were each checked as they completed, except those of a property
     * with several names of which Jackson keeps the last (see {@link #isKept}): only now is that member known.
     */
    private void checkBean(ObjectShape shape, PartialObject node, JsonPointer path, List<Violation> found) {
        if (shape.hasOtherNames()) {
            checkKeptMembers(shape, node, path, found);
        }
        BeanValidation.Plan plan = values.plan(shape);
        // The members of an unwrapped value are not properties of the bean: nothing checked them as they completed.
        boolean unwraps = !shape.unwrappedValues().isEmpty();
        Object bean = plan.wholeBean || unwraps || required.mayLeaveNull(shape, node)
                ? binder.bind(shape, node)
                : Shape.ABSENT;
        boolean bound = bean != Shape.ABSENT && bean != null;
        List<Violation> inBean = new ArrayList<>();
        if (plan.wholeBean) {
            if (bound) {
                inBean.addAll(beans.validateBean(bean, shape, path, keys));
            }
        } else {
            for (ObjectProperty property : plan.constrained) {
                if (!isPresent(shape, node, property)) {
                    inBean.addAll(beans.validateProperty(shape, property, property.defaultValue(), path));
                }
            }
        }
        if (bound) {
            required.check(bean, shape, node, path, null, inBean); // after the constraints, which it does not repeat
            if (unwraps) {
                inBean.addAll(values.validateUnwrapped(bean, shape, node, path));
            }
        }
        found.addAll(reported.inWholeCheck(written(inBean, path, node, shape)));
    }

    /**
     * Checks the member Jackson keeps of each property of a complete bean that has several names and takes the last
     * member written for it, nested values included: none of them was checked as it completed.
     */
    private void checkKeptMembers(ObjectShape shape, PartialObject node, JsonPointer path, List<Violation> found) {
        for (ObjectProperty property : shape.properties()) {
            if (shape.keepsFirst(property) || !shape.hasManyNames(property)) {
                continue;
            }
            String key = shape.writtenName(node, property.name());
            PartialValue member = node.get(key);
            if (member == null) {
                continue; // missing: checked below, as any missing member
            }
            Object value = binder.bind(property.shape(), member);
            if (value == Shape.ABSENT) {
                continue;
            }
            JsonPointer at = path.append(key);
            if (constrained.computeIfAbsent(property, isConstrained(shape))) {
                found.addAll(reported.inWholeCheck(beans.validateMember(shape, property, value, at, keys)));
            }
            found.addAll(reported.inWholeCheck(
                    written(values.validate(value, property.shape(), at, member), at, member, property.shape())));
        }
    }

    /**
     * Returns violations found in the bound value at {@code path}, with the names below it as the document writes
     * them; {@code node} is the value at {@code path}, bound by {@code shape}.
     */
    private List<Violation> written(List<Violation> violations, JsonPointer path, PartialValue node, Shape shape) {
        return renamable && !violations.isEmpty()
                ? WrittenNames.rename(violations, path.depth(), node, shape)
                : violations;
    }

    private static boolean isPresent(ObjectShape shape, PartialObject node, ObjectProperty property) {
        for (int i = 0, n = node.size(); i < n; i++) {
            if (shape.property(node.keyAt(i)) == property) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when the string being written has passed the bound {@link #checkOpenPath} found for it. */
    private boolean leafPassesBound(PartialValue snapshot) {
        return leafBound >= 0 && ((PartialString) OpenPath.leaf(snapshot)).length() > leafBound;
    }

    /** Follows the chain of open values from the root, measuring those held by a size-bounded property. */
    private void checkOpenPath(PartialValue snapshot, List<Violation> found) {
        walked = snapshot;
        leafBound = -1;
        PartialValue node = start(snapshot);
        Shape shape = root;
        ObjectShape owner = null;
        ObjectProperty property = null;
        ObjectShape elementOwner = null;
        ObjectProperty elementProperty = null;
        ContainerElements elementChecks = null;
        boolean elementChecksKnown = false; // looked up at the first open value below the property, once
        int elementDepth = 0;
        int depth = 0;
        while (node != null && shape != null && !node.isComplete()) {
            if (property != null) {
                checkGrowing(snapshot, depth, node, owner, property, found);
                if (node.type() == JsonType.STRING) {
                    leafBound = growingBound(owner, property).max(JsonType.STRING);
                }
            }
            // The property's own value is an element only of an Optional (Optional<@Size(max = 3) String>).
            if (anyElementBound
                    && elementProperty != null
                    && (depth > elementDepth || shape instanceof OptionalShape)) {
                if (!elementChecksKnown) {
                    elementChecks = elements(elementOwner, elementProperty);
                    elementChecksKnown = true;
                }
                if (elementChecks != null) {
                    checkGrowingElement(
                            snapshot,
                            depth,
                            node,
                            shape,
                            elementChecks,
                            elementOwner,
                            elementProperty,
                            depth - elementDepth,
                            found);
                }
            }
            Shape resolved = shape.resolve(node);
            JsonType type = node.type();
            if (type == JsonType.OBJECT && ((PartialObject) node).size() > 0) {
                PartialObject object = (PartialObject) node;
                String key = object.keyAt(object.size() - 1);
                owner = resolved instanceof ObjectShape ? (ObjectShape) resolved : null;
                property = owner == null ? null : owner.property(key);
                if (property != null && !isKept(owner, object, key, property)) {
                    return; // see checkCompleted
                }
                if (owner != null) {
                    elementOwner = owner;
                    elementProperty = property;
                    elementChecksKnown = false;
                    elementDepth = depth + 1;
                }
                shape = shape.child(node, key);
                node = object.valueAt(object.size() - 1);
            } else if (type == JsonType.ARRAY && ((PartialArray) node).size() > 0) {
                PartialArray array = (PartialArray) node;
                owner = null;
                property = null;
                shape = shape.childAt(node, array.size() - 1);
                node = array.get(array.size() - 1);
            } else {
                return;
            }
            depth++;
        }
    }

    private void checkGrowing(
            PartialValue snapshot,
            int depth,
            PartialValue node,
            ObjectShape owner,
            ObjectProperty property,
            List<Violation> found) {
        JsonType type = node.type();
        GrowingBound bound = growingBound(owner, property);
        int max = bound.max(type);
        if (max < 0) {
            return;
        }
        int size = type == JsonType.STRING
                ? ((PartialString) node).length()
                : type == JsonType.OBJECT ? ((PartialObject) node).size() : ((PartialArray) node).size();
        if (size <= max) {
            return;
        }
        JsonPointer path = newlyPassed(snapshot, depth);
        if (path == null) {
            return;
        }
        Object measured = bound.measured(node, size);
        found.addAll(beans.validateGrowing(owner, property, bound.declared(measured), measured, path, SIZE_KINDS));
    }

    /**
     * Returns the path of the open value {@code depth} levels down, which has passed its bound, or null when it was
     * reported already.
     */
    private JsonPointer newlyPassed(PartialValue snapshot, int depth) {
        // Once reported, the same open value is seen again on every update while it grows: recognise it without
        // building its path.
        if (lastGrown != null && isOpenPath(snapshot, depth, lastGrown)) {
            return null;
        }
        JsonPointer path = openPath(snapshot, depth);
        lastGrown = path;
        return grown.add(path) ? path : null;
    }

    /**
     * Measures an open string, list or map {@code below} levels under the property it is a container element of (or
     * the content of an {@code Optional} property, 0 levels under it) against its {@code @Size(max)} or
     * {@code @Length(max)}; {@code shape} is the one the node is bound by.
     */
    private void checkGrowingElement(
            PartialValue snapshot,
            int depth,
            PartialValue node,
            Shape shape,
            ContainerElements checks,
            ObjectShape owner,
            ObjectProperty property,
            int below,
            List<Violation> found) {
        JsonType type = node.type();
        if (type == JsonType.STRING) {
            checkGrowingText(snapshot, depth, (PartialString) node, checks, owner, property, below, found);
            return;
        }
        int max = checks.maxItems(below);
        if (max < 0 || type != JsonType.ARRAY && type != JsonType.OBJECT) {
            return;
        }
        int size = type == JsonType.OBJECT ? ((PartialObject) node).size() : ((PartialArray) node).size();
        if (size <= max) {
            return;
        }
        // Measured as a property's value is, by the shape that binds it: not a list whose null items are skipped.
        GrowingBound bound = GrowingBound.of(shape instanceof OptionalShape o ? o.content() : shape, max, factory);
        if (bound.max(type) < 0) {
            return;
        }
        JsonPointer path = newlyPassed(snapshot, depth);
        if (path == null) {
            return;
        }
        Object measured = bound.measured(node, size);
        List<String> segments = path.segments();
        Object holding = checks.holdingMeasured(measured, segments.subList(segments.size() - below, segments.size()));
        found.addAll(inSetItem(
                checks,
                below,
                path,
                beans.validateElement(
                        owner, property, holding, path, below, SIZE_KINDS, checks.bounds(below), measured, keys)));
    }

    /**
     * Returns {@code violations}, found in an open element {@code below} levels under its property, marked as the
     * violations of a set's item when a set holds the element: its path names no item (see {@link ReportedViolations}).
     */
    private List<Violation> inSetItem(
            ContainerElements checks, int below, JsonPointer path, List<Violation> violations) {
        if (setItems != null && !violations.isEmpty()) {
            // Named by Bean Validation from the property down, which names no item of a set below it.
            setItems.inDocumentUpTo(violations, path.depth() - below);
        }
        if (!violations.isEmpty() && checks.setItemDepth(below) >= 0) {
            reported.inSetItem(violations, path.toString(), null);
        } else {
            inIterableItem(path, violations);
        }
        return violations;
    }

    /**
     * Marks the violations of the element at {@code path} whose paths do not lead to it as those of the item of an
     * {@code Iterable}: Bean Validation names no index for it, yet each item counts, repeats too.
     */
    private void inIterableItem(JsonPointer path, List<Violation> violations) {
        for (Violation violation : violations) {
            if (!path.isPrefixOf(violation.path())) {
                reported.inIterableItem(List.of(violation), path.toString());
            }
        }
    }

    /** Measures an open string element, as {@link #checkGrowingElement} does. */
    private void checkGrowingText(
            PartialValue snapshot,
            int depth,
            PartialString node,
            ContainerElements checks,
            ObjectShape owner,
            ObjectProperty property,
            int below,
            List<Violation> found) {
        int max = checks.maxLength(below);
        if (max < 0) {
            return;
        }
        if (leafBound < 0 || max < leafBound) {
            leafBound = max;
        }
        if (node.length() <= max) {
            return;
        }
        JsonPointer path = newlyPassed(snapshot, depth);
        if (path == null) {
            return;
        }
        String text = node.value();
        List<String> segments = path.segments();
        Object holding = checks.holding(text, segments.subList(segments.size() - below, segments.size()), true);
        found.addAll(inSetItem(
                checks,
                below,
                path,
                beans.validateElement(
                        owner, property, holding, path, below, SIZE_KINDS, checks.bounds(below), text, keys)));
    }

    private GrowingBound growingBound(ObjectShape owner, ObjectProperty property) {
        GrowingBound bound = growingBounds.get(property);
        if (bound == null) {
            bound = GrowingBound.of(property.shape(), beans.maxSize(owner, property, SIZE_KINDS), factory);
            growingBounds.put(property, bound);
        }
        return bound;
    }

    /**
     * How an open value held by a property with a size upper bound is measured. Only a node of the kind the property's
     * type binds is measured (a string for text, an array for a list or an array, an object for a map, also inside an
     * {@code Optional} whose constraints are unwrapped), and it is handed to Bean Validation as a value of the declared
     * type: Hibernate picks the constraint's validator, or value extractor, by the declared type, and throws on a value
     * of another kind. A set is not measured while open, since repeated items collapse in it, nor a list that skips
     * null items. An array of primitives, which Jackson reads whole, is measured as a list is.
     */
    private static final class GrowingBound {
        private static final GrowingBound NONE = new GrowingBound(-1, JsonType.NULL, null, false);

        private final int max;
        private final JsonType measured;
        /** The component type of an array property, whose value must be an array of it; null for any other. */
        private final Class<?> component;

        private final boolean optional;

        private GrowingBound(int max, JsonType measured, Class<?> component, boolean optional) {
            this.max = max;
            this.measured = measured;
            this.component = component;
            this.optional = optional;
        }

        /** Returns how an open value bound by {@code shape}, from {@code factory}, is measured against {@code max}. */
        static GrowingBound of(Shape shape, int max, ShapeFactory factory) {
            boolean optional = shape instanceof OptionalShape;
            Shape content = optional ? ((OptionalShape) shape).content() : shape;
            if (max < 0) {
                return NONE;
            }
            if (content instanceof StringShape) {
                return new GrowingBound(max, JsonType.STRING, null, optional);
            }
            JavaType type = content.type();
            if (content instanceof MapShape map) {
                // Each key counted once, as the map holds it (the parser shows a repeated key once); measured as a
                // LinkedHashMap, so only a property declared as one of its supertypes, of a kind Bean Validation
                // takes such a value for, and not when Jackson leaves null values out or may read two keys as one
                // enum constant.
                return type.getRawClass().isAssignableFrom(LinkedHashMap.class)
                                && !map.skipsNullValues()
                                && map.keysAsWritten()
                        ? new GrowingBound(max, JsonType.OBJECT, null, optional)
                        : NONE;
            }
            if (type.isArrayType() && type.getContentType().isPrimitive()) {
                // Read whole by Jackson (int[]), one item per item written: not with a deserializer of the property's
                // own, nor one made for its null handling (a content null skipped makes a contextual deserializer).
                return factory.shapeFor(type) == content
                        ? new GrowingBound(
                                max, JsonType.ARRAY, type.getContentType().getRawClass(), optional)
                        : NONE;
            }
            // A set collapses repeated items, and a list whose null items Jackson skips may hold fewer items than
            // written: either is measured only once complete.
            if (!(content instanceof ListShape list)
                    || Set.class.isAssignableFrom(type.getRawClass())
                    || list.skipsNullItems()) {
                return NONE;
            }
            Class<?> component = type.isArrayType() ? type.getContentType().getRawClass() : null;
            return new GrowingBound(max, JsonType.ARRAY, component, optional);
        }

        /** Returns the bound for an open node of kind {@code type}, or -1 when such a node is not measured. */
        int max(JsonType type) {
            return type == measured ? max : -1;
        }

        /** Returns what Bean Validation measures in an open node of {@code size} chars or items: its rejected value. */
        Object measured(PartialValue node, int size) {
            if (measured == JsonType.STRING) {
                return ((PartialString) node).value();
            }
            if (measured == JsonType.OBJECT) {
                // The keys written so far; their values, some still open, are not what the bound is about.
                PartialObject object = (PartialObject) node;
                Map<String, Object> entries = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    entries.put(object.keyAt(i), null);
                }
                return entries;
            }
            return component != null ? Array.newInstance(component, size) : Collections.nCopies(size, null);
        }

        /** Returns {@code measured} as a value of the property's declared type. */
        Object declared(Object measured) {
            return optional ? Optional.of(measured) : measured;
        }
    }

    /** Returns the pointer of the open value {@code depth} levels below the response value's root. */
    private JsonPointer openPath(PartialValue snapshot, int depth) {
        List<String> segments = new ArrayList<>(depth + 1);
        if (wrapperKey != null) {
            segments.add(wrapperKey);
        }
        PartialValue node = start(snapshot);
        for (int i = 0; i < depth; i++) {
            if (node.type() == JsonType.OBJECT) {
                PartialObject object = (PartialObject) node;
                segments.add(object.keyAt(object.size() - 1));
                node = object.valueAt(object.size() - 1);
            } else {
                PartialArray array = (PartialArray) node;
                segments.add(Integer.toString(array.size() - 1));
                node = array.get(array.size() - 1);
            }
        }
        return JsonPointer.of(segments);
    }

    /** Returns true when {@code path} is the pointer of the open value {@code depth} levels below the root. */
    private boolean isOpenPath(PartialValue snapshot, int depth, JsonPointer path) {
        List<String> segments = path.segments();
        int offset = wrapperKey == null ? 0 : 1;
        if (segments.size() != depth + offset) {
            return false;
        }
        PartialValue node = start(snapshot);
        for (int i = 0; i < depth; i++) {
            String segment = segments.get(i + offset);
            if (node.type() == JsonType.OBJECT) {
                PartialObject object = (PartialObject) node;
                if (!segment.equals(object.keyAt(object.size() - 1))) {
                    return false;
                }
                node = object.valueAt(object.size() - 1);
            } else {
                PartialArray array = (PartialArray) node;
                if (Shape.parseIndex(segment) != array.size() - 1) {
                    return false;
                }
                node = array.get(array.size() - 1);
            }
        }
        return true;
    }

    /** Returns where the response value starts in {@code snapshot}, or null when it has not started. */
    private PartialValue start(PartialValue snapshot) {
        return BareValues.valueIn(snapshot, wrapperKey);
    }
}
