/** What the library's internal packages share (its threads). Public only so they can use it; not an API. */
package dev.instructor.internal;
