package dev.gofr.ws.autoconfigure.integration;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.test.WsTestClient;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ResizableExecutor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code gofr.ws.send.inline-completions=true}, on Tomcat, the connector's executor is
 * wrapped once the first WebSocket session opens, so that the completions of the writer threads'
 * writes stay on those threads; its thread counts stay visible through the wrapper; and Tomcat's
 * own executor is shut down with the application as before. By default nothing is wrapped.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")
class TomcatCompletionsIntegrationTests {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static AbstractProtocol<?> protocol(ConfigurableApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
		return (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("ws://localhost:" + port + path);
	}

	@Test
	void theConnectorsExecutorIsWrappedWhileTheApplicationRunsAndShutDownWithIt() {
		ConfigurableApplicationContext context = start("gofr.ws.send.inline-completions=true");
		Executor tomcats = protocol(context).getExecutor();
		assertThat(tomcats).isInstanceOf(ThreadPoolExecutor.class);
		WsTestClient client = WsTestClient.connect(uri(context, "/ws/echo"));
		client.sendText("hello");
		assertThat(client.awaitText()).isEqualTo("hello");
		Executor wrapped = protocol(context).getExecutor();
		assertThat(wrapped.getClass().getSimpleName()).isEqualTo("TomcatCompletions");
		assertThat(((ResizableExecutor) wrapped).getPoolSize()).isEqualTo(((ThreadPoolExecutor) tomcats).getPoolSize())
			.isPositive();
		assertThat(((ResizableExecutor) wrapped).getMaxThreads()).isEqualTo(200);
		context.getBean(Broadcaster.class).toRoute("echo").send("to all");
		assertThat(client.awaitText()).isEqualTo("to all");
		context.close();
		assertThat(((ThreadPoolExecutor) tomcats).isShutdown()).as("Tomcat's executor shut down").isTrue();
	}

	@Test
	void nothingIsWrappedByDefault() {
		ConfigurableApplicationContext context = start();
		Executor tomcats = protocol(context).getExecutor();
		WsTestClient client = WsTestClient.connect(uri(context, "/ws/echo"));
		client.sendText("hello");
		assertThat(client.awaitText()).isEqualTo("hello"); // registered by now
		context.getBean(Broadcaster.class).toRoute("echo").send("to all");
		assertThat(client.awaitText()).isEqualTo("to all");
		assertThat(protocol(context).getExecutor()).isSameAs(tomcats);
		context.close();
		assertThat(((ThreadPoolExecutor) tomcats).isShutdown()).isTrue();
	}

}
