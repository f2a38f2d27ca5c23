package dev.instructor;

import dev.instructor.json.JsonPointer;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes and reads violations for the Java serialization of the exceptions that carry them. A {@link Violation} is
 * not {@code Serializable} itself because its rejected value may be any object: here the path goes as its RFC 6901
 * text, and the rejected value only when it is a plain value (text, number, boolean, enum, UUID or {@code java.time}
 * value), otherwise as {@code null}, so one odd value never makes the whole exception unserializable.
 */
final class SerialViolations {
    private SerialViolations() {}

    static void write(ObjectOutputStream out, List<Violation> violations) throws IOException {
        out.writeInt(violations.size());
        for (Violation violation : violations) {
            out.writeObject(violation.path().toString()); // not writeUTF, which stops at 65535 bytes
            out.writeObject(violation.message());
            out.writeObject(plainOrNull(violation.rejectedValue()));
        }
    }

    static List<Violation> read(ObjectInputStream in) throws IOException, ClassNotFoundException {
        int size = in.readInt();
        List<Violation> violations = new ArrayList<>(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
            JsonPointer path = JsonPointer.parse((String) in.readObject());
            String message = (String) in.readObject();
            violations.add(new Violation(path, message, in.readObject()));
        }
        return List.copyOf(violations);
    }

    private static Object plainOrNull(Object value) {
        boolean plain = value instanceof String
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Float
                || value instanceof Short
                || value instanceof Byte
                || value instanceof BigInteger
                || value instanceof BigDecimal
                || value instanceof Enum
                || value instanceof UUID
                || (value instanceof TemporalAccessor
                        && value.getClass().getName().startsWith("java.time."));
        return plain ? value : null;
    }
}
