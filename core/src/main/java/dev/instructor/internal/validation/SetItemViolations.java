package dev.instructor.internal.validation;

import dev.instructor.Violation;
import dev.instructor.internal.binding.ListShape;
import dev.instructor.internal.binding.MapShape;
import dev.instructor.internal.binding.ObjectProperty;
import dev.instructor.internal.binding.ObjectShape;
import dev.instructor.internal.binding.OptionalShape;
import dev.instructor.internal.binding.PolymorphicShape;
import dev.instructor.internal.binding.Shape;
import dev.instructor.internal.binding.ValueShape;
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
 * Reports the violations found inside the items of a set of structures, beans, unions or containers ({@code
 * Set<Idea>}, {@code Set<List<Idea>>}, at any depth), as the final validation reports them ({@link ValueValidation}):
 * on the set, the path inside the item named in the message ({@code /ideas}, {@code title: must not be blank}, {@code
 * 1/title: must not be blank}) by property names, not aliases, since a set keeps neither the document's order nor its
 * repeated items (nor how the model named their members), and once per distinct item, as the set holds equal items
 * once.
 *
 * <p>A violation is known by its path and message, as elsewhere (its key). The first under a key is reported as soon
 * as it is found, the item still open, so that fail-fast stops the attempt there. Any later one waits for its item
 * (the outermost set's, which holds it) to complete: the item is then checked whole, as the final validation checks it
 * ({@link #wholeItem}), and unless an equal item was reported before, each of its violations is reported but one
 * already reported while it was open. What the item held that was found before it completed is then left to that. A
 * set checked whole again (inside a union, checked whole once complete) reports only what exceeds its items' reports.
 *
 * <p>Only sets whose items the final validation walks into, beans, unions and containers: a set of strings is checked
 * by Bean Validation alone, which reports on the set already. Bean Validation names no item of a set either where it
 * reports inside one ({@code Set<List<@NotBlank String>>} at {@code /names/1}, the index in the inner list): only the
 * segments of a path that name a place in the document ({@link #inDocumentUpTo}) are taken for items. Only violations
 * found are looked at, with one walk of the document along each path, so a model without such a set pays nothing.
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
    /** The violations of the current update whose paths name document positions only so far: how many segments. */
    private final Map<Violation, Integer> inDocument = new IdentityHashMap<>();
    /** Where the last update found violations inside items of sets of structures, reported or not. */
    private List<JsonPointer> found = List.of();

    private SetItemViolations(Shape root) {
        this.root = root;
    }

    /**
     * Returns the reporter for a response type of shape {@code root}, or null when it holds no set of structures.
     */
    static SetItemViolations of(Shape root) {
        // A union's subtypes are known only once a value names one: it may hold such a set.
        return root != null
                        && ReachableShapes.any(
                                root, shape -> shape instanceof PolymorphicShape || isSetOfStructures(shape))
                ? new SetItemViolations(root)
                : null;
    }

    /**
     * Returns true when {@code shape} (or the content of an {@code Optional}) binds a set whose items are beans,
     * unions or containers (lists, sets, maps, also those read whole), which the final validation walks into.
     */
    static boolean isSetOfStructures(Shape shape) {
        Shape content = shape instanceof OptionalShape optional ? optional.content() : shape;
        if (!(content instanceof ListShape list)
                || !Set.class.isAssignableFrom(list.type().getRawClass())) {
            return false;
        }
        Shape element = list.element();
        element = element instanceof OptionalShape optional ? optional.content() : element;
        return element instanceof ObjectShape
                || element instanceof PolymorphicShape
                || element instanceof ListShape
                || element instanceof MapShape
                || element instanceof ValueShape && ValueValidation.holdsBeans(element);
    }

    /**
     * Marks {@code violations}, found in this update, as having paths whose first {@code segments} name places in the
     * document, and the rest places in a value as Bean Validation or the final validation name them (no item of a set
     * among them); a violation marked already keeps its mark. Unmarked, a whole path names places in the document.
     */
    void inDocumentUpTo(List<Violation> violations, int segments) {
        for (Violation violation : violations) {
            inDocument.putIfAbsent(violation, segments);
        }
    }

    /**
     * Returns {@code violations}, found by checking {@code value}, the completed item at {@code item} of a set of
     * structures, whole, marked as such: they are what the item counts for once complete.
     */
    List<Violation> wholeItem(JsonPointer item, Object value, List<Violation> violations) {
        WholeItem checked = new WholeItem(item.toString(), value);
        for (Violation violation : violations) {
            whole.put(violation, checked);
        }
        return violations;
    }

    /** A completed item of a set of structures checked whole: its pointer and value. */
    private record WholeItem(String pointer, Object value) {}

    /**
     * Returns the violations to report of those in {@code violations}, one update's, found inside an item of a set of
     * structures, moved onto the set; adds the others to {@code outside}.
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
        inDocument.clear();
        found = at.isEmpty() ? List.of() : Collections.unmodifiableList(at);
        return fresh;
    }

    /** A violation found inside an item of a set of structures, moved onto the set: its item, and whether complete. */
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

    /** Returns {@code violation} moved onto the outermost set of structures whose item holds it, or null for none. */
    private Located locate(Violation violation, PartialValue start, int skip) {
        List<String> written = violation.path().segments();
        int placed = inDocument.getOrDefault(violation, written.size()); // segments that name places in the document
        List<String> segments = new ArrayList<>(written); // inside an item, named as the final validation names them
        List<Integer> at = new ArrayList<>(1); // the segments that index an item of a set, outermost first
        PartialValue node = start;
        Shape shape = root;
        PartialValue outerItem = null;
        for (int i = skip; i < segments.size() && node != null && shape != null; i++) {
            Shape resolved = shape.resolve(node);
            ObjectProperty property = resolved instanceof ObjectShape owner ? owner.property(written.get(i)) : null;
            if (outerItem != null && property != null) {
                // The final validation names the members inside a set's items by property, not as written (an alias).
                segments.set(i, property.name());
            }
            shape = shape.child(node, written.get(i));
            node = Shape.childValue(node, written.get(i));
            if (i < placed && isSetOfStructures(resolved) && node != null && shape != null) {
                at.add(i);
                outerItem = outerItem == null ? node : outerItem;
            }
        }
        if (at.isEmpty()) {
            return null;
        }
        String message = violation.message();
        int end = segments.size();
        for (int k = at.size() - 1; k >= 0; k--) {
            // Innermost first: an outer set names the inner set's path, whose message already names the member.
            int item = at.get(k);
            if (item + 1 < end) {
                message = JsonPointer.of(segments.subList(item + 1, end))
                                .toString()
                                .substring(1) + ": " + message;
            }
            end = item;
        }
        Violation moved = new Violation(JsonPointer.of(segments.subList(0, end)), message, violation.rejectedValue());
        String item = JsonPointer.of(segments.subList(0, at.get(0) + 1)).toString();
        return new Located(moved, item, outerItem.isComplete());
    }

    /** Returns where the last update found violations inside items of sets of structures, reported or not. */
    List<JsonPointer> found() {
        return found;
    }

    /** Forgets what the last update found: the current one found nothing. */
    void foundNothing() {
        found = List.of();
    }
}
