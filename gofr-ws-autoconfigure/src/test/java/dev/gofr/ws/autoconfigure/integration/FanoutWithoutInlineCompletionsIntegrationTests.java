package dev.gofr.ws.autoconfigure.integration;

import org.springframework.test.context.TestPropertySource;

/**
 * The fan-out tests again with {@code gofr.ws.send.inline-completions=false}: Tomcat's write
 * completions go to its request threads, as without gofr-ws.
 */
@TestPropertySource(properties = "gofr.ws.send.inline-completions=false")
class FanoutWithoutInlineCompletionsIntegrationTests extends FanoutIntegrationTests {

}
