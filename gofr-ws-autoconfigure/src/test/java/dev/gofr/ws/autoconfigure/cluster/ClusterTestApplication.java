package dev.gofr.ws.autoconfigure.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.gofr.ws.broadcast.Broadcast;
import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.history.StreamPosition;
import dev.gofr.ws.route.WsRoute;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The application each node of the cluster tests runs: one route whose text commands join rooms
 * and broadcast in every way the {@link Broadcaster} offers.
 */
@SpringBootApplication
public class ClusterTestApplication {

	/**
	 * Commands, words separated by spaces: {@code id}; {@code join <room>}; {@code say <room> <text>};
	 * {@code all <text>}; {@code chat <text>} (endpoint); {@code others <text>} (all but the sender);
	 * {@code to <id> <text>}; {@code tag <key> <value>}; {@code where <key> <value> <text>};
	 * {@code filtered <text>} (a predicate filter); {@code bytes <text>} (binary to all);
	 * {@code post <room> <text>} ({@code {"text":…}} to a room, stamped where the room keeps a
	 * history); {@code recover <room> <offset> <epoch>} (a join that recovers; answers
	 * {@code joined <room> recovered=<true|false>} before the missed messages).
	 * @param broadcaster the broadcaster
	 * @return the route
	 */
	@Bean
	WsRoute chatRoute(Broadcaster broadcaster) {
		return WsRoute.of("/ws/chat", (connection, message) -> {
			String[] words = message.text().split(" ", 4);
			return switch (words[0]) {
				case "id" -> "id " + connection.id();
				case "join" -> connection.join(words[1]) ? "joined " + words[1] : "not joined";
				case "say" -> send(broadcaster.toRoom(words[1]), words[2]);
				case "all" -> send(broadcaster.toAll(), words[1]);
				case "chat" -> send(broadcaster.toRoute("chat"), words[1]);
				case "others" -> send(broadcaster.toAll().except(connection), words[1]);
				case "to" -> send(broadcaster.toConnection(words[1]), words[2]);
				case "tag" -> {
					connection.set(words[1], words[2]);
					yield "tagged";
				}
				case "where" -> send(broadcaster.toAll().whereMetadata(words[1], words[2]), words[3]);
				case "filtered" -> send(broadcaster.toAll().filter((c) -> true), words[1]);
				case "bytes" -> send(broadcaster.toAll(), words[1].getBytes(StandardCharsets.UTF_8));
				case "post" -> send(broadcaster.toRoom(words[1]), Map.of("text", words[2]));
				case "recover" -> {
					connection.join(words[1], new StreamPosition(Long.parseLong(words[2]), words[3]),
							(recovery) -> "joined " + words[1] + " recovered=" + recovery.recovered());
					yield null;
				}
				default -> "unknown " + words[0];
			};
		});
	}

	/**
	 * Run a node in a process of its own, which a test can kill.
	 * @param args the node's properties, as {@code --name=value}
	 */
	public static void main(String[] args) {
		SpringApplication.run(ClusterTestApplication.class, args);
	}

	/** Sends, and answers nothing: the recipients, the sender perhaps among them, see the broadcast alone. */
	private static @Nullable Object send(Broadcast broadcast, Object payload) {
		broadcast.send(payload);
		return null;
	}

}
