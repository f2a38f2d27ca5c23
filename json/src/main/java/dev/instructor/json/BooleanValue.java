package dev.instructor.json;

/** {@code true} or {@code false}; two shared instances. */
final class BooleanValue implements PartialBoolean {
    static final BooleanValue TRUE = new BooleanValue(true);
    static final BooleanValue FALSE = new BooleanValue(false);

    private final boolean value;

    private BooleanValue(boolean value) {
        this.value = value;
    }

    static BooleanValue of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public boolean value() {
        return value;
    }

    @Override
    public JsonType type() {
        return JsonType.BOOLEAN;
    }

    @Override
    public boolean isComplete() {
        return true;
    }

    @Override
    public String toJson() {
        return value ? "true" : "false";
    }

    @Override
    public void appendJson(StringBuilder out) {
        out.append(value);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
