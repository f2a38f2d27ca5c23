import { describe, expect, expectTypeOf, it } from "vitest";
import type { DeepPartial } from "../src/client.js";

// Type-level tests: `npm run typecheck` fails when a type here is wrong; the runtime part only
// shows that the cases exist.

enum Priority {
  Low = "low",
  High = "high",
}

enum Level {
  One = 1,
  Two = 2,
}

interface Task {
  title: string;
  category: "productivity" | "health";
  priority: Priority;
  level: Level;
  done: boolean;
  estimate: number | null;
  tags: ("home" | "work")[];
  owner: { name: string; role: "admin" | "member" };
  id: `task-${number}`;
}

describe("DeepPartial", () => {
  it("types a string-literal union, string enum and template literal as string", () => {
    expectTypeOf<DeepPartial<"productivity" | "health">>().toEqualTypeOf<string>();
    expectTypeOf<DeepPartial<Priority>>().toEqualTypeOf<string>();
    expectTypeOf<DeepPartial<Task>>().toEqualTypeOf<{
      title?: string;
      category?: string;
      priority?: string;
      level?: Level;
      done?: boolean;
      estimate?: number | null;
      tags?: string[];
      owner?: { name?: string; role?: string };
      id?: string;
    }>();
    // What a progress snapshot really carries while the model writes "productivity".
    const partial: DeepPartial<Task> = { category: "prod", tags: ["wo"], owner: { role: "adm" } };
    expect(partial.category).toBe("prod");
  });

  it("keeps numbers, booleans, null and numeric enums as they are", () => {
    expectTypeOf<DeepPartial<number>>().toEqualTypeOf<number>();
    expectTypeOf<DeepPartial<boolean>>().toEqualTypeOf<boolean>();
    expectTypeOf<DeepPartial<null>>().toEqualTypeOf<null>();
    expectTypeOf<DeepPartial<Level>>().toEqualTypeOf<Level>();
    expectTypeOf<DeepPartial<1 | 2>>().toEqualTypeOf<1 | 2>();
    expect(Level.Two).toBe(2);
  });
});
