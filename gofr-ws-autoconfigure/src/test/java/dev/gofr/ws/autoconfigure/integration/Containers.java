package dev.gofr.ws.autoconfigure.integration;

import org.springframework.util.ClassUtils;

/**
 * Which container the tests run on. The chaos, bad-input and soak tests assert Tomcat's statuses
 * and close codes, so they are enabled only where Tomcat is on the class path:
 * {@code @EnabledIf("dev.gofr.ws.autoconfigure.integration.Containers#tomcat")}.
 */
final class Containers {

	private Containers() {
	}

	static boolean tomcat() {
		return ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", null);
	}

}
