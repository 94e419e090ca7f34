package dev.gofr.ws.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gofr.ws.connection.ConnectionListener;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.error.WsErrorCode;
import dev.gofr.ws.error.WsException;
import dev.gofr.ws.route.ErrorPolicy;
import dev.gofr.ws.route.MessageType;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import dev.gofr.ws.route.WsRoute;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.CloseStatus;

import static org.awaitility.Awaitility.await;

/**
 * The application the integration tests run: one route per behaviour under test.
 */
@SpringBootApplication
public class TestApplication {

	/** Floods whose messages are all queued. */
	static final java.util.concurrent.atomic.AtomicInteger FLOODS_QUEUED = new java.util.concurrent.atomic.AtomicInteger();

	/** Handshakes refused, as endpoint:reason. */
	static final List<String> REJECTED = new CopyOnWriteArrayList<>();

	/** Connections closed, as the listener saw them. */
	static final List<CloseStatus> CLOSED = new CopyOnWriteArrayList<>();

	/** The same, by connection id: what one test's own connection ended with, whatever other contexts close. */
	static final Map<String, CloseStatus> CLOSED_BY_ID = new ConcurrentHashMap<>();

	/**
	 * Wait for a close with the given reason among those recorded after a point.
	 * @param before how many closes were recorded before
	 * @param reason the close reason
	 * @param timeout how long to wait
	 * @return the first such close
	 */
	static CloseStatus awaitClosed(int before, String reason, Duration timeout) {
		await().atMost(timeout)
			.until(() -> CLOSED.stream().skip(before).anyMatch((status) -> reason.equals(status.getReason())));
		return CLOSED.stream().skip(before).filter((status) -> reason.equals(status.getReason())).findFirst().orElseThrow();
	}

