/**
 * Implementation of {@code dev.instructor.schema}: the victools configuration and the per-provider rewrites. Not API;
 * public only so that the API package can reach it.
 */
package dev.instructor.internal.schema;
