package dev.instructor.internal.schema;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.groups.Default;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * victools' Jakarta Validation module, with each {@code @Pattern} (and {@code @Email(regexp)}) written as a full match:
 * Bean Validation matches the whole value ({@code Matcher.matches()}), while a JSON Schema {@code pattern} matches
 * anywhere in it, so {@code [a-z]+} would let a model write {@code "Hello"} and {@code ab|cd} would let it write
 * {@code "abcd"}, both rejected afterwards. A pattern already anchored at both ends, with no alternative outside a
 * group, is kept as written; Java's {@code \A} and {@code \z} anchors, which ECMA-262 lacks, become {@code ^}
 * and {@code $}. A pattern with flags ({@code CASE_INSENSITIVE}), which no JSON Schema keyword carries, or with a
 * construct ECMA-262 reads otherwise ({@link EcmaPatterns}) is described instead. Of several ({@code @Pattern.List}),
 * the first that can be written is, and the others are described.
 */
class FullMatchValidationModule extends JakartaValidationModule {
    FullMatchValidationModule(JakartaValidationOption... options) {
        super(options);
    }

    @Override
    protected String resolveStringPattern(MemberScope<?, ?> member) {
        Pattern.List list = member.getType().isInstanceOf(CharSequence.class)
                ? getAnnotationFromFieldOrGetter(member, Pattern.List.class, none -> new Class<?>[0])
                : null;
        if (list != null) {
            // Several @Patterns, which victools does not read: the first one a JSON Schema pattern can carry is
            // written, the others described (UnexpressedConstraints). Lookaheads could combine them into one, but no
            // strict dialect documents lookaheads among the regex features its grammar compiler takes.
            Pattern first = writable(checked(list));
            return first == null ? null : ecmaPattern(first.regexp());
        }
        String written = super.resolveStringPattern(member);
        if (written == null || hasFlags(member)) {
            // A JSON Schema pattern has no flags: written without them it would hold the model to other values than
            // Bean Validation accepts ([a-z]+ case-insensitively to lower case only). Described instead (see
            // UnexpressedConstraints).
            return null;
        }
        return ecmaPattern(written);
    }

    /**
     * victools' lookup, and then, on an {@code Optional} property that victools flattens, the constraints on the type
     * it holds ({@code Optional<@Size(max = 5) String>}), which Bean Validation checks on the value when present.
     */
    @Override
    protected <A extends Annotation> A getAnnotationFromFieldOrGetter(
            MemberScope<?, ?> member, Class<A> type, Function<A, Class<?>[]> groups) {
        A found = super.getAnnotationFromFieldOrGetter(member, type, groups);
        if (found != null || member.isFakeContainerItemScope()) {
            return found;
        }
        return UnexpressedConstraints.ifDefaultGroup(OptionalContents.annotation(member, type), groups);
    }

    /** No {@code maxItems} for a set: it counts the repeats Jackson drops ({@link SetItems}). */
    @Override
    protected Integer resolveArrayMaxItems(MemberScope<?, ?> member) {
        return SetItems.isSet(member.getType()) ? null : super.resolveArrayMaxItems(member);
    }

    /** victools' attributes, and a set's upper bound in words. */
    @Override
    protected void overrideInstanceAttributes(
            ObjectNode node, MemberScope<?, ?> member, SchemaGenerationContext context) {
        super.overrideInstanceAttributes(node, member, context);
        Integer max = SetItems.isSet(member.getType()) ? super.resolveArrayMaxItems(member) : null;
        if (max != null) {
            ConstraintText.appendLater(node, SetItems.maxSentence(max));
        }
    }

    /**
     * Returns the JSON Schema pattern that matches what Bean Validation matches with the Java regular expression
     * {@code regexp} (without flags), or null when ECMA-262 would read some of it otherwise.
     */
    static String ecmaPattern(String regexp) {
        String pattern = withEcmaAnchors(regexp);
        if (!EcmaPatterns.readsAlike(pattern)) {
            return null;
        }
        return matchesWhole(pattern) ? pattern : "^(?:" + pattern + ")$";
    }

    /** Returns the {@code @Pattern}s of {@code list} that the default validation group checks. */
    static List<Pattern> checked(Pattern.List list) {
        List<Pattern> checked = new ArrayList<>();
        for (Pattern pattern : list.value()) {
            List<Class<?>> groups = Arrays.asList(pattern.groups());
            if (groups.isEmpty() || groups.contains(Default.class)) {
                checked.add(pattern);
            }
        }
        return checked;
    }

    /** Returns the first of {@code patterns} a JSON Schema pattern can carry (no flags, read alike), or null. */
    static Pattern writable(List<Pattern> patterns) {
        for (Pattern pattern : patterns) {
            if (pattern.flags().length == 0 && ecmaPattern(pattern.regexp()) != null) {
                return pattern;
            }
        }
        return null;
    }

    /** Returns true when the {@code @Pattern} (or {@code @Email}) victools reads on {@code member} has flags. */
    private boolean hasFlags(MemberScope<?, ?> member) {
        Pattern pattern = getAnnotationFromFieldOrGetter(member, Pattern.class, Pattern::groups);
        if (pattern != null) {
            return pattern.flags().length > 0;
        }
        Email email = getAnnotationFromFieldOrGetter(member, Email.class, Email::groups);
        return email != null && email.flags().length > 0;
    }

    /**
     * Returns {@code pattern} with Java's input anchors {@code \A}, {@code \z} and {@code \Z}, which a JSON Schema
     * (ECMA-262) pattern reads as the letters A and z, written as {@code ^} and {@code $}, which match only at the ends
     * of the value there. ({@code \Z} also matches before a final line break, but a full match must consume it.)
     */
    static String withEcmaAnchors(String pattern) {
        if (pattern.indexOf('\\') < 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length());
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '\\' || i + 1 == pattern.length()) {
                inClass = inClass ? c != ']' : c == '[';
                out.append(c);
                continue;
            }
            char next = pattern.charAt(++i);
            if (next == 'Q') {
                // Quoted up to \E: copied as written.
                int end = pattern.indexOf("\\E", i + 1);
                int stop = end < 0 ? pattern.length() : end + 2;
                out.append(pattern, i - 1, stop);
                i = stop - 1;
            } else if (!inClass && next == 'A') {
                out.append('^');
            } else if (!inClass && (next == 'z' || next == 'Z')) {
                out.append('$');
            } else {
                out.append(c).append(next);
            }
        }
        return out.toString();
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
