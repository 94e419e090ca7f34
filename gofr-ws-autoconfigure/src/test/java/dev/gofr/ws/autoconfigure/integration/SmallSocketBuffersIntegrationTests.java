package dev.gofr.ws.autoconfigure.integration;

import java.util.Random;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The echo tests again, with Tomcat's socket buffers at their smallest
 * ({@code gofr.ws.container.socket-buffer-size}): messages from 1 byte to the 64 KB limit still
 * arrive whole, and those above it still close with 1009.
 */
@GofrWsTest(classes = TestApplication.class, properties = "gofr.ws.container.socket-buffer-size=512B")
class SmallSocketBuffersIntegrationTests extends EchoIntegrationTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void messagesOfEverySizeAroundTheBuffersArriveWhole() {
		Random random = new Random(11);
		try (WsTestClient client = this.clients.connect("echo")) {
			for (int size : new int[] { 1, 511, 512, 513, 1024, 2047, 2048, 2049, 8192, 65536 }) {
				byte[] bytes = new byte[size];
				random.nextBytes(bytes);
				client.sendBinary(bytes);
				assertThat(client.awaitBinary()).as("%d bytes", size).isEqualTo(bytes);
				String text = "é".repeat(size / 2) + "x".repeat(size % 2);
				client.sendText(text);
				assertThat(client.awaitText()).as("%d bytes of text", size).isEqualTo(text);
			}
		}
	}

	@Test
	void theConnectorHasTheSmallSocketBuffers() {
		TomcatWebServer tomcat = (TomcatWebServer) this.context.getWebServer();
		assertThat(String.valueOf(tomcat.getTomcat().getConnector().getProperty("socket.appReadBufSize"))).isEqualTo("512");
		assertThat(String.valueOf(tomcat.getTomcat().getConnector().getProperty("socket.appWriteBufSize"))).isEqualTo("512");
	}

}
