package dev.gofr.ws.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gofr.ws.test.GofrWsTest;
import dev.gofr.ws.test.WsClients;
import dev.gofr.ws.test.WsTestClient;
import dev.gofr.ws.test.WsTestClient.HandshakeFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The sample with {@code --spring.profiles.active=secure}: a login in front of the page and the
 * handshakes, the chat's messages sent as the user who signed in, and {@code POST /api/notify}
 * for admins only.
 */
@GofrWsTest
@ActiveProfiles("secure")
class SecureProfileTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	WsClients clients;

	@Value("${local.server.port}")
	int port;

	@AfterEach
	void closeClients() {
		this.clients.close();
	}

	@Test
	void theChatPageAsksForALogin() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/")).header("Accept", "text/html").build(), // as a browser asks
					HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
	}

	@Test
	void aHandshakeWithoutALoginIsRefusedWith401() {
		HandshakeFailedException refused = catchThrowableOfType(HandshakeFailedException.class,
				() -> this.clients.to("chat").timeout(Duration.ofSeconds(5)).connect().close());
		assertThat(refused.status()).isEqualTo(401);
		refused = catchThrowableOfType(HandshakeFailedException.class, () -> this.clients.to("chat")
			.header("Cookie", "JSESSIONID=forged")
			.timeout(Duration.ofSeconds(5))
			.connect()
			.close());
		assertThat(refused.status()).isEqualTo(401);
	}

	@Test
	void aUserWhoSignedInChatsUnderTheirName() throws Exception {
		WsTestClient alice = this.clients.to("chat").header("Cookie", login("alice", "alice-password").cookie()).connect();
		alice.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
		alice.awaitJson().hasPath("$.type", "joined");
		alice.sendText("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\"}");
		alice.awaitJson().hasPath("$.type", "message").hasPath("$.from", "alice").hasPath("$.text", "hi");
	}

	@Test
	void onlyAnAdminMayBroadcast() throws Exception {
		WsTestClient alice = this.clients.to("chat").header("Cookie", login("alice", "alice-password").cookie()).connect();
		WsTestClient admin = this.clients.to("chat").header("Cookie", login("admin", "admin-password").cookie()).connect();

		alice.sendText("{\"type\":\"broadcast\",\"text\":\"from alice\"}");
		alice.awaitJson().hasPath("$.type", "error").hasPath("$.code", "FORBIDDEN");
		admin.expectNothing(Duration.ofMillis(200));

		admin.sendText("{\"type\":\"broadcast\",\"text\":\"from admin\"}");
		for (WsTestClient member : List.of(alice, admin)) {
			member.awaitJson().hasPath("$.type", "message").hasPath("$.from", "admin").hasPath("$.text", "from admin");
		}
		assertThat(alice.isClosed()).isFalse();
	}

	@Test
	void aWrongPasswordGetsNoSession() throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<Void> posted = http.send(loginRequest("alice", "wrong", csrf(form.body())),
				HttpResponse.BodyHandlers.discarding());
		assertThat(posted.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("error"));
	}

	@Test
	void onlyAnAdminMayNotify() throws Exception {
		String body = "{\"text\":\"maintenance at noon\"}";
		assertThat(notify(null, body)).isEqualTo(401);
		assertThat(notify("alice:alice-password", body)).isEqualTo(403);
		assertThat(notify("admin:admin-password", body)).isEqualTo(202);
	}

	private int notify(String credentials, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/notify"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void loggingOutClosesTheConnectionsOfThatLoginWith1008() throws Exception {
		Login alice = login("alice", "alice-password");
		WsTestClient aliceChat = this.clients.to("chat").header("Cookie", alice.cookie()).connect();
		WsTestClient bobChat = this.clients.to("chat").header("Cookie", login("bob", "bob-password").cookie()).connect();

		alice.logout();

		assertThat(aliceChat.awaitClose().code()).isEqualTo(1008);
		bobChat.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
		bobChat.awaitJson().hasPath("$.type", "joined");
	}

	/**
	 * Sign in through the login form, as a browser does: the form's CSRF token, then the post.
	 * @return the session signed in
	 */
	Login login(String user, String password) throws IOException, InterruptedException {
		CookieManager cookies = new CookieManager();
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
		HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<Void> posted = http.send(loginRequest(user, password, csrf(form.body())),
				HttpResponse.BodyHandlers.discarding());
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).doesNotContain("error"));
		return new Login(http, cookies);
	}

	/**
	 * A session signed in, in an HTTP client that keeps its cookies.
	 */
	final class Login {

		private final HttpClient http;

		private final CookieManager cookies;

		Login(HttpClient http, CookieManager cookies) {
			this.http = http;
			this.cookies = cookies;
		}

		/**
		 * The {@code Cookie} header that carries the session to a handshake.
		 */
		String cookie() {
			HttpCookie session = this.cookies.getCookieStore()
				.get(uri("/"))
				.stream()
				.filter((cookie) -> cookie.getName().equals("JSESSIONID"))
				.findFirst()
				.orElseThrow();
			return "JSESSIONID=" + session.getValue();
		}

		/**
		 * Sign out as the page's logout form does: its CSRF token, then the post.
		 */
		void logout() throws IOException, InterruptedException {
			HttpResponse<String> form = this.http.send(HttpRequest.newBuilder(uri("/logout")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<Void> posted = this.http.send(HttpRequest.newBuilder(uri("/logout"))
				.header("Accept", "text/html") // as a browser's form posts it: answered with a redirect
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + encode(csrf(form.body()))))
				.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(posted.statusCode()).isEqualTo(302);
		}

	}

	private HttpRequest loginRequest(String user, String password, String csrf) {
		String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
		return HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	private static String csrf(String loginPage) {
		Matcher token = CSRF.matcher(loginPage);
		assertThat(token.find()).as("the login page's CSRF token").isTrue();
		return token.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
