package dev.instructor.gemini;

import dev.instructor.internal.transport.EventSink;
import dev.instructor.internal.transport.Json;
import dev.instructor.internal.transport.ProviderError;
import dev.instructor.internal.transport.SseEvent;
import dev.instructor.internal.transport.StreamDecoder;
import dev.instructor.internal.transport.TokenCounts;
import dev.instructor.spi.Mode;
import dev.instructor.spi.ProviderEvent;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Decodes a {@code streamGenerateContent?alt=sse} stream. Gemini has no end marker: the outcome follows from the
 * last {@code finishReason} when the body ends. Only the candidate with index 0 counts; thought parts and server-side
 * tool parts (search calls and results) are skipped. Function call arguments arrive whole, as one delta.
 */
final class GeminiDecoder implements StreamDecoder {
    private static final Set<String> FILTERED = Set.of(
            "SAFETY",
            "RECITATION",
            "BLOCKLIST",
            "PROHIBITED_CONTENT",
            "SPII",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION");
    // The other documented reasons that say the generation stopped short of an answer. A reason documented after
    // this was written ends the answer as complete, as the other decoders do with theirs.
    private static final Set<String> STOPPED = Set.of(
            "FINISH_REASON_UNSPECIFIED",
            "OTHER",
            "LANGUAGE",
            "IMAGE_OTHER",
            "NO_IMAGE",
            "TOO_MANY_TOOL_CALLS",
            "MISSING_THOUGHT_SIGNATURE",
            "MALFORMED_RESPONSE");

    private final Mode mode;
    private final String functionName;
    private JsonNode usage;
    private String finishReason;
    private String finishMessage = "";
    private boolean called;
    private PartialArgsWriter partialArgs;

    GeminiDecoder(Mode mode, String functionName) {
        this.mode = mode;
        this.functionName = functionName;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        if (event.event().equals("error")) {
            // Gemini names no events, so this is a proxy's or a compatible server's error, maybe in plain text.
            error(ProviderError.fromEventData(event.data()), sink);
            return;
        }
        JsonNode chunk = Json.parse(event.data());
        if (Json.present(chunk, "error")) {
            error(ProviderError.fromJson(chunk), sink);
            return;
        }
        if (chunk.path("usageMetadata").isObject()) {
            usage = chunk.path("usageMetadata");
        }
        String blocked = Json.string(chunk.path("promptFeedback"), "blockReason");
        if (blocked != null) {
            // A blocked prompt is still billed for its tokens, which this chunk's usageMetadata counts.
            emitUsage(sink);
            sink.contentFiltered(blocked);
            return;
        }
        JsonNode candidate = firstCandidate(chunk.path("candidates"));
        for (JsonNode part : candidate.path("content").path("parts")) {
            part(part, sink);
        }
        String finish = Json.string(candidate, "finishReason");
        if (finish != null && !finish.isEmpty()) { // "" is no reason, as in Chat Completions
            finishReason = finish;
            finishMessage = Json.text(candidate, "finishMessage");
        }
    }

    private void error(ProviderError error, EventSink sink) {
        // The tokens the earlier chunks counted were used all the same: report them with the error.
        emitUsage(sink);
        sink.streamError(error);
    }

    /**
     * Returns the candidate with index 0, or a missing node. With {@code candidateCount} above 1 a chunk lists the
     * candidates that advanced, in no set order, so position says nothing; JSON leaves an index of 0 out.
     */
    private static JsonNode firstCandidate(JsonNode candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.path("index").asLong(0) == 0) {
                return candidate;
            }
        }
        return MissingNode.getInstance();
    }

    private void part(JsonNode part, EventSink sink) {
        if (part.path("thought").asBoolean(false)) {
            return;
        }
        String text = Json.string(part, "text");
        if (text != null && mode != Mode.TOOLS) {
            sink.text(text);
        }
        JsonNode call = part.path("functionCall");
        if (mode != Mode.TOOLS || !call.isObject()) {
            return;
        }
        if (!called && functionName.equals(Json.string(call, "name"))) {
            called = true;
            // Gemini 3 wants the part's thoughtSignature back when the call is replayed in a re-ask. A call without
            // an id gets "", which the re-ask replaces with one per attempt rather than "call_0" in every attempt.
            sink.emit(new ProviderEvent.ToolCall(
                    Json.text(call, "id"), functionName, Json.string(part, "thoughtSignature")));
            if (call.path("args").isObject()) {
                sink.text(Json.MAPPER.writeValueAsString(call.path("args")));
            } else {
                // Vertex streamFunctionCallArguments: the arguments follow as path-addressed pieces.
                partialArgs = new PartialArgsWriter(sink::text);
            }
            return;
        }
        if (partialArgs == null) {
            return;
        }
        for (JsonNode entry : call.path("partialArgs")) {
            partialArgs.accept(entry);
        }
        // Without willContinue this is the call's last part, whether an empty one or one with the last pieces.
        if (!call.path("willContinue").asBoolean(false)) {
            partialArgs.finish();
        }
    }

    @Override
    public void onEnd(EventSink sink) {
        if (partialArgs != null && "STOP".equals(finishReason)) {
            partialArgs.finish();
        }
        emitUsage(sink);
        if (finishReason == null) {
            sink.incomplete("stream ended without a finishReason");
        } else if (finishReason.equals("STOP")) {
            sink.complete(finishReason);
        } else if (finishReason.equals("MAX_TOKENS")) {
            sink.truncated(finishReason);
        } else if (FILTERED.contains(finishReason)) {
            sink.contentFiltered(finishReason);
        } else if (finishReason.equals("MALFORMED_FUNCTION_CALL") || finishReason.equals("UNEXPECTED_TOOL_CALL")) {
            // The model's mistake, which it may not repeat: the client re-asks it. finishMessage holds the call.
            sink.invalidToolCall(finishReason, finishMessage);
        } else if (STOPPED.contains(finishReason)) {
            sink.streamError(new ProviderError(finishReason, "generation stopped: " + finishReason));
        } else {
            // A reason newer than this decoder: what arrived is the answer, which the final validation then judges.
            sink.complete(finishReason);
        }
    }

    private void emitUsage(EventSink sink) {
        if (usage != null) {
            // Tool-use prompts (Google Search results, fetched URLs) are billed input, counted beside the prompt.
            long input = Math.max(0, TokenCounts.read(usage, "promptTokenCount"))
                    + Math.max(0, TokenCounts.read(usage, "toolUsePromptTokenCount"));
            long total = TokenCounts.read(usage, "totalTokenCount");
            // Output = everything generated, thoughts included, which Gemini counts outside candidatesTokenCount.
            long output = total >= input ? total - input : TokenCounts.read(usage, "candidatesTokenCount");
            sink.emit(TokenCounts.usage(input, output, -1));
        }
    }
}
