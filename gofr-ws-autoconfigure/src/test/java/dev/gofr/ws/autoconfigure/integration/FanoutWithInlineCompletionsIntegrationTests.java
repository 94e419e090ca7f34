package dev.gofr.ws.autoconfigure.integration;

import org.springframework.test.context.TestPropertySource;

/**
 * The fan-out tests again with {@code gofr.ws.send.inline-completions=true}: on Tomcat, the
 * completions of the writer threads' writes stay on those threads.
 */
@TestPropertySource(properties = "gofr.ws.send.inline-completions=true")
class FanoutWithInlineCompletionsIntegrationTests extends FanoutIntegrationTests {

}
