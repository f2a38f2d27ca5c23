package dev.instructor.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The provider builders' rule for bad arguments, asserted alike in each provider's tests: {@code null} throws
 * {@link NullPointerException} naming the parameter, blank text {@link IllegalArgumentException} saying so.
 */
public final class SetterChecks {
    private SetterChecks() {}

    /** Asserts that {@code setter} (given {@code null}) throws {@code NullPointerException} with message {@code name}. */
    public static void rejectsNull(String name, ThrowingCallable setter) {
        assertThatThrownBy(setter)
                .as(name)
                .isInstanceOf(NullPointerException.class)
                .hasMessage(name);
    }

    /** Asserts that {@code setter} (given blank text) throws {@code IllegalArgumentException}: "name must not be blank". */
    public static void rejectsBlank(String name, ThrowingCallable setter) {
        assertThatThrownBy(setter)
                .as(name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(name + " must not be blank");
    }
}