	@Bean
	WsRoute echoRoute() {
		return WsRoute.of("/ws/echo", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute textOnlyRoute() {
		return WsRoute.of("/ws/text-only", (connection, message) -> message.payload()).accepting(MessageType.TEXT);
	}

	@Bean
	WsHandler failingHandler() {
		return (connection, message) -> switch (message.text()) {
			case "boom" -> throw new IllegalStateException("bug in the handler");
			case "deny" -> throw new WsException(WsErrorCode.FORBIDDEN, "not yours");
			case "json" -> message.bind(Greeting.class);
			default -> message.text();
		};
	}

	@Bean
	WsRoute failingRoute(WsHandler failingHandler) {
		return WsRoute.of("/ws/failing", failingHandler);
	}

	@Bean
	WsRoute failClosingRoute(WsHandler failingHandler) {
		return WsRoute.of("/ws/failing-closes", failingHandler).withName("failingCloses")
			.withErrorPolicy(ErrorPolicy.CLOSE);
	}

	@Bean
	WsRoute openFailsRoute() {
		return WsRoute.of("/ws/open-fails", new WsHandler() {

			@Override
			public Object onMessage(WsConnection connection, WsMessage message) {
				return message.payload();
			}

			@Override
			public void onOpen(WsConnection connection) {
				throw new IllegalStateException("cannot open");
			}

		});
	}

	/**
	 * On {@code "go <threads> <messages>"}: that many threads send that many numbered messages
	 * each, all at once, on this one connection.
	 */
	@Bean
	WsRoute concurrentRoute() {
		return WsRoute.of("/ws/concurrent", (connection, message) -> {
			String[] words = message.text().split(" ");
			int threads = Integer.parseInt(words[1]);
			int messages = Integer.parseInt(words[2]);
			List<Thread> senders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				senders.add(new Thread(() -> {
					for (int i = 0; i < messages; i++) {
						if ((i & 1) == 0) {
							connection.sendText(thread + ":" + i + ":" + "x".repeat(i % 100));
						}
						else {
							connection.sendBinary(Payloads.binary(thread, i));
						}
					}
				}));
			}
			senders.forEach(Thread::start);
			return null;
		});
	}

	/** On {@code "flood <n>"}: queues n numbered messages at once. */
	@Bean
	WsRoute floodRoute() {
		return WsRoute.of("/ws/flood", (connection, message) -> {
			int count = Integer.parseInt(message.text().split(" ")[1]);
			for (int i = 0; i < count; i++) {
				connection.sendText("m" + i);
			}
			FLOODS_QUEUED.incrementAndGet();
			return null;
		});
	}

	/** On {@code "blast <n> <size>"}: queues n messages of size characters at once. */
	@Bean
	WsRoute blastRoute() {
		return WsRoute.of("/ws/blast", (connection, message) -> {
			String[] words = message.text().split(" ");
			String payload = "b".repeat(Integer.parseInt(words[2]));
			for (int i = Integer.parseInt(words[1]); i > 0 && connection.isOpen(); i--) {
				connection.sendText(payload);
			}
			return null;
		});
	}

	/** The route whose heartbeat the properties of the heartbeat tests turn off. */
	@Bean
	WsRoute quietRoute() {
		return WsRoute.of("/ws/quiet", (connection, message) -> message.payload());
	}

	/** The route whose heartbeat the properties of the heartbeat tests make faster. */
	@Bean
	WsRoute hastyRoute() {
		return WsRoute.of("/ws/hasty", (connection, message) -> message.payload());
	}

	/**
	 * On {@code "heartbeat off"} or {@code "heartbeat <ping ms> <pong wait ms>"}: changes this
	 * connection's heartbeat; echoes everything else.
	 */
	@Bean
	WsRoute ownHeartbeatRoute() {
		return WsRoute.of("/ws/own-heartbeat", (connection, message) -> {
			String[] words = message.text().split(" ");
			if (words[0].equals("heartbeat")) {
				if (words[1].equals("off")) {
					connection.heartbeat(dev.gofr.ws.heartbeat.HeartbeatSettings.OFF);
				}
				else {
					connection.heartbeat(java.time.Duration.ofMillis(Long.parseLong(words[1])),
							java.time.Duration.ofMillis(Long.parseLong(words[2])));
				}
				return "ok";
			}
			return message.payload();
		});
	}

	/**
	 * Echoes every message, except the text {@code "who"}: answered with the connection's id,
	 * subprotocol and extensions, separated by spaces.
	 */
	static WsHandler negotiationReporter() {
		return (connection, message) -> "who".equals(message.payload())
				? connection.id() + " " + connection.subprotocol() + " " + connection.info().extensions()
				: message.payload();
	}

	/**
	 * Speaks {@code chat.v1} in code; the subprotocol tests' properties replace it with
	 * {@code chat.v2, chat.v1}.
	 */
	@Bean
	WsRoute negotiatedRoute() {
		return WsRoute.of("/ws/negotiated", negotiationReporter()).withSubprotocols("chat.v1");
	}

	/** The route whose subprotocols, required, the subprotocol tests' properties set. */
	@Bean
	WsRoute strictRoute() {
		return WsRoute.of("/ws/strict", negotiationReporter());
	}

	/** The route whose compression the compression tests' properties turn off. */
	@Bean
	WsRoute uncompressedRoute() {
		return WsRoute.of("/ws/uncompressed", negotiationReporter());
	}

	/** Routes whose limits the properties of the limit tests set. */
	@Bean
	WsRoute limitedRoute() {
		return WsRoute.of("/ws/limited", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute perIpRoute() {
		return WsRoute.of("/ws/per-ip", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute throttledRoute() {
		return WsRoute.of("/ws/throttled", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute churnRoute() {
		return WsRoute.of("/ws/churn", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute rateLimitedRoute() {
		return WsRoute.of("/ws/rate-limited", (connection, message) -> message.payload());
	}

	@Bean
	WsRoute rateClosedRoute() {
		return WsRoute.of("/ws/rate-closed", (connection, message) -> message.payload());
	}

	/**
	 * Route interceptors that reply, transform, reject and close, after the global one.
	 */
	@Bean
	WsRoute interceptedRoute() {
		dev.gofr.ws.interceptor.MessageInterceptor order = (connection, message, chain) -> {
			if (connection.get("global") == null) {
				throw new IllegalStateException("the global interceptor should run first");
			}
			return chain.proceed(connection, message);
		};
		dev.gofr.ws.interceptor.MessageInterceptor actions = (connection, message, chain) -> switch (message.text()) {
			case "ping?" -> "pong!"; // reply without the handler
			case "shout" -> chain.proceed(connection, WsMessage.text("SHOUT", new dev.gofr.ws.codec.JacksonPayloadCodec()));
			case "bad" -> throw new WsException(WsErrorCode.INVALID_PAYLOAD, "bad is not allowed");
			case "bye" -> {
				connection.close(1000, "asked to leave");
				yield null;
			}
			default -> chain.proceed(connection, message);
		};
		return WsRoute.of("/ws/intercepted", (connection, message) -> "handled " + message.text(), order, actions);
	}

	@Bean
	dev.gofr.ws.interceptor.MessageInterceptor globalInterceptor() {
		return (connection, message, chain) -> {
			if (connection.endpoint().equals("intercepted")) { // leaves the other tests' metadata alone
				connection.set("global", Boolean.TRUE);
			}
			return chain.proceed(connection, message);
		};
	}

	/** Chat-like commands validated by a JSON Schema and by Bean Validation. */
	@Bean
	WsRoute validatedRoute(jakarta.validation.Validator validator) {
		String schema = """
				{"type":"object","required":["type","room"],
				 "properties":{"type":{"enum":["join","say"]},"room":{"type":"string","minLength":1,"maxLength":16}}}
				""";
		return WsRoute.of("/ws/validated", (connection, message) -> "valid",
				dev.gofr.ws.interceptor.JsonSchemaInterceptor.of(schema),
				new dev.gofr.ws.interceptor.BeanValidationInterceptor<>(Command.class, validator));
	}

	record Command(String type, @jakarta.validation.constraints.Size(max = 8) String room,
			@jakarta.validation.constraints.NotBlank(message = "must not be blank for say") String text) {
	}

	/** Needs a user at the handshake; each message needs the user to still be allowed. */
	@Bean
	WsRoute securedRoute() {
		return WsRoute.of("/ws/secured", (connection, message) -> "hello " + connection.principal().getName(),
				dev.gofr.ws.interceptor.AuthorizationInterceptor.require((principal) -> !REVOKED.contains(principal.getName()),
						"a user that is not revoked"))
			.authenticated();
	}

	/** Users whose rights were revoked after they connected. */
	static final java.util.Set<String> REVOKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** {@code ?token=good-<name>} authenticates as name; {@code ?token=blocked} is forbidden. */
	@Bean
	dev.gofr.ws.handshake.HandshakeAuthenticator tokenAuthenticator() {
		return (request) -> {
			String query = request.getURI().getQuery();
			if (query == null || !query.startsWith("token=")) {
				return null;
			}
			String token = query.substring("token=".length());
			if (token.equals("blocked")) {
				throw new WsException(WsErrorCode.FORBIDDEN, "blocked");
			}
			if (!token.startsWith("good-")) {
				throw new WsException(WsErrorCode.UNAUTHORIZED, "bad token");
			}
			String name = token.substring("good-".length());
			return () -> name;
		};
	}

	@Bean
	ConnectionListener recordingListener() {
		return new ConnectionListener() {

			@Override
			public void closed(WsConnection connection, CloseStatus status) {
				CLOSED_BY_ID.put(connection.id(), status);
				CLOSED.add(status);
			}

			@Override
			public void rejected(String endpoint, String reason) {
				REJECTED.add(endpoint + ":" + reason);
			}

		};
	}

	record Greeting(String hello) {
	}

}
