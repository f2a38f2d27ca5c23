package dev.instructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Writes the random JSON objects of the fuzz tests: members in order, with earlier keys sometimes repeated. */
final class FuzzJson {
    private FuzzJson() {}

    /** A member: its name, the value written first, and the value a repeat of its key writes. */
    static String[] member(String name, Supplier<String> value) {
        return new String[] {name, value.get(), value.get()};
    }

    /** Writes {@code members} as an object; one in three objects repeats one to three earlier keys, anywhere. */
    static String objectWithRepeats(Random random, List<String[]> members) {
        List<String[]> all = new ArrayList<>(members);
        if (!members.isEmpty()) {
            int repeats = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < repeats; i++) {
                String[] again = members.get(random.nextInt(members.size()));
                all.add(random.nextInt(all.size() + 1), new String[] {again[0], again[2]});
            }
        }
        return write(all);
    }

    /** Writes each member's name and first value as an object, in order. */
    static String write(List<String[]> members) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (String[] member : members) {
            out.append(first ? "" : ",")
                    .append('"')
                    .append(member[0])
                    .append("\":")
                    .append(member[1]);
            first = false;
        }
        return out.append('}').toString();
    }
}
