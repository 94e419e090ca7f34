package dev.gofr.ws.autoconfigure.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.gofr.ws.autoconfigure.actuate.WebSocketClusterHealthIndicator;
import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint;
import dev.gofr.ws.cluster.ClusterNodes;
import dev.gofr.ws.cluster.ClusterRelay;
import dev.gofr.ws.test.WsTestClient;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One node of a cluster under test: the {@link ClusterTestApplication} on a random port, in its
 * own application context.
 */
final class ClusterNode implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final ConfigurableApplicationContext context;

	private final String id;

	private final String channel;

	private ClusterNode(ConfigurableApplicationContext context, String id, String channel) {
		this.context = context;
		this.id = id;
		this.channel = channel;
	}

	/**
	 * Start a node.
	 * @param id the node id
	 * @param redisPort the port of the Redis the cluster shares
	 * @param channel the channel, unique to the test so that concurrent builds do not meet
	 * @param extra further properties
	 * @return the running node
	 */
	static ClusterNode start(String id, int redisPort, String channel, String... extra) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
			.properties(properties(id, redisPort, channel, extra).toArray(String[]::new))
			.run();
		return new ClusterNode(context, id, channel);
	}

	/**
	 * Start three nodes, {@code node-a} to {@code node-c}, on a channel unique to the test, and
	 * wait until each hears the others.
	 * @param redisPort the port of the Redis the cluster shares
	 * @param extra further properties of every node
	 * @return the running nodes
	 */
	static List<ClusterNode> startThree(int redisPort, String... extra) {
		String channel = "gofr-ws-test-" + UUID.randomUUID();
		List<ClusterNode> nodes = List.of(start("node-a", redisPort, channel, extra),
				start("node-b", redisPort, channel, extra), start("node-c", redisPort, channel, extra));
		await("each node hears the others").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> nodes.forEach((node) -> assertThat(node.nodes().live()).hasSize(3)));
		return nodes;
	}

	/**
	 * The properties of a node.
	 * @param id the node id
	 * @param redisPort the port of the Redis the cluster shares
	 * @param channel the channel
	 * @param extra further properties, which may replace those given here
	 * @return the properties, as {@code name=value}
	 */
	static List<String> properties(String id, int redisPort, String channel, String... extra) {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
				"spring.data.redis.timeout=1s", "gofr.ws.cluster.enabled=true", "gofr.ws.cluster.channel=" + channel,
				"gofr.ws.cluster.node-id=" + id, "gofr.ws.cluster.heartbeat-interval=200ms",
				"gofr.ws.cluster.node-timeout=2s", "management.endpoints.web.exposure.include=websocket,health",
				"management.health.redis.enabled=false", "management.endpoint.health.show-details=always"));
		properties.addAll(List.of(extra));
		return properties;
	}

	String id() {
		return this.id;
	}

	String channel() {
		return this.channel;
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	WsTestClient connect() {
		return WsTestClient.connect(URI.create("ws://localhost:" + port() + "/ws/chat"));
	}

	/** The body of a GET on this node. */
	String get(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	ClusterNodes nodes() {
		return this.context.getBean(ClusterNodes.class);
	}

	ClusterRelay relay() {
		return this.context.getBean(ClusterRelay.class);
	}

	WebSocketEndpoint.WebSocketDescriptor actuator() {
		return this.context.getBean(WebSocketEndpoint.class).websocket(SecurityContext.NONE, null, null, 0);
	}

	Status health() {
		return this.context.getBean(WebSocketClusterHealthIndicator.class).health(true).getStatus();
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
