package dev.instructor.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/** A complete JSON number, kept as its text; conversions are computed on demand. */
final class NumberValue implements PartialNumber {
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
        return new BigDecimal(text);
    }

    @Override
    public BigInteger bigIntegerValue() {
        if (integral) {
            return new BigInteger(text);
        }
        BigDecimal value = bigDecimalValue();
        // As longValueExact does: a zero, or a non-zero below 1, is decided without rounding, which for an exponent
        // such as 1e-100000000 first computes a power of ten of that many digits.
        if (value.signum() == 0) {
            return BigInteger.ZERO;
        }
        if (value.precision() - value.scale() <= 0) {
            throw new ArithmeticException("Rounding necessary");
        }
        return value.toBigIntegerExact();
    }

    @Override
    public long longValue() {
        if (integral && text.length() < 19) {
            return Long.parseLong(text);
        }
        return bigDecimalValue().longValueExact();
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
