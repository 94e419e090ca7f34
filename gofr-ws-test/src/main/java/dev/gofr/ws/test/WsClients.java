package dev.gofr.ws.test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.gofr.ws.server.Routes;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Makes {@link WsTestClient}s pointed at a running application, by route name: the path comes
 * from the application's {@link Routes}, so tests keep working when
 * {@code gofr.ws.endpoints.<name>.path} moves a route. Injected by {@link WsClientsExtension}
 * (and so in every {@link GofrWsTest}), which closes the clients it made after each test:
 *
 * <pre class="code">
 * &#64;GofrWsTest
 * class ChatTests {
 *
 *     &#64;Test
 *     void echoes(WsClients clients) {
 *         WsTestClient client = clients.connect("echo");
 *         client.sendText("hello");
 *         assertThat(client.awaitText()).isEqualTo("hello");
 *     }
 *
 * }
 * </pre>
 */
public final class WsClients implements AutoCloseable {

	private final String base;

	private final UnaryOperator<String> paths;

	private final List<WsTestClient> connected = new ArrayList<>();

	/**
	 * Create a factory.
	 * @param base the address of the server, such as {@code ws://localhost:8080}, with the
	 * context path if there is one
	 * @param paths the path of a route by name
	 */
	public WsClients(String base, UnaryOperator<String> paths) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.paths = paths;
	}

	/**
	 * A factory for an application on this machine.
	 * @param port the server's port
	 * @param routes the application's routes
	 * @return the factory
	 */
	public static WsClients of(int port, Routes routes) {
		return new WsClients("ws://localhost:" + port, routes::path);
	}

	/**
	 * A factory for the application of a Spring test context that started a server (for example
	 * with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}): its port
	 * ({@code local.server.port}), its context path, and its {@link Routes}.
	 * @param context the application context
	 * @return the factory
	 * @throws IllegalStateException when the context runs no server
	 */
	public static WsClients from(ApplicationContext context) {
		Environment environment = context.getEnvironment();
		Integer port = environment.getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("WsClients needs a running server, but the test's application has none: "
					+ "use @GofrWsTest or @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
		}
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		Routes routes = context.getBean(Routes.class);
		return new WsClients("ws://localhost:" + port + contextPath, routes::path);
	}

	/**
	 * The address of a route; for a route on a template such as {@code /ws/rooms/{room}}, with
	 * its variables' values in order, each percent-encoded as one segment.
	 * @param route the route name, as in {@code gofr.ws.endpoints.<name>}
	 * @param variables the values of the path's variables, in the order the path names them
	 * @return the {@code ws://} address
	 * @throws IllegalArgumentException when the application has no such route, or the path has
	 * more variables than values given
	 */
	public URI uri(String route, Object... variables) {
		String path = this.paths.apply(route);
		if (path.indexOf('{') >= 0) {
			path = UriComponentsBuilder.fromUriString(path).encode().buildAndExpand(variables).toUriString();
		}
		return URI.create(this.base + path);
	}

	/**
	 * Connect to a route with the default settings.
	 * @param route the route name
	 * @return the connected client, closed after the test
	 * @throws WsTestClient.HandshakeFailedException when the server refuses the handshake
	 */
	public WsTestClient connect(String route) {
		return to(route).connect();
	}

	/**
	 * A builder for a client of a route, for headers, a query, a timeout or no automatic pongs.
	 * @param route the route name
	 * @param variables the values of the path's variables, for a route on a template such as
	 * {@code /ws/rooms/{room}}: {@code to("rooms", "lobby")}
	 * @return the builder; the client it connects is closed after the test
	 */
	public WsTestClient.Builder to(String route, Object... variables) {
		return track(WsTestClient.to(uri(route, variables)));
	}

	/**
	 * A builder for a client of any path of the server, such as one that is no route.
	 * @param path the path, from {@code /}, with a query if needed
	 * @return the builder; the client it connects is closed after the test
	 */
	public WsTestClient.Builder toPath(String path) {
		return track(WsTestClient.to(URI.create(this.base + path)));
	}

	private WsTestClient.Builder track(WsTestClient.Builder builder) {
		return builder.whenConnected((client) -> {
			synchronized (this.connected) {
				this.connected.add(client);
			}
		});
	}

	/**
	 * Close every client this factory connected that is still open, with 1000.
	 */
	@Override
	public void close() {
		List<WsTestClient> clients;
		synchronized (this.connected) {
			clients = List.copyOf(this.connected);
			this.connected.clear();
		}
		clients.forEach(WsTestClient::close);
	}

	@Override
	public String toString() {
		return "WsClients[" + this.base + "]";
	}

}
