package dev.instructor.internal.binding;

import dev.instructor.json.JsonType;
import dev.instructor.json.PartialObject;
import dev.instructor.json.PartialValue;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JavaType;

/**
 * A {@code Map<String, V>}: members in written order, values bound once per completed node. The map itself is an
 * unmodifiable copy per partial (O(members)); open values that cannot be shown yet are left out.
 */
public final class MapShape extends Shape {
    private Shape content;

    MapShape(JavaType type) {
        super(type);
    }

    void content(Shape content) {
        this.content = content;
    }

    /** Returns the shape of the values. */
    public Shape content() {
        return content;
    }

    @Override
    public boolean showsIncomplete() {
        return true;
    }

    @Override
    public Shape child(PartialValue value, String segment) {
        return content;
    }

    @Override
    Object bindValue(PartialValue value, Slot slot, BindContext context) {
        if (!(value instanceof PartialObject)) {
            if (value.type() == JsonType.NULL) {
                return bindNull();
            }
            if (value.isComplete()) {
                throw new SkipPartial("expected an object for " + type.toCanonical() + ", got " + describe(value));
            }
            return ABSENT;
        }
        PartialObject object = (PartialObject) value;
        Slot[] slots = (Slot[]) slot.state;
        int size = object.size();
        if (slots == null || slots.length < size) {
            int old = slots == null ? 0 : slots.length;
            slots = slots == null ? new Slot[Math.max(4, size)] : Arrays.copyOf(slots, Math.max(size, old * 2));
            slot.state = slots;
        }
        Map<String, Object> map = new LinkedHashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (slots[i] == null) {
                slots[i] = new Slot();
            }
            String key = object.keyAt(i);
            context.push(key);
            Object bound = content.bind(object.valueAt(i), slots[i], context);
            if (bound == ABSENT) {
                context.drop();
            } else {
                map.put(key, bound);
            }
            context.pop();
        }
        return Collections.unmodifiableMap(map);
    }
}
