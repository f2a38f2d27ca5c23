package dev.instructor.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number. Numbers are shown only once complete, so a partial number never exists: {@code 3} is never shown
 * on the way to {@code 32}.
 */
public sealed interface PartialNumber extends PartialValue permits NumberValue {

    /** Returns the number exactly as written, for example {@code -1.5e3}. */
    String text();

    /** Returns true when the number has no fraction and no exponent. */
    boolean isIntegral();

    /**
     * Returns the exact value.
     *
     * @throws ArithmeticException when the exponent is beyond the range of a {@code BigDecimal}'s scale, as in
     *     {@code 1e2147483649}
     */
    BigDecimal bigDecimalValue();

    /**
     * Returns the exact value as a {@link BigInteger}.
     *
     * @throws ArithmeticException when the number has a non-zero fractional part, or, written with an exponent, has
     *     more than 100,000 digits (as {@code 1e100000000} has), which would take seconds and megabytes to compute
     */
    BigInteger bigIntegerValue();

    /**
     * Returns the value as a {@code long}.
     *
     * @throws ArithmeticException when the number is not an integer or does not fit in a {@code long}
     */
    long longValue();

    /** Returns the nearest {@code double}, which may be infinite for huge exponents. */
    double doubleValue();
}
