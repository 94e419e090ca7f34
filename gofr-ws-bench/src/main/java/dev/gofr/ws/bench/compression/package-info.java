/**
 * The compression benchmark: permessage-deflate on and off, for realistic payloads, measured on
 * the wire and in the server's CPU.
 */
@NullMarked
package dev.gofr.ws.bench.compression;

import org.jspecify.annotations.NullMarked;
