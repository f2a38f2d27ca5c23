package dev.instructor.json;

/** The one {@code null}. */
final class NullValue implements PartialNull {
    static final NullValue INSTANCE = new NullValue();

    private NullValue() {}

    @Override
    public JsonType type() {
        return JsonType.NULL;
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    @Override
    public String toJson() {
        return "null";
    }

    @Override
    public void appendJson(StringBuilder out) {
        out.append("null");
    }

    @Override
    public String toString() {
        return "null";
    }
}
