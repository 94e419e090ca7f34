package dev.gofr.ws.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gofr.ws.broadcast.Broadcaster;
import dev.gofr.ws.connection.WsConnection;
import dev.gofr.ws.registry.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page at {@code /}, driven in headless Chromium against the running sample: several
 * pages chat in rooms, and come back into their rooms after the server drops them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatPageBrowserTests {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	ConnectionRegistry registry;

	@Autowired
	Broadcaster broadcaster;

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void sayReachesTheMembersOfTheRoomOnly() {
		ChatPage alice = open("alice");
		ChatPage bob = open("bob");
		ChatPage carol = open("carol");
		alice.join("lobby");
		bob.join("lobby");
		carol.join("other");

		alice.say("lobby", "hello lobby");

		bob.awaitEntry(new Entry("message", "lobby", "alice", "hello lobby"));
		alice.awaitEntry(new Entry("message", "lobby", "alice", "hello lobby"));
		// Carol's page works (she hears herself in her room) and hears nothing from the lobby.
		carol.say("other", "hello other");
		carol.awaitEntry(new Entry("message", "other", "carol", "hello other"));
		await("nothing from alice for carol").during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> carol.entries().stream().noneMatch((entry) -> "alice".equals(entry.from())));
		assertThat(bob.entries()).doesNotContain(new Entry("message", "other", "carol", "hello other"));
	}

	@Test
	void pageReconnectsAndRejoinsItsRoomsAfterTheServerDropsIt() {
		ChatPage alice = open("alice");
		ChatPage bob = open("bob");
		alice.join("lobby");
		bob.join("lobby");
		alice.recordStatus();
		bob.recordStatus();

		this.registry.connections("chat").forEach((connection) -> connection.close(1001, "test"));

		for (ChatPage page : List.of(alice, bob)) {
			await("reconnecting, then open").atMost(TIMEOUT).untilAsserted(() -> {
				List<String> statuses = page.recordedStatuses();
				int reconnecting = indexOf(statuses, "closed (1001) · reconnecting in");
				assertThat(reconnecting).as("status after the server closed: %s", statuses).isNotNegative();
				assertThat(statuses.subList(reconnecting, statuses.size())).contains("open");
				assertThat(page.status()).isEqualTo("open");
			});
			page.awaitJoined("lobby");
		}
		await("both back in lobby").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.registry.connections("chat")).hasSize(2)
				.allSatisfy((connection) -> assertThat(connection.rooms()).contains("lobby")));

		alice.say("lobby", "back again");

		bob.awaitEntry(new Entry("message", "lobby", "alice", "back again"));
	}

	@Test
	void pageGetsWhatItsRoomSaidWhileItWasAwayOnceAndInOrder() {
		ChatPage alice = open("alice");
		ChatPage bob = open("bob");
		alice.join("lobby");
		bob.join("lobby");
		alice.say("lobby", "before");
		bob.awaitEntry(new Entry("message", "lobby", "alice", "before"));
		WsConnection bobs = this.registry.connections("chat")
			.stream()
			.filter((connection) -> "bob".equals(connection.get(ChatController.NAME)))
			.findFirst()
			.orElseThrow();

		// closing: what the room says now reaches bob only through recovery, once he is back
		bobs.close(1001, "test");
		for (int i = 1; i <= 3; i++) {
			this.broadcaster.toRoom("lobby").send(new ChatEvent.Message("lobby", "alice", "while away " + i));
		}

		bob.awaitEntry(new Entry("system", null, null, "caught up on lobby: what it said meanwhile follows"));
		List<Entry> expected = List.of(new Entry("message", "lobby", "alice", "while away 1"),
				new Entry("message", "lobby", "alice", "while away 2"), new Entry("message", "lobby", "alice", "while away 3"));
		await("the missed messages, once each, in order").atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(bob.entries()).filteredOn((entry) -> entry.text().startsWith("while away"))
				.containsExactlyElementsOf(expected));
	}

	private static int indexOf(List<String> statuses, String prefix) {
		for (int i = 0; i < statuses.size(); i++) {
			if (statuses.get(i).startsWith(prefix)) {
				return i;
			}
		}
		return -1;
	}

	private ChatPage open(String name) {
		ChatPage page = new ChatPage(this.browsers.start());
		page.driver.get("http://localhost:" + this.port + "/");
		page.awaitOpen();
		page.name(name);
		return page;
	}

	/**
	 * One line of a page's log.
	 * @param kind message, notification, error or system
	 * @param room the room, {@code null} for everyone
	 * @param from who said it, for messages
	 * @param text the text
	 */
	record Entry(String kind, @Nullable String room, @Nullable String from, String text) {
	}

	/**
	 * The chat page in one browser, read through its stable element ids.
	 */
	static final class ChatPage {

		private final WebDriver driver;

		ChatPage(WebDriver driver) {
			this.driver = driver;
		}

		void awaitOpen() {
			await("status open").atMost(TIMEOUT).until(this::status, "open"::equals);
		}

		String status() {
			return this.driver.findElement(By.id("status")).getText();
		}

		void name(String name) {
			// Tabbing away fires the change event that sends the name.
			this.driver.findElement(By.id("name")).sendKeys(name, Keys.TAB);
		}

		void join(String room) {
			this.driver.findElement(By.id("room")).sendKeys(room);
			this.driver.findElement(By.id("join")).click();
			awaitJoined(room);
		}

		void awaitJoined(String room) {
			await("room " + room + " joined").atMost(TIMEOUT)
				.until(this::rooms, (rooms) -> rooms.contains(room + ":joined"));
		}

		void say(String room, String text) {
			new Select(this.driver.findElement(By.id("target"))).selectByValue(room);
			this.driver.findElement(By.id("text")).sendKeys(text);
			this.driver.findElement(By.id("send")).click();
		}

		void awaitEntry(Entry expected) {
			await("log shows " + expected).atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(entries()).contains(expected));
		}

		@SuppressWarnings("unchecked")
		List<String> rooms() {
			return (List<String>) script("return Array.from(document.querySelectorAll('#rooms li[data-room]'))"
					+ ".map((li) => li.dataset.room + ':' + li.dataset.state);");
		}

		@SuppressWarnings("unchecked")
		List<Entry> entries() {
			List<Map<String, Object>> rows = (List<Map<String, Object>>) script(
					"return Array.from(document.querySelectorAll('#log .entry')).map((e) => ({"
							+ "kind: ['message', 'notification', 'error', 'system'].find((k) => e.classList.contains(k)),"
							+ "room: e.dataset.room ?? null, from: e.dataset.from ?? null,"
							+ "text: e.querySelector('.text').textContent}));");
			return rows.stream()
				.map((row) -> new Entry((String) row.get("kind"), (String) row.get("room"), (String) row.get("from"),
						(String) row.get("text")))
				.toList();
		}

		/**
		 * Start recording every status the page shows, however briefly: the reconnect delay
		 * is random and may be too short to catch by polling.
		 */
		void recordStatus() {
			script("const status = document.getElementById('status'); window.statusHistory = [status.textContent];"
					+ "new MutationObserver(() => window.statusHistory.push(status.textContent))"
					+ ".observe(status, { childList: true, characterData: true, subtree: true });");
		}

		@SuppressWarnings("unchecked")
		List<String> recordedStatuses() {
			return (List<String>) Objects.requireNonNull(script("return window.statusHistory;"));
		}

		private Object script(String script) {
			return ((JavascriptExecutor) this.driver).executeScript(script);
		}

	}

}
