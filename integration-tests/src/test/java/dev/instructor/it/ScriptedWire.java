package dev.instructor.it;

import dev.instructor.internal.transport.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a scripted answer in a provider's own wire format: the structured output's JSON cut into deltas of a few
 * characters, each in its own event, as the real APIs stream it, with usage and a finish reason. The fake server
 * then cuts the bytes again at random, so events themselves arrive in pieces.
 */
enum ScriptedWire {
    /** OpenAI Chat Completions, forced function call: {@code delta.tool_calls[0].function.arguments}. */
    OPENAI_CHAT_TOOLS {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            sse(
                    out,
                    null,
                    chat(
                            Map.of(
                                    "tool_calls",
                                    List.of(Map.of(
                                            "index",
                                            0,
                                            "id",
                                            toolCallId,
                                            "type",
                                            "function",
                                            "function",
                                            Map.of("name", toolName, "arguments", "")))),
                            null));
            for (String delta : deltas(json, deltaSize)) {
                sse(
                        out,
                        null,
                        chat(
                                Map.of(
                                        "tool_calls",
                                        List.of(Map.of("index", 0, "function", Map.of("arguments", delta)))),
                                null));
            }
            sse(out, null, chat(Map.of(), "tool_calls"));
            return openAiEnd(out);
        }
    },
    /** OpenAI Chat Completions with the answer in {@code delta.content} (JSON_SCHEMA, JSON, compatible servers). */
    OPENAI_CHAT_CONTENT {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            for (String delta : deltas(json, deltaSize)) {
                sse(out, null, chat(Map.of("content", delta), null));
            }
            sse(out, null, chat(Map.of(), "stop"));
            return openAiEnd(out);
        }
    },
    /** OpenAI Chat Completions MD_JSON: prose and a fenced block in {@code delta.content}. */
    OPENAI_CHAT_MARKDOWN {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            return OPENAI_CHAT_CONTENT.answer(
                    "Here you go:\n```json\n" + json + "\n```\nEnjoy!", toolName, toolCallId, deltaSize);
        }
    },
    /** OpenAI Responses API, function call: {@code response.function_call_arguments.delta}. */
    OPENAI_RESPONSES_TOOLS {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            sse(
                    out,
                    "response.created",
                    Map.of("type", "response.created", "response", Map.of("status", "in_progress")));
            sse(
                    out,
                    "response.output_item.added",
                    Map.of(
                            "type",
                            "response.output_item.added",
                            "output_index",
                            0,
                            "item",
                            Map.of("type", "function_call", "name", toolName, "call_id", toolCallId, "arguments", "")));
            for (String delta : deltas(json, deltaSize)) {
                sse(
                        out,
                        "response.function_call_arguments.delta",
                        Map.of("type", "response.function_call_arguments.delta", "output_index", 0, "delta", delta));
            }
            return responsesEnd(out);
        }
    },
    /** OpenAI Responses API, structured text: {@code response.output_text.delta}. */
    OPENAI_RESPONSES_TEXT {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            sse(
                    out,
                    "response.created",
                    Map.of("type", "response.created", "response", Map.of("status", "in_progress")));
            for (String delta : deltas(json, deltaSize)) {
                sse(
                        out,
                        "response.output_text.delta",
                        Map.of("type", "response.output_text.delta", "output_index", 0, "delta", delta));
            }
            return responsesEnd(out);
        }
    },
    /** Anthropic Messages, forced tool use: {@code input_json_delta}. */
    ANTHROPIC_TOOLS {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            anthropicStart(out);
            sse(
                    out,
                    "content_block_start",
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            0,
                            "content_block",
                            Map.of("type", "tool_use", "id", toolCallId, "name", toolName, "input", Map.of())));
            for (String delta : deltas(json, deltaSize)) {
                sse(
                        out,
                        "content_block_delta",
                        Map.of(
                                "type",
                                "content_block_delta",
                                "index",
                                0,
                                "delta",
                                Map.of("type", "input_json_delta", "partial_json", delta)));
            }
            return anthropicEnd(out, "tool_use");
        }
    },
    /** Anthropic Messages, native structured output: {@code text_delta}. */
    ANTHROPIC_TEXT {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            anthropicStart(out);
            sse(
                    out,
                    "content_block_start",
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            0,
                            "content_block",
                            Map.of("type", "text", "text", "")));
            for (String delta : deltas(json, deltaSize)) {
                sse(
                        out,
                        "content_block_delta",
                        Map.of(
                                "type",
                                "content_block_delta",
                                "index",
                                0,
                                "delta",
                                Map.of("type", "text_delta", "text", delta)));
            }
            return anthropicEnd(out, "end_turn");
        }
    },
    /** Gemini {@code streamGenerateContent?alt=sse} with a response schema: text parts. */
    GEMINI_TEXT {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            List<String> deltas = deltas(json, deltaSize);
            for (int i = 0; i < deltas.size(); i++) {
                Map<String, Object> candidate = new java.util.LinkedHashMap<>();
                candidate.put("content", Map.of("role", "model", "parts", List.of(Map.of("text", deltas.get(i)))));
                if (i == deltas.size() - 1) {
                    candidate.put("finishReason", "STOP");
                }
                Map<String, Object> chunk = new java.util.LinkedHashMap<>();
                chunk.put("candidates", List.of(candidate));
                if (i == deltas.size() - 1) {
                    chunk.put(
                            "usageMetadata",
                            Map.of(
                                    "promptTokenCount",
                                    INPUT_TOKENS,
                                    "candidatesTokenCount",
                                    OUTPUT_TOKENS,
                                    "totalTokenCount",
                                    INPUT_TOKENS + OUTPUT_TOKENS));
                }
                sse(out, null, chunk);
            }
            return bytes(out);
        }
    },
    /** Ollama {@code /api/chat}: NDJSON lines of {@code message.content}, then a {@code done} line. */
    OLLAMA_NDJSON {
        @Override
        byte[] answer(String json, String toolName, String toolCallId, int deltaSize) {
            StringBuilder out = new StringBuilder();
            for (String delta : deltas(json, deltaSize)) {
                out.append(write(Map.of(
                                "model", "m", "message", Map.of("role", "assistant", "content", delta), "done", false)))
                        .append('\n');
            }
            out.append(write(Map.of(
                            "model",
                            "m",
                            "message",
                            Map.of("role", "assistant", "content", ""),
                            "done",
                            true,
                            "done_reason",
                            "stop",
                            "prompt_eval_count",
                            INPUT_TOKENS,
                            "eval_count",
                            OUTPUT_TOKENS)))
                    .append('\n');
            return bytes(out);
        }
    };

    static final long INPUT_TOKENS = 11;
    static final long OUTPUT_TOKENS = 7;

    /**
     * Returns the wire bytes of an answer.
     *
     * @param json the structured output
     * @param toolName the tool (schema) name the client asked for
     * @param toolCallId the id of the tool call, where the wire has one
     * @param deltaSize characters per delta
     */
    abstract byte[] answer(String json, String toolName, String toolCallId, int deltaSize);

    static List<String> deltas(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int at = 0; at < text.length(); at += size) {
            out.add(text.substring(at, Math.min(at + size, text.length())));
        }
        return out;
    }

    private static Map<String, Object> chat(Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        return Map.of("id", "chatcmpl-1", "object", "chat.completion.chunk", "choices", List.of(choice));
    }

    private static byte[] openAiEnd(StringBuilder out) {
        sse(
                out,
                null,
                Map.of(
                        "id", "chatcmpl-1",
                        "choices", List.of(),
                        "usage",
                                Map.of(
                                        "prompt_tokens",
                                        INPUT_TOKENS,
                                        "completion_tokens",
                                        OUTPUT_TOKENS,
                                        "total_tokens",
                                        INPUT_TOKENS + OUTPUT_TOKENS)));
        out.append("data: [DONE]\n\n");
        return bytes(out);
    }

    private static byte[] responsesEnd(StringBuilder out) {
        sse(
                out,
                "response.completed",
                Map.of(
                        "type",
                        "response.completed",
                        "response",
                        Map.of(
                                "status",
                                "completed",
                                "usage",
                                Map.of(
                                        "input_tokens",
                                        INPUT_TOKENS,
                                        "output_tokens",
                                        OUTPUT_TOKENS,
                                        "total_tokens",
                                        INPUT_TOKENS + OUTPUT_TOKENS))));
        return bytes(out);
    }

    private static void anthropicStart(StringBuilder out) {
        sse(
                out,
                "message_start",
                Map.of(
                        "type",
                        "message_start",
                        "message",
                        Map.of(
                                "id",
                                "msg_1",
                                "role",
                                "assistant",
                                "usage",
                                Map.of("input_tokens", INPUT_TOKENS, "output_tokens", 1))));
    }

    private static byte[] anthropicEnd(StringBuilder out, String stopReason) {
        sse(out, "content_block_stop", Map.of("type", "content_block_stop", "index", 0));
        sse(
                out,
                "message_delta",
                Map.of(
                        "type", "message_delta",
                        "delta", Map.of("stop_reason", stopReason),
                        "usage", Map.of("output_tokens", OUTPUT_TOKENS)));
        sse(out, "message_stop", Map.of("type", "message_stop"));
        return bytes(out);
    }

    private static void sse(StringBuilder out, String event, Object data) {
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        out.append("data: ").append(write(data)).append("\n\n");
    }

    private static String write(Object value) {
        return Json.MAPPER.writeValueAsString(value);
    }

    private static byte[] bytes(StringBuilder out) {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
