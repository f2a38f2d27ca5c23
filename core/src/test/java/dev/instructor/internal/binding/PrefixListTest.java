package dev.instructor.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrefixListTest {
    @Test
    void view_seesItsPrefixAndLast_notLaterAppends() {
        Object[] shared = {"a", "b", null, null};
        PrefixList<Object> early = new PrefixList<>(shared, 2, "c-partial");

        shared[2] = "c";
        shared[3] = "d";
        PrefixList<Object> late = new PrefixList<>(shared, 4, Shape.ABSENT);

        assertThat(early).containsExactly("a", "b", "c-partial");
        assertThat(late).containsExactly("a", "b", "c", "d");
        assertThat(early).isEqualTo(List.of("a", "b", "c-partial")).hasSameHashCodeAs(List.of("a", "b", "c-partial"));
    }

    @Test
    void outOfRangeAndMutators_throw() {
        PrefixList<Object> list = new PrefixList<>(new Object[] {"a"}, 1, Shape.ABSENT);

        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> list.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
