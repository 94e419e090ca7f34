package dev.gofr.ws.autoconfigure.execution;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual thread tests again, on Jetty with its 200 threads: this class runs in its own
 * Surefire execution on the second JDK, with Tomcat off the class path.
 */
class VirtualThreadHandlersJava21JettyTests extends VirtualThreadHandlersJava21Tests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerIsJetty() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
	}

}
