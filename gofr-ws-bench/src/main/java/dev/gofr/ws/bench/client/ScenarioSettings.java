package dev.gofr.ws.bench.client;

/**
 * The sizes of the scenarios: the figures, or small ones for a smoke run of seconds.
 */
record ScenarioSettings(int size, int echoConnections, int inFlight, int warmupSeconds, int durationSeconds,
		int fanoutConnections, int broadcasts, int warmupRounds, int rounds, int roundTimeoutSeconds,
		int cutOffWaitSeconds, int pacedIntervalMs, int pacedWarmupMessages, int pacedMessages, int idleConnections,
		int heartbeatConnections, int settleSeconds, int heartbeatSeconds, int handshakeWarmup, int handshakes,
		int handshakeConcurrency, int chatMembers, int chatSenders, int chatSays, int chatText, int manyConnections,
		int manyPerSource, int manySettleSeconds, int manyRestSeconds) {

	static ScenarioSettings of(boolean quick) {
		if (quick) {
			return new ScenarioSettings(64, 10, 10, 1, 2, 200, 50, 1, 1, 10, 0, 10, 50, 100, 300, 500, 1, 3, 50, 200,
					16, 100, 4, 20, 32, 600, 300, 1, 3);
		}
		// cut-off wait: gofr-ws's and the decorator's 10 s send timeout, plus a sweep and a margin
		// paced: one broadcast every 10 ms, 2 s of warm-up, 10 s measured
		// chat: 1,000 members of one room, 4 senders, 200 says of 32 B text a round (200,000 deliveries)
		// c100k: 100,000 idle connections (fewer where the open-file limit is lower), 25,000 from each
		// loopback address (below Linux's 28,232 ephemeral ports; the quick run uses two addresses),
		// 10 s to settle, then 65 s at rest: two rounds of the default 30 s heartbeat
		return new ScenarioSettings(64, 50, 10, 5, 15, 2000, 200, 1, 1, 30, 13, 10, 200, 1000, 5000, 10_000, 5, 20,
				500, 4000, 32, 1000, 4, 200, 32, 100_000, 25_000, 10, 65);
	}

	/**
	 * The same settings with another message size.
	 * @param bytes bytes of each message the echo and fan-out scenarios send, at least 32 (their stamp)
	 * @return the settings
	 */
	ScenarioSettings withSize(int bytes) {
		if (bytes < 32) {
			throw new IllegalArgumentException("--size must be at least 32 bytes, the messages' stamp; was " + bytes);
		}
		return new ScenarioSettings(bytes, this.echoConnections, this.inFlight, this.warmupSeconds, this.durationSeconds,
				this.fanoutConnections, this.broadcasts, this.warmupRounds, this.rounds, this.roundTimeoutSeconds,
				this.cutOffWaitSeconds, this.pacedIntervalMs, this.pacedWarmupMessages, this.pacedMessages,
				this.idleConnections, this.heartbeatConnections, this.settleSeconds, this.heartbeatSeconds,
				this.handshakeWarmup, this.handshakes, this.handshakeConcurrency, this.chatMembers, this.chatSenders,
				this.chatSays, this.chatText, this.manyConnections, this.manyPerSource, this.manySettleSeconds,
				this.manyRestSeconds);
	}

}
