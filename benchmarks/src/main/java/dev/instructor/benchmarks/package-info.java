/** JMH benchmarks; see {@code docs/benchmarks.md} for how to run them and the recorded results. */
package dev.instructor.benchmarks;
