package dev.gofr.ws.bench.compression;

/**
 * The figures of one payload in one run.
 *
 * @param payload the payload
 * @param deflate whether the server accepted permessage-deflate
 * @param messages messages echoed in the measured window
 * @param messagesPerSecond echoes per second
 * @param serverCpuUsPerMessage server CPU time per echoed message (receive, inflate, handle,
 * deflate, send), in microseconds
 * @param clientCpuCores the client process's CPU time over the window, in cores (1.0 = one core
 * busy all the time); near 1 the client, pinned to one core, limits the throughput
 * @param wireBytesUpPerMessage bytes on the wire from client to server per message
 * @param wireBytesDownPerMessage bytes on the wire from server to client per message
 * @param payloadBytes the average payload size, in bytes
 */
public record CompressionResult(CompressionPayload payload, boolean deflate, long messages, double messagesPerSecond,
		double serverCpuUsPerMessage, double clientCpuCores, double wireBytesUpPerMessage,
		double wireBytesDownPerMessage, double payloadBytes) {

}
