package dev.instructor.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Views of one store compare as the plain collections of their items do, whichever prefix and open item each shows,
 * and two views of the same store compare only the items they do not share: comparing each partial with the one
 * before stays O(1) however long the collection is.
 */
class PrefixViewEqualityTest {
    /** An item that counts its equality calls; equal by name. */
    record Counted(String name) {
        static final AtomicLong CALLS = new AtomicLong();

        @Override
        public boolean equals(Object other) {
            CALLS.incrementAndGet();
            return other instanceof Counted counted && counted.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    @Test
    void listViews_equalExactlyWhenTheirItemsDo() {
        Random random = new Random(1);
        for (int round = 0; round < 30; round++) {
            Object[] shared = new Object[64];
            List<PrefixList<Object>> views = new ArrayList<>();
            List<List<Object>> copies = new ArrayList<>();
            int bound = 0;
            while (bound < 40) {
                Object open = random.nextInt(4) == 0 ? Shape.ABSENT : new Counted("n" + random.nextInt(3));
                views.add(new PrefixList<>(shared, bound, open));
                List<Object> copy = new ArrayList<>(Arrays.asList(shared).subList(0, bound));
                if (open != Shape.ABSENT) {
                    copy.add(open);
                }
                copies.add(copy);
                if (random.nextBoolean()) {
                    shared[bound++] = random.nextBoolean() && open != Shape.ABSENT ? open : new Counted("n" + bound);
                }
                if (random.nextInt(10) == 0) {
                    shared = Arrays.copyOf(shared, shared.length); // the store grew into a new array
                }
            }
            assertPairsAgree(views, copies);
        }
    }

    @Test
    void mapViews_equalExactlyWhenTheirEntriesDo() {
        Random random = new Random(2);
        for (int round = 0; round < 25; round++) {
            PrefixMap.Store store = new PrefixMap.Store();
            Map<String, Object> appended = new LinkedHashMap<>();
            List<PrefixMap<String, Object>> views = new ArrayList<>();
            List<Map<String, Object>> copies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String key = "k" + i;
                Object value = random.nextInt(6) == 0 ? null : new Counted("v" + random.nextInt(3));
                boolean open = random.nextInt(3) > 0;
                views.add(open ? store.view(key, value) : store.view());
                Map<String, Object> copy = new LinkedHashMap<>(appended);
                if (open) {
                    copy.put(key, value);
                }
                copies.add(copy);
                Object settled = random.nextBoolean() ? value : new Counted("v" + random.nextInt(3));
                store.append(key, settled);
                appended.put(key, settled);
            }
            assertPairsAgree(views, copies);
        }
    }

    @Test
    void setViews_equalExactlyWhenTheirItemsDo() {
        Random random = new Random(3);
        for (int round = 0; round < 25; round++) {
            PrefixSet.Store store = new PrefixSet.Store();
            Set<Object> added = new LinkedHashSet<>();
            List<PrefixSet<Object>> views = new ArrayList<>();
            List<Set<Object>> copies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Object item = random.nextInt(8) == 0 ? null : new Counted("i" + random.nextInt(25));
                boolean open = random.nextBoolean();
                PrefixSet<Object> view = store.view(open ? item : Shape.ABSENT);
                views.add(view);
                Set<Object> copy = new LinkedHashSet<>(added);
                if (open) {
                    copy.add(item);
                }
                copies.add(copy);
                store.add(item, i);
                added.add(item);
            }
            assertPairsAgree(views, copies);
        }
    }

    /** An item whose equals fails on a missing name, as a user's record may while it is partial. */
    record Fragile(String name) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Fragile fragile && name.equals(fragile.name);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name);
        }
    }

    @Test
    void itemsWhoseEqualsThrowsOnAPartialOne_makeSetsAndMapsUnequal_notFail() {
        PrefixSet.Store items = new PrefixSet.Store();
        PrefixMap.Store entries = new PrefixMap.Store();
        for (int i = 0; i < 10; i++) {
            items.add(new Fragile("item " + i), i);
            entries.append("key " + i, new Fragile("value " + i));
        }
        PrefixSet<Object> partialSet = items.view(new Fragile(null));
        PrefixSet<Object> fullerSet = items.view(new Fragile("named"));
        PrefixMap<String, Object> partialMap = entries.view("open", new Fragile(null));
        PrefixMap<String, Object> fullerMap = entries.view("open", new Fragile("named"));

        // Both directions, and against plain copies, whose AbstractSet and AbstractMap equals return false too.
        assertThat(partialSet.equals(fullerSet)).isFalse();
        assertThat(fullerSet.equals(partialSet)).isFalse();
        assertThat(partialMap.equals(fullerMap)).isFalse();
        assertThat(fullerMap.equals(partialMap)).isFalse();
        assertThat(new LinkedHashSet<>(fullerSet).equals(partialSet)).isFalse();
        assertThat(new LinkedHashMap<>(fullerMap).equals(partialMap)).isFalse();
        assertThat(fullerSet.equals(items.view(new Fragile("named")))).isTrue();
    }

    @Test
    void consecutiveViewsOfALongList_compareOnlyTheirOpenItems() {
        Object[] shared = new Object[2_048];
        for (int i = 0; i < 2_000; i++) {
            shared[i] = new Counted("item " + i);
        }
        PrefixList<Object> before = new PrefixList<>(shared, 1_999, new Counted("last, partial"));
        PrefixList<Object> grown = new PrefixList<>(shared, 1_999, new Counted("last, partial and more"));
        PrefixList<Object> completed = new PrefixList<>(shared, 2_000, Shape.ABSENT);

        Counted.CALLS.set(0);
        assertThat(before).isNotEqualTo(grown);
        assertThat(grown).isNotEqualTo(completed);
        assertThat(before).isEqualTo(new PrefixList<>(shared, 1_999, new Counted("last, partial")));

        assertThat(Counted.CALLS.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void consecutiveViewsOfALargeMapAndSet_compareOnlyWhatTheyDoNotShare() {
        PrefixMap.Store entries = new PrefixMap.Store();
        PrefixSet.Store items = new PrefixSet.Store();
        for (int i = 0; i < 2_000; i++) {
            entries.append("key " + i, new Counted("value " + i));
            items.add(new Counted("item " + i), i);
        }

        Counted.CALLS.set(0);
        assertThat(entries.view("open", new Counted("a")))
                .isNotEqualTo(entries.view("open", new Counted("ab")))
                .isEqualTo(entries.view("open", new Counted("a")));
        assertThat(items.view(new Counted("a"))).isNotEqualTo(items.view(new Counted("ab")));
        assertThat(items.view(new Counted("a"))).isEqualTo(items.view(new Counted("a")));

        assertThat(Counted.CALLS.get()).isLessThanOrEqualTo(10);
    }

    /** Every pair of views compares (both ways) and hashes as the pair of their plain copies does. */
    private static <C> void assertPairsAgree(List<? extends C> views, List<? extends C> copies) {
        for (int i = 0; i < views.size(); i++) {
            for (int j = 0; j < views.size(); j++) {
                boolean expected = copies.get(i).equals(copies.get(j));
                String where = copies.get(i) + " against " + copies.get(j);
                assertThat(views.get(i).equals(views.get(j))).as(where).isEqualTo(expected);
                assertThat(views.get(i).equals(copies.get(j))).as(where).isEqualTo(expected);
                assertThat(copies.get(j).equals(views.get(i))).as(where).isEqualTo(expected);
                if (expected) {
                    assertThat(views.get(i).hashCode())
                            .as(where)
                            .isEqualTo(views.get(j).hashCode());
                }
            }
        }
    }
}
