package dev.gofr.ws.sample;

import dev.gofr.ws.sample.ChatPageBrowserTests.ChatPage;
import dev.gofr.ws.sample.ChatPageBrowserTests.Entry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page with the {@code secure} profile, in headless Chromium: the page sends a visitor to
 * the login form, and once signed in, chats under the user's name without choosing one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("secure")
class SecurePageBrowserTests {

	@LocalServerPort
	int port;

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Test
	void aVisitorSignsInThenChatsUnderTheirName() {
		WebDriver browser = this.browsers.start();
		browser.get("http://localhost:" + this.port + "/");
		await("the login form").atMost(ChatPageBrowserTests.TIMEOUT)
			.until(() -> browser.getCurrentUrl().contains("/login"));

		browser.findElement(By.id("username")).sendKeys("alice");
		browser.findElement(By.id("password")).sendKeys("alice-password");
		browser.findElement(By.cssSelector("button[type=submit]")).click();

		ChatPage alice = new ChatPage(browser);
		alice.awaitOpen();
		assertThat(browser.getCurrentUrl()).doesNotContain("/login");
		alice.join("lobby");
		alice.say("lobby", "signed in");
		alice.awaitEntry(new Entry("message", "lobby", "alice", "signed in"));
	}

}
