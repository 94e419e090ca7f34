package dev.gofr.ws.autoconfigure.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.gofr.ws.autoconfigure.actuate.WebSocketEndpoint.RoomDescriptor;
import dev.gofr.ws.cluster.RoomPresence;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Room presence across three nodes on the machine's Redis, one of them in a process of its own
 * that is killed with SIGKILL: counts follow joins and leaves within a heartbeat interval (200 ms
 * here), and a killed node's members drop out within the node timeout (2 s here).
 */
class ClusterPresenceIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void membersAreCountedOnEveryNodeAfterJoinsLeavesAndANodeKilledWithSigkill() throws Exception {
		RedisForTests.requireShared();
		String channel = "gofr-ws-presence-" + UUID.randomUUID();
		String room = "presence";
		Process killed = null;
		List<WsTestClient> clients = new ArrayList<>();
		try (ClusterNode a = ClusterNode.start("node-a", RedisForTests.SHARED_PORT, channel);
				ClusterNode b = ClusterNode.start("node-b", RedisForTests.SHARED_PORT, channel)) {
			int port = freePort();
			killed = startProcess("node-c", port, channel);
			await("node c joins the cluster").atMost(WAIT).until(() -> a.nodes().live().size() == 3);
			// it joins the cluster before its web server takes handshakes (503 until then)
			URI nodeC = URI.create("ws://localhost:" + port + "/ws/chat");
			await("node c takes connections").atMost(WAIT).ignoreExceptions().until(() -> {
				WsTestClient.connect(nodeC).close();
				return true;
			});
			for (int i = 0; i < 2; i++) {
				clients.add(join(a.connect(), room));
			}
			WsTestClient leaving = join(b.connect(), room);
			for (int i = 0; i < 3; i++) {
				clients.add(join(WsTestClient.connect(nodeC), room));
			}
			RoomPresence presence = a.bean(RoomPresence.class);
			await("every member counted").atMost(WAIT).untilAsserted(() -> {
				assertThat(presence.members(room)).isEqualTo(6);
				assertThat(b.bean(RoomPresence.class).members(room)).isEqualTo(6);
			});
			assertThat(a.actuator().rooms()).contains(new RoomDescriptor(room, 2, 6L));

			leaving.close();
			await("a leave is counted").atMost(WAIT).until(() -> presence.members(room) == 5);

			killed.destroyForcibly().waitFor();
			long killedAt = System.nanoTime();
			await("the killed node's members drop out").atMost(WAIT).until(() -> presence.members(room) == 2);
			Duration after = Duration.ofNanos(System.nanoTime() - killedAt);
			assertThat(after).as("within the node timeout and a heartbeat").isLessThan(Duration.ofSeconds(4));
			assertThat(b.bean(RoomPresence.class).members(room)).isEqualTo(2);
		}
		finally {
			clients.forEach(WsTestClient::close);
			if (killed != null) {
				killed.destroyForcibly();
			}
		}
	}

	private static WsTestClient join(WsTestClient client, String room) {
		client.sendText("join " + room);
		assertThat(client.awaitText()).isEqualTo("joined " + room);
		return client;
	}

	private static Process startProcess(String id, int port, String channel) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), ClusterTestApplication.class.getName()));
		command.add("--server.port=" + port);
		for (String property : ClusterNode.properties(id, RedisForTests.SHARED_PORT, channel)) {
			if (!property.startsWith("server.port=")) {
				command.add("--" + property);
			}
		}
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/" + id + ".log"))
			.start();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
