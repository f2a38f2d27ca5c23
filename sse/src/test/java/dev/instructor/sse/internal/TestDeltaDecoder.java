package dev.instructor.sse.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of the delta format written from docs/wire-format.md section 5.2 alone, strict about every rule: what
 * the server's patches must satisfy.
 */
public final class TestDeltaDecoder {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonNode value;
    private List<String> cursor;

    /** Returns the value so far, null while absent. */
    public JsonNode value() {
        return value;
    }

    /** Forgets value and cursor, as {@code restart} does. */
    public void reset() {
        value = null;
        cursor = null;
    }

    /**
     * Applies one patch event's data.
     *
     * @throws IllegalStateException on any protocol error
     */
    public void apply(String data) {
        JsonNode patch = MAPPER.readTree(data);
        if (patch.isArray()) {
            if (patch.size() == 0) {
                throw new IllegalStateException("empty patch " + data);
            }
            for (JsonNode op : patch) {
                applyOp(op);
            }
        } else {
            applyOp(patch);
        }
    }

    private void applyOp(JsonNode op) {
        if (op.isString()) {
            if (cursor == null) {
                throw new IllegalStateException("text op without cursor");
            }
            append(cursor, op.stringValue());
            return;
        }
        if (!op.isObject() || op.size() != 2 || !op.has("p") || !op.get("p").isString()) {
            throw new IllegalStateException("bad op " + op);
        }
        List<String> tokens = parsePointer(op.get("p").stringValue());
        if (op.has("v")) {
            set(tokens, op.get("v").deepCopy());
        } else if (op.has("a") && op.get("a").isString()) {
            append(tokens, op.get("a").stringValue());
        } else {
            throw new IllegalStateException("bad op " + op);
        }
        cursor = tokens;
    }

    private void set(List<String> tokens, JsonNode node) {
        if (tokens.isEmpty()) {
            value = node;
            return;
        }
        JsonNode parent = resolve(tokens.subList(0, tokens.size() - 1));
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, node);
        } else if (parent instanceof ArrayNode array) {
            int index = last.equals("-") ? array.size() : index(last);
            if (index > array.size()) {
                throw new IllegalStateException("index " + index + " past " + array.size());
            }
            if (index == array.size()) {
                array.add(node);
            } else {
                array.set(index, node);
            }
        } else {
            throw new IllegalStateException("parent not a container at " + tokens);
        }
    }

    private void append(List<String> tokens, String text) {
        JsonNode target = resolve(tokens);
        if (!target.isString()) {
            throw new IllegalStateException("append to non-string at " + tokens);
        }
        set(tokens, JsonNodeFactory.instance.stringNode(target.stringValue() + text));
    }

    private JsonNode resolve(List<String> tokens) {
        JsonNode node = value;
        if (node == null) {
            throw new IllegalStateException("value absent");
        }
        for (String token : tokens) {
            JsonNode next = node.isArray() ? node.get(index(token)) : node.isObject() ? node.get(token) : null;
            if (next == null) {
                throw new IllegalStateException("no " + token + " in " + node);
            }
            node = next;
        }
        return node;
    }

    private static int index(String token) {
        if (!token.matches("0|[1-9][0-9]*")) {
            throw new IllegalStateException("bad index " + token);
        }
        return Integer.parseInt(token);
    }

    static List<String> parsePointer(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (!pointer.startsWith("/")) {
            throw new IllegalStateException("bad pointer " + pointer);
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            if (raw.matches(".*~([^01]|$).*")) {
                throw new IllegalStateException("bad escape " + pointer);
            }
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
