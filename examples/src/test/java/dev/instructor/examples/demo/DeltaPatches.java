package dev.instructor.examples.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Applies delta-format patches (docs/wire-format.md, section 5.2) to a value, as a browser client does, failing on
 * anything the format forbids.
 */
final class DeltaPatches {
    private JsonNode value;
    private String cursor;

    JsonNode value() {
        return value;
    }

    void apply(String data) {
        JsonNode patch = RunningDemo.JSON.readTree(data);
        if (patch.isArray()) {
            patch.forEach(this::op);
        } else {
            op(patch);
        }
    }

    private void op(JsonNode op) {
        if (op.isString()) {
            if (cursor == null) {
                throw new AssertionError("bare string without a cursor: " + op);
            }
            append(cursor, op.stringValue());
            return;
        }
        String path = op.get("p").stringValue();
        cursor = path;
        if (op.has("a")) {
            append(path, op.get("a").stringValue());
        } else {
            set(path, op.get("v"));
        }
    }

    private void append(String path, String text) {
        JsonNode old = at(path);
        if (!old.isString()) {
            throw new AssertionError("append to a non-string at " + path);
        }
        set(path, StringNode.valueOf(old.stringValue() + text));
    }

    private void set(String path, JsonNode node) {
        if (path.isEmpty()) {
            value = node.deepCopy();
            return;
        }
        int slash = path.lastIndexOf('/');
        JsonNode parent = at(path.substring(0, slash));
        String token = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(token, node.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            int index = token.equals("-") ? array.size() : Integer.parseInt(token);
            if (index == array.size()) {
                array.add(node.deepCopy());
            } else {
                array.set(index, node.deepCopy());
            }
        } else {
            throw new AssertionError("no container at " + path);
        }
    }

    private JsonNode at(String path) {
        JsonNode node = value == null ? JsonNodeFactory.instance.missingNode() : value.at(path);
        if (node.isMissingNode()) {
            throw new AssertionError("no value at " + path);
        }
        return node;
    }
}
