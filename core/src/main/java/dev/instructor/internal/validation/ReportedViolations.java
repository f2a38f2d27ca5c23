package dev.instructor.internal.validation;

import dev.instructor.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one stream's checks have reported, so that each violation is reported once: a violation is known by its path
 * and message, except one inside an item of a set or an {@code Iterable}. Bean Validation names no index for such an
 * item, so the violations of two items ({@code Set<@NotBlank String>} holding {@code " "} and {@code ""}) share a path
 * and message, and the final validation reports each: those are known by the item they were found in, its position in
 * the document, or for a set its value once complete, since two equal items are one item of the set.
 *
 * <p>A whole set checked again once complete reports its items' violations without positions: as many of them are
 * reported as exceed those its items reported one by one. The first item reported under a path and message may be
 * reported while its value is not known yet (an open item past its {@code @Size(max)}, or a completed value inside an
 * open item), so that fail-fast stops the attempt at once; a later one then waits for a check that knows its item
 * (the item's once complete, or the whole set's), as it may turn out equal to the first, one item of the set.
 *
 * <p>A check of a whole value (a union or a bean once complete, a property's value) that finds several violations under
 * one path and message, the items of a set it reports on the set, has as many reported: the most one such check found,
 * less those reported before under that path and message, as another check may find one of them again, in the same
 * update or a later one.
 */
final class ReportedViolations {
    /**
     * The item a violation was found in: its position in the document, its value when known, and whether repeats of it
     * collapse (a set's) or each count (an {@code Iterable}'s).
     */
    private record Item(String position, Object value, boolean collapses) {}

    /** How many violations were reported, by path and message. */
    private final Map<String, Integer> reported = new HashMap<>();
    /** The positions and values of the items reported, by path and message; null until one is. */
    private Map<String, Set<Object>> items;
    /** The number of items reported, by path and message. */
    private final Map<String, Integer> counts = new HashMap<>();
    /** The violations of the current update found in items of a set or an Iterable; null until one is. */
    private Map<Violation, Item> pending;
    /** The violations of the current update found by checks of a whole value, by check; null until one is. */
    private Map<Violation, Integer> wholeChecks;
    /** How many checks of a whole value were made, to tell them apart. */
    private int checks;

    /**
     * Returns {@code violations}, found by one check of a whole value (a union or bean checked once complete, a
     * property's value), marked as such: its violations under one path and message each count, as the items of a set
     * it reports on the set do in the final validation, where other checks may find again what one found.
     */
    List<Violation> inWholeCheck(List<Violation> violations) {
        // One violation is never counted twice: only several, under one path and message, need the mark.
        if (violations.size() > 1) {
            wholeChecks = wholeChecks == null ? new IdentityHashMap<>() : wholeChecks;
            checks++;
            for (Violation violation : violations) {
                wholeChecks.put(violation, checks);
            }
        }
        return violations;
    }

    /**
     * Marks {@code violations}, found in the item of a set at {@code position} of the document (or in a value it
     * holds), as that item's; {@code value} is the item when complete and known, else null.
     */
    void inSetItem(List<Violation> violations, String position, Object value) {
        if (pending == null) {
            pending = new IdentityHashMap<>();
        }
        for (Violation violation : violations) {
            pending.put(violation, new Item(position, value, true));
        }
    }

    /**
     * Marks {@code violations}, found in the item at {@code position} of the document of a container Bean Validation
     * names no index for but that keeps repeated items (an {@code Iterable}), as that item's.
     */
    void inIterableItem(List<Violation> violations, String position) {
        if (pending == null) {
            pending = new IdentityHashMap<>();
        }
        for (Violation violation : violations) {
            pending.put(violation, new Item(position, null, false));
        }
    }

    /** Returns those of {@code found}, one update's violations, not reported before, and records them. */
    List<Violation> fresh(List<Violation> found) {
        boolean[] kept = new boolean[found.size()];
        if (pending != null) {
            for (int i = 0; i < found.size(); i++) {
                Item item = pending.get(found.get(i));
                kept[i] = item != null && isNewItem(key(found.get(i)), item);
            }
        }
        Map<String, Integer> wholeSets = null;
        Map<String, Integer> counted = countedByWholeChecks(found);
        Map<String, Integer> firstReported = null; // under keys new to this update, with some counted several times
        for (int i = 0; i < found.size(); i++) {
            Violation violation = found.get(i);
            if (pending != null && pending.containsKey(violation)) {
                continue;
            }
            String key = key(violation);
            int byItem = itemsReported(key);
            if (byItem == 0 && counted != null && counted.containsKey(key)) {
                // As many as the check of a whole value that found the most of them, less those reported before.
                firstReported = firstReported == null ? new HashMap<>() : firstReported;
                int seen = firstReported.merge(key, 1, Integer::sum);
                kept[i] = reported.getOrDefault(key, 0) + seen <= counted.get(key);
            } else if (byItem == 0) {
                kept[i] = reported.putIfAbsent(key, 1) == null;
            } else if (!reported.containsKey(key)) {
                // A set checked whole: its items' violations beyond those reported item by item are new.
                wholeSets = wholeSets == null ? new HashMap<>() : wholeSets;
                int seen = wholeSets.merge(key, 1, Integer::sum);
                kept[i] = seen > byItem;
            }
        }
        if (wholeSets != null) {
            wholeSets.forEach(reported::putIfAbsent);
        }
        if (firstReported != null) {
            for (Map.Entry<String, Integer> seen : firstReported.entrySet()) {
                int before = reported.getOrDefault(seen.getKey(), 0);
                int most = counted.get(seen.getKey());
                reported.put(seen.getKey(), Math.max(before, Math.min(most, before + seen.getValue())));
            }
        }
        pending = null;
        wholeChecks = null;
        List<Violation> fresh = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            if (kept[i]) {
                fresh.add(found.get(i));
            }
        }
        return fresh;
    }

    /**
     * Returns, by key, the most violations one check of a whole value found under it in {@code found}, for the keys
     * some such check found several times; null when none did.
     */
    private Map<String, Integer> countedByWholeChecks(List<Violation> found) {
        if (wholeChecks == null) {
            return null;
        }
        Map<String, Integer> byCheck = new HashMap<>();
        for (Violation violation : found) {
            Integer check = wholeChecks.get(violation);
            if (check != null && (pending == null || !pending.containsKey(violation))) {
                byCheck.merge(key(violation) + "\u0000" + check, 1, Integer::sum);
            }
        }
        Map<String, Integer> most = null;
        for (Map.Entry<String, Integer> entry : byCheck.entrySet()) {
            if (entry.getValue() > 1) {
                most = most == null ? new HashMap<>() : most;
                String key = entry.getKey().substring(0, entry.getKey().lastIndexOf('\u0000'));
                most.merge(key, entry.getValue(), Math::max);
            }
        }
        return most;
    }

    /**
     * Returns true when {@code item} was not reported under {@code key} before: neither its position (a value checked
     * again, an open item now complete) nor its value (a repeat, one item of the set).
     */
    private boolean isNewItem(String key, Item item) {
        if (items == null) {
            items = new HashMap<>();
        }
        Set<Object> known = items.computeIfAbsent(key, k -> new HashSet<>());
        if (!item.collapses()) {
            if (!known.add(item.position())) {
                return false;
            }
            counts.merge(key, 1, Integer::sum);
            return true;
        }
        if (item.value() == null && itemsReported(key) > 0 && !known.contains(item.position())) {
            // An item not known yet (open, or holding the value checked) may turn out a repeat of one reported: left
            // to a check that knows it, of the item once complete or of the whole set.
            return false;
        }
        boolean positionKnown = !known.add(item.position());
        // A value is kept apart from positions, which are strings as a value may be.
        boolean valueKnown = item.value() != null && !known.add(List.of(item.value()));
        if (positionKnown || valueKnown) {
            return false;
        }
        counts.merge(key, 1, Integer::sum);
        return true;
    }

    private int itemsReported(String key) {
        return items == null ? 0 : counts.getOrDefault(key, 0);
    }

    private static String key(Violation violation) {
        return violation.path() + "\u0000" + violation.message();
    }
}
