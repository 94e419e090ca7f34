package dev.gofr.ws.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.gofr.ws.test.ExternalPrograms;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium for the page tests, each browser with a profile of its own, as a JUnit
 * extension ({@code @RegisterExtension}): before each test it checks that Chromium is installed
 * (skipping loudly when it is not, failing under {@code GOFR_WS_REQUIRE_EXTERNAL=true}); after
 * each, it quits the browsers started.
 */
final class Browsers implements BeforeEachCallback, AfterEachCallback {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final String INSTALL_HINT = "apt-get install -y chromium chromium-driver";

	private final List<WebDriver> drivers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		ExternalPrograms.requireExecutable(CHROMIUM, INSTALL_HINT);
		ExternalPrograms.requireExecutable(CHROMEDRIVER, INSTALL_HINT);
	}

	WebDriver start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("gofr-ws-chromium-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create a Chromium profile directory", ex);
		}
		this.profiles.add(profile);
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-first-run", "--disable-features=AutofillServerCommunication",
				"--user-data-dir=" + profile);
		WebDriver driver = new ChromeDriver(options);
		this.drivers.add(driver);
		return driver;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		for (WebDriver driver : this.drivers) {
			try {
				driver.quit();
			}
			catch (RuntimeException ex) {
				// Quit the others regardless; the test's own failure is the one worth reporting.
			}
		}
		this.drivers.clear();
		for (Path profile : this.profiles) {
			try {
				FileSystemUtils.deleteRecursively(profile);
			}
			catch (IOException ex) {
				// A leftover temporary profile is harmless.
			}
		}
		this.profiles.clear();
	}

}
