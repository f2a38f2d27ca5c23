package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;

/**
 * victools' Jakarta Validation module, with each {@code @Pattern} (and {@code @Email(regexp)}) written as a full match:
 * Bean Validation matches the whole value ({@code Matcher.matches()}), while a JSON Schema {@code pattern} matches
 * anywhere in it, so {@code [a-z]+} would let a model write {@code "Hello"} and {@code ab|cd} would let it write
 * {@code "abcd"}, both rejected afterwards. A pattern already anchored at both ends, with no alternative outside a
 * group, is kept as written.
 */
final class FullMatchValidationModule extends JakartaValidationModule {
    FullMatchValidationModule(JakartaValidationOption... options) {
        super(options);
    }

    @Override
    protected String resolveStringPattern(MemberScope<?, ?> member) {
        String pattern = super.resolveStringPattern(member);
        return pattern == null || matchesWhole(pattern) ? pattern : "^(?:" + pattern + ")$";
    }

    /**
     * Returns true when {@code pattern} starts with {@code ^}, ends with an unescaped {@code $}, and has no {@code |}
     * outside a group or class.
     */
    static boolean matchesWhole(String pattern) {
        int end = pattern.length() - 1;
        if (end < 1 || pattern.charAt(0) != '^' || pattern.charAt(end) != '$' || isEscaped(pattern, end)) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int i = 1; i < end; i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++; // the escaped character
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEscaped(String pattern, int at) {
        int backslashes = 0;
        for (int i = at - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
