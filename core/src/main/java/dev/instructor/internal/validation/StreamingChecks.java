package dev.instructor.internal.validation;

import dev.instructor.StreamingValidator;
import dev.instructor.Violation;
import dev.instructor.internal.binding.BareValues;
import dev.instructor.internal.binding.NodeBinder;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ShapeFactory;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The streaming checks of one stream: Bean Validation of the values each update completed ({@link CompletedValues}),
 * the upper size bounds that open values have already passed ({@link OpenPathChecks}) and a type token's bounds on
 * the root ({@link RootBounds}), each violation reported once, in the document's terms.
 *
 * <h2>Implementation notes</h2>
 * A violation already reported (same path and message, and item of a set or {@code Iterable} when inside one: see
 * {@link ReportedViolations}) is not reported again. One inside a bean, list or map held in a set is reported on the
 * set, as the final validation reports it, and a completed item of such a set is checked whole (see {@link
 * SetItemViolations}).
 *
 * <p>Paths name members as the document writes them, aliases included: a completed or open value's path is the
 * engine's, and the paths of a whole bean or union object, built from the bound value, are renamed through the
 * document ({@link WrittenNames}) once a violation is found, for types whose names can differ; map keys and rejected
 * values are shown as written ({@link WrittenKeys}, {@link WrittenValues}).
 *
 * <p>Node kinds are told by {@code type()}, not {@code instanceof}: these walks see every kind of node, and on
 * JDK 17 an {@code instanceof} against an interface at such a site scans the node's secondary supers each time.
 */
public final class StreamingChecks implements StreamingValidator {
    private final Shape root;
    private final String wrapperKey;
    private final ShapeFactory factory;
    private final RootBounds rootBounds;
    private final ReportedViolations reported = new ReportedViolations();
    /** Reports violations inside a set's items on the set; null when no set of structures nor union is reachable. */
    private final SetItemViolations setItems;

    private final CompletedValues completed;
    /** Null when no value can pass a size bound while open. */
    private final OpenPathChecks open;

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
        this.wrapperKey = wrapperKey;
        this.factory = factory;
        this.rootBounds = rootBounds;
        this.setItems = SetItemViolations.of(root);
        BeanValidation beans = BeanValidation.shared();
        NodeBinder binder = new NodeBinder(factory);
        Function<Object, String> keys = factory::keyName;
        PassedValues passed = new PassedValues(wrapperKey);
        ElementChecks elements = new ElementChecks(values, beans, binder, factory, keys, reported, setItems, passed);
        WholeValues whole = new WholeValues(values, binder, reported, setItems, renamable);
        boolean anyElements = root != null && ReachableShapes.any(root, shape -> elements.anyIn(shape, false));
        this.completed = new CompletedValues(
                root,
                wrapperKey,
                factory,
                setItems,
                new BeanChecks(beans, values, binder, reported, whole, keys),
                elements,
                new NullItems(binder, values.required()),
                whole,
                anyElements);
        boolean anyElementBound = anyElements && ReachableShapes.any(root, shape -> elements.anyIn(shape, true));
        this.open = OpenPathChecks.of(root, wrapperKey, factory, beans, elements, passed, anyElementBound);
    }

    @Override
    public List<Violation> check(PartialValue snapshot, List<JsonPointer> completedPaths) {
        List<Violation> found = new ArrayList<>(0);
        List<JsonPointer> paths = completedPaths.isEmpty() || !BareValues.isBare(snapshot, wrapperKey)
                ? completedPaths
                : underWrapper(completedPaths);
        for (int i = 0, n = paths.size(); i < n; i++) {
            completed.check(snapshot, paths.get(i), found);
        }
        if (rootBounds != null && rootBounds.countsWrittenItems()) {
            rootBounds.checkPartial(snapshot, wrapperKey, found);
        }
        if (open != null) {
            open.check(snapshot, completedPaths.isEmpty(), found);
        }
        if (found.isEmpty()) {
            if (setItems != null) {
                setItems.foundNothing();
            }
            return List.of();
        }
        return Collections.unmodifiableList(fresh(snapshot, found));
    }

    /**
     * Returns those of {@code found}, one update's violations, not reported before, moved onto the set where found in
     * a set's item, and named as the document writes them.
     */
    private List<Violation> fresh(PartialValue snapshot, List<Violation> found) {
        int depth = wrapperKey == null ? 0 : 1;
        PartialValue start = BareValues.valueIn(snapshot, wrapperKey);
        List<Violation> fresh;
        if (setItems == null) {
            fresh = reported.fresh(found);
        } else {
            List<Violation> outside = new ArrayList<>(found.size());
            List<Violation> inSetItems = setItems.report(found, start, depth, outside);
            fresh = reported.fresh(outside);
            fresh.addAll(inSetItems);
        }
        fresh = WrittenKeys.rename(fresh, depth, start, root, factory);
        return WrittenValues.shownAsWritten(fresh, start, depth);
    }

    /**
     * Returns where in the document (wrapper included) the last {@link #check} found violations inside items of a set
     * of structures, whether it returned them or not: it reports them on the set, as the final validation does, and
     * those of an item equal to one reported not at all, yet each names a broken item, which {@code elements()} holds
     * back.
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
}
