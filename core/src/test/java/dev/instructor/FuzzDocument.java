package dev.instructor;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated JSON document kept as a tree, so that a failing one can be shrunk and written with its repeated keys
 * resolved as the streaming engine resolves them (the last value, at the first key's position).
 */
sealed interface FuzzDocument {
    /** A scalar already written as JSON. */
    record Scalar(String json) implements FuzzDocument {}

    /** An array. */
    record Items(List<FuzzDocument> items) implements FuzzDocument {}

    /** An object, keys in written order, repeats included. */
    record Members(List<Member> members) implements FuzzDocument {}

    /** One member of an object. */
    record Member(String key, FuzzDocument value) {}

    /** Returns the JSON text. */
    default String json() {
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        if (this instanceof Scalar scalar) {
            out.append(scalar.json());
        } else if (this instanceof Items array) {
            out.append('[');
            for (int i = 0; i < array.items().size(); i++) {
                out.append(i == 0 ? "" : ",");
                array.items().get(i).write(out);
            }
            out.append(']');
        } else {
            out.append('{');
            boolean first = true;
            for (Member member : ((Members) this).members()) {
                out.append(first ? "" : ",").append(quote(member.key())).append(':');
                member.value().write(out);
                first = false;
            }
            out.append('}');
        }
    }

    /** Returns the documents one step smaller: a member or item left out, or one of them shrunk. */
    default List<FuzzDocument> shrinks() {
        List<FuzzDocument> out = new ArrayList<>();
        if (this instanceof Items array) {
            List<FuzzDocument> items = array.items();
            for (int i = 0; i < items.size(); i++) {
                List<FuzzDocument> fewer = new ArrayList<>(items);
                fewer.remove(i);
                out.add(new Items(fewer));
            }
            for (int i = 0; i < items.size(); i++) {
                for (FuzzDocument smaller : items.get(i).shrinks()) {
                    List<FuzzDocument> changed = new ArrayList<>(items);
                    changed.set(i, smaller);
                    out.add(new Items(changed));
                }
            }
        } else if (this instanceof Members object) {
            List<Member> members = object.members();
            for (int i = 0; i < members.size(); i++) {
                List<Member> fewer = new ArrayList<>(members);
                fewer.remove(i);
                out.add(new Members(fewer));
            }
            for (int i = 0; i < members.size(); i++) {
                for (FuzzDocument smaller : members.get(i).value().shrinks()) {
                    List<Member> changed = new ArrayList<>(members);
                    changed.set(i, new Member(members.get(i).key(), smaller));
                    out.add(new Members(changed));
                }
            }
        }
        return out;
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < ' ') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
