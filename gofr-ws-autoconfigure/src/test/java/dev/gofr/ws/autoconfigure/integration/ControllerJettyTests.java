package dev.gofr.ws.autoconfigure.integration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller tests again, on Jetty: this class runs in its own Surefire execution with Tomcat
 * off the class path.
 */
class ControllerJettyTests extends ControllerIntegrationTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerIsJetty() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
	}

}
