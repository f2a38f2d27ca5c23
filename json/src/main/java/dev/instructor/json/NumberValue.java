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
        return integral ? new BigInteger(text) : bigDecimalValue().toBigIntegerExact();
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
