/**
 * The client behind {@link dev.instructor.Instructor}: one structured run across attempts, the chain of links that
 * decides what an attempt's end means (validation, re-ask, hooks, logging), and the blocking and reactive fronts.
 * Public only so the API package can use it; not an API.
 */
package dev.instructor.internal.client;
