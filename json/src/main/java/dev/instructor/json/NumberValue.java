package dev.instructor.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A complete JSON number, kept as its text; conversions are computed on demand. */
final class NumberValue implements PartialNumber {
    /**
     * The most digits {@link #bigIntegerValue()} computes for a number with an exponent: the bound Jackson puts on
     * the scale of a {@code BigDecimal} it turns into a {@code BigInteger}. Without one, {@code 1e100000000} (12
     * chars) would compute a power of ten of 100 million digits, seconds of work and 40 MB.
     */
    static final int MAX_BIG_INTEGER_DIGITS = 100_000;

    private final String text;
    private final boolean integral;

    NumberValue(String text, boolean integral) {
        this.text = text;
        this.integral = integral;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean isIntegral() {
        return integral;
    }

    @Override
    public BigDecimal bigDecimalValue() {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // The text is a valid JSON number: only an exponent beyond the range of a scale (an int) fails here.
            ArithmeticException failure = new ArithmeticException("exponent out of range: " + text);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public BigInteger bigIntegerValue() {
        if (integral) {
            return new BigInteger(text);
        }
        BigDecimal value = exactValue();
        // As longValueExact does: a zero, or a non-zero below 1, is decided without rounding, which for an exponent
        // such as 1e-100000000 first computes a power of ten of that many digits.
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        long digits = (long) value.precision() - value.scale();
        if (digits <= 0) {
            throw new ArithmeticException("Rounding necessary");
        }
        if (digits > MAX_BIG_INTEGER_DIGITS) {
            throw new ArithmeticException("too large for a BigInteger: " + text + " has " + digits
                    + " digits, more than the " + MAX_BIG_INTEGER_DIGITS + " computed");
        }
        return value.toBigIntegerExact();
    }

    @Override
    public long longValue() {
        if (integral && text.length() < 19) {
            return Long.parseLong(text);
        }
        return exactValue().longValueExact();
    }

    /**
     * Returns the exact value for a conversion to an integer. An exponent beyond the range of a {@code BigDecimal}'s
     * scale (an int), as in {@code 1e2147483649}, fails there with a {@code NumberFormatException}; such a number is
     * zero, or too large for any integer, or not one (below 1), which the conversions report as they report the others.
     */
    private BigDecimal exactValue() {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 'e' || c == 'E') {
                    return BigDecimal.ZERO;
                }
                if (c >= '1' && c <= '9') {
                    break;
                }
            }
            ArithmeticException failure = new ArithmeticException("exponent out of range: " + text);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    @Override
    public JsonType type() {
        return JsonType.NUMBER;
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    @Override
    public String toJson() {
        return text;
    }

    @Override
    public void appendJson(StringBuilder out) {
        out.append(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
