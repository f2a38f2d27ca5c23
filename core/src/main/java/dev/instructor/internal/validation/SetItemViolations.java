package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports the violations found inside the beans of a set ({@code Set<Idea>}, at any depth) as the final validation
 * reports them ({@link ValueValidation}): on the set, the path inside the item named in the message ({@code /ideas},
 * {@code title: must not be blank}) by property names, not aliases, since a set keeps neither the document's order nor
 * its repeated items (nor how the model named their members), and once per distinct item, as the set holds equal items
 * once.
 *
 * <p>A violation is known by its path and message, as elsewhere (its key). The first under a key is reported as soon
 * as it is found, the item still open, so that fail-fast stops the attempt there. Any later one waits for its item
 * (the outermost set's, which holds it) to complete: the item is then checked whole, as the final validation checks it
 * ({@link #wholeItem}), and unless an equal item was reported before, each of its violations is reported but one
 * already reported while it was open. What the item held that was found before it completed is then left to that. A
 * set checked whole again (inside a union, checked whole once complete) reports only what exceeds its items' reports.
 *
 * <p>Only sets whose items are beans: the container-element constraints of a set of strings or lists are reported by
 * Bean Validation on the set already, with paths that name no item. Only violations found are looked at, with one walk
 * of the document along each path, so a model without such a set pays nothing.
 */
final class SetItemViolations {
    private final Shape root;
    /** How many violations were reported so far, by key. */
    private final Map<String, Integer> reported = new HashMap<>();
    /** The item whose violation was reported while it was open, by key: its pointer. */
    private final Map<String, String> reportedOpen = new HashMap<>();
    /** The complete items whose violations were reported, by key. */
    private final Map<String, Set<Object>> reportedItems = new HashMap<>();
    /** The violations of the current update from checks of whole items: their items. */
    private final Map<Violation, WholeItem> whole = new IdentityHashMap<>();
    /** Where the last update found violations inside items of sets of beans, reported or not. */
    private List<JsonPointer> found = List.of();

    private SetItemViolations(Shape root) {
        this.root = root;
    }

    /** Returns the reporter for a response type of shape {@code root}, or null when it holds no set of beans. */
    static SetItemViolations of(Shape root) {
        // A union's subtypes are known only once a value names one: it may hold a set of beans.
        return root != null
                        && ReachableShapes.any(root, shape -> shape instanceof PolymorphicShape || isSetOfBeans(shape))
                ? new SetItemViolations(root)
                : null;
    }

    /** Returns true when {@code shape} (or the content of an {@code Optional}) binds a set whose items are beans. */
    static boolean isSetOfBeans(Shape shape) {
        Shape content = shape instanceof OptionalShape optional ? optional.content() : shape;
        if (!(content instanceof ListShape list)
                || !Set.class.isAssignableFrom(list.type().getRawClass())) {
            return false;
        }
        Shape element = list.element();
        element = element instanceof OptionalShape optional ? optional.content() : element;
        return element instanceof ObjectShape || element instanceof PolymorphicShape;
    }

    /**
     * Returns {@code violations}, found by checking {@code value}, the completed item at {@code item} of a set of
     * beans, whole, marked as such: they are what the item counts for once complete.
     */
    List<Violation> wholeItem(JsonPointer item, Object value, List<Violation> violations) {
        WholeItem checked = new WholeItem(item.toString(), value);
        for (Violation violation : violations) {
            whole.put(violation, checked);
        }
        return violations;
    }

    /** A completed item of a set of beans checked whole: its pointer and value. */
    private record WholeItem(String pointer, Object value) {}

    /**
     * Returns the violations to report of those in {@code violations}, one update's, found inside an item of a set of
     * beans, moved onto the set; adds the others to {@code outside}.
     *
     * @param start the response value in the snapshot, where the paths after {@code skip} segments start
     * @param skip the wrapper's segment, if any
     */
    List<Violation> report(List<Violation> violations, PartialValue start, int skip, List<Violation> outside) {
        List<JsonPointer> at = new ArrayList<>(0);
        List<Violation> fresh = new ArrayList<>(0);
        Map<String, Counted> completed = null; // by key and item: the violations of the items now complete
        List<Violation> notInItems = null;
        for (Violation violation : violations) {
            Located in = locate(violation, start, skip);
            if (in == null) {
                notInItems = notInItems == null ? new ArrayList<>() : notInItems;
                notInItems.add(violation);
                continue;
            }
            at.add(violation.path());
            String key = in.moved().path() + "\u0000" + in.moved().message();
            WholeItem checked = whole.get(violation);
            if (!in.complete()) {
                if (reported.putIfAbsent(key, 1) == null) {
                    reportedOpen.put(key, in.item());
                    fresh.add(in.moved());
                }
            } else if (checked != null && checked.pointer().equals(in.item())) {
                // Found by the check of the whole item; what other checks found in it, this one finds too.
                completed = completed == null ? new LinkedHashMap<>() : completed;
                completed
                        .computeIfAbsent(key + "\u0000" + in.item(), k -> new Counted(key, in.item(), checked.value()))
                        .violations()
                        .add(in.moved());
            }
        }
        if (completed != null) {
            for (Counted counted : completed.values()) {
                reportComplete(counted, fresh);
            }
        }
        if (notInItems != null) {
            reportWholeSets(notInItems, fresh, outside);
        }
        whole.clear();
        found = at.isEmpty() ? List.of() : Collections.unmodifiableList(at);
        return fresh;
    }

    /** A violation found inside an item of a set of beans, moved onto the set: the item's pointer, and if complete. */
    private record Located(Violation moved, String item, boolean complete) {}

    /** The violations under one key of a complete item, by its pointer and value. */
    private record Counted(String key, String item, Object value, List<Violation> violations) {
        Counted(String key, String item, Object value) {
            this(key, item, value, new ArrayList<>(1));
        }
    }

    /**
     * Reports the violations of a complete item under one key, but for one reported while it was open; none when an
     * equal item's were reported, as the set holds it once.
     */
    private void reportComplete(Counted counted, List<Violation> fresh) {
        if (!reportedItems.computeIfAbsent(counted.key(), k -> new HashSet<>()).add(counted.value())) {
            return;
        }
        List<Violation> inItem = counted.violations();
        int already = counted.item().equals(reportedOpen.get(counted.key())) ? 1 : 0;
        List<Violation> more = inItem.subList(Math.min(already, inItem.size()), inItem.size());
        fresh.addAll(more);
        reported.merge(counted.key(), more.size(), Integer::sum);
    }

    /**
     * Adds to {@code fresh} those of {@code violations}, found on the set itself, under a key whose items were reported
     * here that exceed them: a set checked whole again (in a union, checked whole once complete) reports its items'
     * violations on it. The others go to {@code outside}.
     */
    private void reportWholeSets(List<Violation> violations, List<Violation> fresh, List<Violation> outside) {
        Map<String, Integer> seen = null;
        for (Violation violation : violations) {
            String key = violation.path() + "\u0000" + violation.message();
            Integer known = reported.get(key);
            if (known == null) {
                outside.add(violation);
                continue;
            }
            seen = seen == null ? new HashMap<>() : seen;
            if (seen.merge(key, 1, Integer::sum) > known) {
                fresh.add(violation);
                reported.merge(key, 1, Integer::sum);
            }
        }
    }

    /** Returns {@code violation} moved onto the outermost set of beans whose item holds it, or null for none. */
    private Located locate(Violation violation, PartialValue start, int skip) {
        List<String> written = violation.path().segments();
        List<String> segments = new ArrayList<>(written); // inside an item, named as the final validation names them
        List<Integer> items = new ArrayList<>(1); // the segments that index an item of a set of beans, outermost first
        PartialValue node = start;
        Shape shape = root;
        PartialValue outerItem = null;
        for (int i = skip; i < segments.size() && node != null && shape != null; i++) {
            Shape resolved = shape.resolve(node);
            ObjectProperty property = resolved instanceof ObjectShape owner ? owner.property(written.get(i)) : null;
            if (outerItem != null && property != null) {
                // The final validation checks a set's items without the document: by property name, not an alias.
                segments.set(i, property.name());
            }
            shape = shape.child(node, written.get(i));
            node = Shape.childValue(node, written.get(i));
            if (isSetOfBeans(resolved) && node != null && shape != null) {
                items.add(i);
                outerItem = outerItem == null ? node : outerItem;
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        String message = violation.message();
        int end = segments.size();
        for (int k = items.size() - 1; k >= 0; k--) {
            // Innermost first: an outer set names the inner set's path, whose message already names the member.
            int item = items.get(k);
            if (item + 1 < end) {
                message = JsonPointer.of(segments.subList(item + 1, end))
                                .toString()
                                .substring(1) + ": " + message;
            }
            end = item;
        }
        Violation moved = new Violation(JsonPointer.of(segments.subList(0, end)), message, violation.rejectedValue());
        String item = JsonPointer.of(segments.subList(0, items.get(0) + 1)).toString();
        return new Located(moved, item, outerItem.isComplete());
    }

    /** Returns where the last update found violations inside items of sets of beans, whether reported or not. */
    List<JsonPointer> found() {
        return found;
    }

    /** Forgets what the last update found: the current one found nothing. */
    void foundNothing() {
        found = List.of();
    }
}
