package dev.instructor.internal.binding;

import dev.instructor.ValidationException;
import dev.instructor.Violation;
import dev.instructor.json.JsonParseException;
import dev.instructor.json.JsonPointer;
import dev.instructor.json.PartialJsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Binds the complete answer with Jackson, the source of truth for the final value. A wrapped answer is read from its
 * wrapper member with a streaming parser, not via a tree, so numbers keep the precision {@code readValue} gives them;
 * an array or scalar written without the wrapper is read as the member's value, its errors' paths under the member
 * (see {@link BareValues}).
 * Jackson's errors become a {@link ValidationException} whose violation points where Jackson stopped; so does any
 * other exception that escapes Jackson while it binds.
 */
public final class FinalReader {
    /** Jackson's "(start marker at [Source: ...])" and "(for Object starting at [Source: ...])". */
    private static final Pattern SOURCE_REFERENCE = Pattern.compile(" ?\\([^()\\[]*\\[Source: [^\\]]*\\]\\)");

    private final ObjectMapper mapper;
    private final ObjectReader reader;
    private final ObjectReader memberReader;
    private final String wrapperKey;

    /**
     * @param wrapperKey the wrapper member, or null when the answer is the value itself
     */
    public FinalReader(ObjectMapper mapper, JavaType type, String wrapperKey) {
        this.mapper = mapper;
        this.reader = mapper.readerFor(type);
        // The member is followed by the rest of the wrapper object; trailing tokens are checked after it instead.
        this.memberReader = reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.wrapperKey = wrapperKey;
    }

    /**
     * Returns the value of {@code json}.
     *
     * @throws ValidationException when Jackson cannot bind it
     */
    public Object read(String json) {
        try {
            if (wrapperKey == null) {
                return reader.readValue(json);
            }
            try (JsonParser parser = mapper.createParser(json)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    throw violation("expected an object with member \"" + wrapperKey + "\"", JsonPointer.root());
                }
                if (first != JsonToken.START_OBJECT) {
                    // An array or a scalar is the value written without its wrapper (see BareValues).
                    return checkedEnd(parser, readMember(parser, json));
                }
                Object value = null;
                boolean found = false;
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    // A repeated member: the last one counts, as Jackson binds a repeated property and as the
                    // partials (which show the engine's value for the key) have it.
                    if (name.equals(wrapperKey)) {
                        value = readMember(parser, json);
                        found = true;
                    } else {
                        parser.skipChildren();
                    }
                }
                if (!found) {
                    throw violation("missing member \"" + wrapperKey + "\"", JsonPointer.root());
                }
                return checkedEnd(parser, value);
            }
        } catch (JacksonException e) {
            throw new ValidationException(List.of(new Violation(pointer(e), message(e, json), null)), e);
        } catch (ValidationException e) {
            throw e;
        } catch (RuntimeException e) {
            // Jackson let an exception of a deserializer or creator through unwrapped (at the root, or without
            // WRAP_EXCEPTIONS): it cannot bind the text either.
            throw new ValidationException(List.of(new Violation(JsonPointer.root(), e.toString(), null)), e);
        }
    }

    /** Returns {@code value}, read from the whole text, unless the reader refuses text after it and there is some. */
    private Object checkedEnd(JsonParser parser, Object value) {
        if (reader.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) && parser.nextToken() != null) {
            throw violation("unexpected text after the JSON value", JsonPointer.root());
        }
        return value;
    }

    private Object readMember(JsonParser parser, String json) {
        try {
            return memberReader.readValue(parser);
        } catch (JacksonException e) {
            List<String> segments = new ArrayList<>();
            segments.add(wrapperKey);
            segments.addAll(pointer(e).segments());
            throw new ValidationException(List.of(new Violation(JsonPointer.of(segments), message(e, json), null)), e);
        }
    }

    private static ValidationException violation(String message, JsonPointer path) {
        return new ValidationException(List.of(new Violation(path, message, null)));
    }

    private static JsonPointer pointer(JacksonException e) {
        List<String> segments = new ArrayList<>();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                segments.add(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                segments.add(Integer.toString(reference.getIndex()));
            }
        }
        return JsonPointer.of(segments);
    }

    private static String message(JacksonException e, String json) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return e instanceof StreamReadException && !isJson(json) ? atLocation(message, e.getLocation()) : message;
    }

    /**
     * Whether {@code json} is one valid JSON value. A read error in valid JSON (a number too large for an {@code int},
     * a repeated name Jackson is told to refuse) has its path, and the text may be the engine's rendering of what the
     * model wrote (the streaming path reads that), whose lines and columns are not the model's: only a syntax error
     * gets a location.
     */
    private static boolean isJson(String json) {
        try {
            PartialJsonParser parser = PartialJsonParser.strict();
            parser.feed(json);
            parser.finish();
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }

    /**
     * Says where in the text a syntax error is: the message goes back to the model, and to the caller, with the answer.
     * Jackson's own references to where an unclosed object or array started name a source it was told not to show and
     * no position, so they are left out.
     */
    private static String atLocation(String message, TokenStreamLocation location) {
        String bare = SOURCE_REFERENCE.matcher(message).replaceAll("");
        if (location == null || location.getLineNr() <= 0) {
            return bare;
        }
        return bare + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
