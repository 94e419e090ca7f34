package dev.gofr.ws.bench;

import java.util.Locale;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints by which the runner and the load generator probe a Java server of the
 * benchmark, imported by both: {@code GET /bench/clock} and {@code GET /bench/health}, which
 * names the server it runs on, so that a run on Jetty is known to be on Jetty and one on Reactor
 * Netty on Netty.
 */
@RestController
public class BenchProbes {

	private final WebServerApplicationContext context;

	BenchProbes(WebServerApplicationContext context) {
		this.context = context;
	}

	/**
	 * The server's monotonic clock.
	 * @return {@link System#nanoTime()} in decimal
	 */
	@GetMapping("/bench/clock")
	String clock() {
		return Long.toString(System.nanoTime());
	}

	/**
	 * Whether the server is up, and on what.
	 * @return the container in lower case: {@code tomcat}, {@code jetty} or {@code netty}
	 */
	@GetMapping("/bench/health")
	String health() {
		return container(this.context.getWebServer());
	}

	/**
	 * The container of a web server, from its class: {@code TomcatWebServer} is {@code tomcat},
	 * {@code JettyServletWebServer} {@code jetty}, {@code NettyWebServer} {@code netty}.
	 * @param server the web server
	 * @return its container in lower case
	 */
	static String container(WebServer server) {
		String name = server.getClass().getSimpleName();
		return name.replaceAll("(Servlet|Reactive)?WebServer$", "").toLowerCase(Locale.ROOT);
	}

}
