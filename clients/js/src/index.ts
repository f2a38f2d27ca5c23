/**
 * instructor-stream: the browser client of instructor-java's streaming endpoints.
 *
 * {@link streamStructured} is the whole client; the React hook lives in `instructor-stream/react`
 * so that this entry point never imports React. The lower layers are exported for other
 * frameworks and for servers' tests: {@link SseParser}, {@link DeltaDecoder}, {@link Throttle}.
 *
 * @packageDocumentation
 */
export { streamStructured, type DeepPartial, type StreamStructuredOptions } from "./client.js";
export { type WireFormat } from "./events.js";
export {
  HttpError,
  IncompleteStreamError,
  InstructorStreamError,
  ProtocolError,
  StreamError,
  type StreamViolation,
} from "./errors.js";
export { DeltaDecoder, formatPointer, parsePointer, type DeltaOp, type DeltaPatch } from "./delta.js";
export { DEFAULT_MAX_BUFFER_LENGTH, SseParser, type SseEvent, type SseParserHandlers, type SseParserOptions } from "./sse-parser.js";
export { Throttle } from "./throttle.js";
