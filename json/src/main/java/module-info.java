/**
 * The incremental partial-JSON engine: a parser fed text or UTF-8 bytes a chunk at a time that can say, after every
 * chunk, what the value looks like so far. No dependencies.
 */
module dev.instructor.json {
    exports dev.instructor.json;
}
