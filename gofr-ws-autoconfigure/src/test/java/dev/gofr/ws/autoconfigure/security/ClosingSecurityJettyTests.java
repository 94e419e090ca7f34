package dev.gofr.ws.autoconfigure.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closing tests again, on Jetty: this class runs in its own Surefire execution with Tomcat off
 * the class path.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")
class ClosingSecurityJettyTests extends ClosingSecurityTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theServerIsJetty() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
	}

}
