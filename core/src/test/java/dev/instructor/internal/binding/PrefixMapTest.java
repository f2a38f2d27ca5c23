package dev.instructor.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixMapTest {
    /** Below and above the size from which keys are found through the shared index. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 7, 8, 9, 40})
    void views_actLikeTheLinkedHashMapOfTheirEntries_andIgnoreLaterAppends(int settled) {
        PrefixMap.Store store = new PrefixMap.Store();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < settled; i++) {
            Object value = i % 5 == 0 ? null : "v" + i;
            store.append("k" + i, value);
            expected.put("k" + i, value);
        }
        PrefixMap<String, Object> closed = store.view();
        PrefixMap<String, Object> open = store.view("open", "partial");
        Map<String, Object> expectedOpen = new LinkedHashMap<>(expected);
        expectedOpen.put("open", "partial");

        for (int i = settled; i < settled + 20; i++) {
            store.append("k" + i, "later" + i); // appends made after the views, which must not show them
        }
        store.append("open", "complete");

        assertMapBehavesLike(closed, expected);
        assertMapBehavesLike(open, expectedOpen);
        assertThat(store.<String, Object>view()).hasSize(settled + 21).containsEntry("open", "complete");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 12})
    void mutators_throw(int settled) {
        PrefixMap.Store store = new PrefixMap.Store();
        for (int i = 0; i < settled; i++) {
            store.append("k" + i, i);
        }
        Map<String, Object> map = store.view("last", 1);

        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("k0")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.keySet().removeIf(key -> true)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(map).hasSize(settled + 1);
    }

    private static void assertMapBehavesLike(Map<String, Object> map, Map<String, Object> expected) {
        assertThat(map).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(expected.size());
        assertThat(expected).isEqualTo(map);
        assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(map.values())).containsExactlyElementsOf(expected.values());
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            entries.add(new AbstractMap.SimpleEntry<>(entry));
        }
        assertThat(entries).containsExactlyElementsOf(expected.entrySet());
        for (String key : expected.keySet()) {
            assertThat(map.containsKey(key)).as(key).isTrue();
            assertThat(map.get(key)).as(key).isEqualTo(expected.get(key));
        }
        for (Object absent : new Object[] {"nope", "k999", null, 42}) {
            assertThat(map.containsKey(absent)).as("%s", absent).isFalse();
            assertThat(map.get(absent)).as("%s", absent).isNull();
        }
        assertThat(map.toString()).isEqualTo(expected.toString());
    }
}
