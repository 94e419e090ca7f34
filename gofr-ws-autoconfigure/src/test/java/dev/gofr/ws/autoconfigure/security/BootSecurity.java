package dev.gofr.ws.autoconfigure.security;

import org.springframework.util.ClassUtils;

/**
 * Whether Boot's Spring Security auto-configuration is on the class path: in the {@code security}
 * and {@code security-jetty} test executions only, since the others run applications that would
 * ask every handshake for a login. The security tests are enabled with
 * {@code @EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")}, so that
 * {@code -Dtest=...} skips them in the other executions.
 */
final class BootSecurity {

	private BootSecurity() {
	}

	static boolean isAutoConfigured() {
		return ClassUtils.isPresent("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				BootSecurity.class.getClassLoader());
	}

}
