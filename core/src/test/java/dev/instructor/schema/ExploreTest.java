package dev.instructor.schema;

import com.fasterxml.jackson.annotation.*;
import java.util.*;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExploreTest {
    static final JsonMapper M = JsonMapper.builder().build();

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"x", "sum", "y"})
    record Mid(int x, int y) {
        public int getSum() {
            return x + y;
        }
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Tail(int x, String y) {
        public List<String> getTags() {
            return List.of("a");
        }
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"x", "sum", "y"})
    public static class Bean {
        public int x;
        public int y;

        public int getSum() {
            return x + y;
        }

        public String toString() {
            return x + "," + y;
        }
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Acc(
            int x,

            @JsonProperty(access = JsonProperty.Access.READ_ONLY)
            int y) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_ARRAY)
    sealed interface Mk permits Ln {}

    @JsonTypeName("ln")
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record Ln(int a, String b) implements Mk {}

    record Holder(List<Mk> marks, Mk one) {}

    void tryRead(Class<?> t, String json) {
        try {
            System.out.println("  READ " + json + " -> " + M.readValue(json, t));
        } catch (Exception e) {
            System.out.println("  FAIL " + json + " -> " + e.getMessage().split("\n")[0]);
        }
    }

    @Test
    void explore() {
        System.out.println("T3 " + M.writeValueAsString(new Mid(1, 2)) + " " + M.writeValueAsString(new Tail(1, "b"))
                + " " + M.writeValueAsString(new Acc(1, 2)));
        tryRead(Mid.class, "[1,3,2]");
        tryRead(Mid.class, "[1,\"junk\",2]");
        tryRead(Mid.class, "[1,{\"a\":[1]},2]");
        tryRead(Mid.class, "[1,null,2]");
        tryRead(Mid.class, "[1,2]");
        tryRead(Bean.class, "[1,3,2]");
        tryRead(Bean.class, "[1,2]");
        tryRead(Tail.class, "[1,\"b\",[\"a\"]]");
        tryRead(Tail.class, "[1,\"b\"]");
        tryRead(Tail.class, "[1,\"b\",5]");
        tryRead(Mid.class, "[1,2,3,4]");
        tryRead(Mid.class, "[1,2,\"z\"]");
        tryRead(Tail.class, "[1,\"b\",5,6]");
        tryRead(Bean.class, "[1,2,3,4]");
        tryRead(Acc.class, "[1,2]");
        tryRead(Acc.class, "[1]");
        tryRead(Acc.class, "[1,\"x\"]");
        Ln ln = new Ln(1, "x");
        String h = M.writeValueAsString(new Holder(List.of(ln), ln));
        System.out.println("T5 " + h);
        tryRead(Holder.class, h);
        tryRead(Holder.class, "{\"marks\":[[\"ln\",[1,\"x\"]]],\"one\":[\"ln\",[1,\"x\"]]}");
        System.out.println("T5 schema " + JsonSchemas.generate(Holder.class));
        System.out.println("T3 schema " + JsonSchemas.generate(Mid.class));
    }
}
