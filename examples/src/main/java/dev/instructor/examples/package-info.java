/** Runnable example programs. */
package dev.instructor.examples;
