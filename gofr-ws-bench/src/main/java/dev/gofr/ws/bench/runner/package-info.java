/**
 * The runner: starts each server and the load generator as separate pinned processes, repeats
 * and interleaves them, and writes the results and the report.
 */
@NullMarked
package dev.gofr.ws.bench.runner;

import org.jspecify.annotations.NullMarked;
