package dev.gofr.ws.autoconfigure.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login tests again, on Jetty, where nothing but gofr-ws's sweep notices that a session
 * ended: this class runs in its own Surefire execution with Tomcat off the class path.
 */
@EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")
class LoginSecurityJettyTests extends LoginSecurityTests {

	@Autowired
	WebServerApplicationContext context;

	/**
	 * On Jetty, gofr-ws's sweep closes the connections of a session that ended.
	 */
	@Override
	String sessionEndedReason() {
		return "Session ended";
	}

	@Test
	void theServerIsJetty() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith("Jetty");
	}

}
