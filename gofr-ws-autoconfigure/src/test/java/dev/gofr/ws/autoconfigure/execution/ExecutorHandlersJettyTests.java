package dev.gofr.ws.autoconfigure.execution;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor tests again, on Jetty, whose reads pause through the session's demand: this class
 * runs in its own Surefire execution with Tomcat off the class path.
 */
class ExecutorHandlersJettyTests extends ExecutorHandlersTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerIsJetty() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
	}

}
