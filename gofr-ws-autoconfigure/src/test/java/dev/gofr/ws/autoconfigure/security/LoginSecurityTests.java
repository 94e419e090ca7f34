package dev.gofr.ws.autoconfigure.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.gofr.ws.test.Frame;
import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A browser's login, played with the JDK's HTTP client: the login form (with its CSRF token),
 * the session cookie on the WebSocket handshake, the messages running as the logged-in user, and
 * the logout that ends the session and closes that user's connections with 1008, while another
 * user's stay open.
 */
@GofrWsTest(classes = LoginApplication.class)
@EnabledIf("dev.gofr.ws.autoconfigure.security.BootSecurity#isAutoConfigured")
class LoginSecurityTests {

	/** What Tomcat itself says when it closes a connection whose authenticated HTTP session ended. */
	static final String TOMCAT_SESSION_ENDED = "This connection was established under an authenticated HTTP session that has ended.";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	WsClients clients;

	@LocalServerPort
	int port;

	@Test
	void aHandshakeWithoutALoginIsRefused() {
		assertThatExceptionOfType(WsTestClient.HandshakeFailedException.class)
			.isThrownBy(() -> this.clients.connect("whoami"))
			.satisfies((ex) -> assertThat(ex.status()).isBetween(300, 401));
	}

	@Test
	void logoutClosesTheConnectionsOfThatLoginWith1008() throws Exception {
		Browser alice = new Browser().login("alice");
		Browser bob = new Browser().login("bob");
		WsTestClient first = alice.connect();
		WsTestClient second = alice.connect();
		WsTestClient other = bob.connect();
		first.sendText("who");
		assertThat(first.awaitText()).isEqualTo("alice");
		other.sendText("who");
		assertThat(other.awaitText()).isEqualTo("bob");
		alice.logout();
		for (WsTestClient client : new WsTestClient[] { first, second }) {
			Frame.Close close = client.awaitClose();
			assertThat(close.code()).isEqualTo(1008);
			assertThat(close.reason()).isEqualTo(sessionEndedReason());
		}
		other.sendText("who");
		assertThat(other.awaitText()).isEqualTo("bob");
	}

	/**
	 * The reason of the close when the session ends: on Tomcat, Tomcat's own, since it closes such
	 * connections itself the moment the session ends, before gofr-ws's sweep finds it ended.
	 * @return the reason
	 */
	String sessionEndedReason() {
		return TOMCAT_SESSION_ENDED;
	}

	/**
	 * A browser: cookies kept, redirects not followed.
	 */
	final class Browser {

		private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private URI uri(String path) {
			return URI.create("http://localhost:" + LoginSecurityTests.this.port + path);
		}

		Browser login(String user) throws IOException, InterruptedException {
			HttpResponse<String> response = post("/login", "username=" + user + "&password=secret&_csrf="
					+ URLEncoder.encode(csrf("/login"), StandardCharsets.UTF_8));
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					(location) -> assertThat(location).doesNotContain("error"));
			return this;
		}

		void logout() throws IOException, InterruptedException {
			HttpResponse<String> response = post("/logout",
					"_csrf=" + URLEncoder.encode(csrf("/logout"), StandardCharsets.UTF_8));
			assertThat(response.statusCode()).isEqualTo(302);
		}

		WsTestClient connect() {
			String cookie = this.cookies.getCookieStore()
				.get(uri("/"))
				.stream()
				.map(HttpCookie::toString)
				.collect(Collectors.joining("; "));
			return LoginSecurityTests.this.clients.to("whoami").header("Cookie", cookie).connect();
		}

		private String csrf(String page) throws IOException, InterruptedException {
			String html = this.http.send(HttpRequest.newBuilder(uri(page)).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher matcher = CSRF.matcher(html);
			assertThat(matcher.find()).as("a CSRF token on %s", page).isTrue();
			return matcher.group(1);
		}

		private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
			return this.http.send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
