package dev.gofr.ws.sample.docs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClients;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import dev.gofr.ws.room.Rooms;
import dev.gofr.ws.route.WsHandler;
import dev.gofr.ws.route.WsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the docs' snippets take for granted: the imports every page assumes, and the names a
 * fragment uses without declaring them ({@code connection}, {@code message}…), as fields of the
 * class a fragment is compiled in.
 */
public abstract class SnippetContext {

	/** The imports added to every snippet, besides every gofr-ws package. */
	static final List<String> IMPORTS = List.of("import java.util.*;", "import java.util.concurrent.*;",
			"import java.time.*;", "import java.nio.*;", "import java.net.*;", "import java.security.Principal;",
			"import org.jspecify.annotations.Nullable;", "import org.springframework.context.annotation.*;",
			"import org.springframework.stereotype.*;", "import org.springframework.beans.factory.annotation.*;",
			"import org.springframework.web.bind.annotation.*;", "import org.springframework.boot.test.context.*;",
			"import org.springframework.core.io.ClassPathResource;", "import org.springframework.http.*;",
			"import java.net.http.HttpClient;", "import java.net.http.HttpRequest;",
			"import java.net.http.HttpResponse;", "import jakarta.validation.*;", "import jakarta.validation.constraints.*;", "import org.springframework.boot.test.web.server.LocalServerPort;",
			"import org.springframework.boot.autoconfigure.condition.*;",
			"import org.springframework.http.server.*;", "import org.springframework.web.socket.CloseStatus;",
			"import org.springframework.web.socket.WebSocketHandler;",
			"import org.springframework.web.socket.server.HandshakeInterceptor;", "import org.junit.jupiter.api.*;",
			"import io.github.resilience4j.core.IntervalBiFunction;", "import io.github.resilience4j.core.IntervalFunction;",
			"import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;", "import dev.gofr.ws.sample.*;",
			"import static org.assertj.core.api.Assertions.assertThat;",
			"import static org.assertj.core.api.Assertions.catchThrowableOfType;",
			"import static dev.gofr.ws.test.WsAssertions.assertThat;", "import static org.awaitility.Awaitility.await;");

	protected WsConnection connection;

	protected WsMessage message;

	protected Broadcaster broadcaster;

	protected Rooms rooms;

	protected ConnectionRegistry registry;

	protected Logger log = LoggerFactory.getLogger(getClass());

	protected Logger logger = this.log;

	protected ReconnectingClients clients;

	protected ReconnectingClient prices;

	protected ReconnectingClient.Builder builder;

	protected WsConnection sender;

	protected String id = "c1";

	protected String token = "t";

	protected byte[] bytes = new byte[0];

	protected Object update;

	protected Object offer;

	protected Object news;

	protected String userId = "u1";

	protected WsHandler chatHandler;

	protected WsHandler adminHandler;

	protected Map<String, Object> counts = new ConcurrentHashMap<>();

	/**
	 * The handler of a chat route, as the pages that declare one take it for granted; a snippet
	 * that declares its own {@code ChatHandler} hides this one.
	 */
	protected interface ChatHandler extends WsHandler {

	}

}
