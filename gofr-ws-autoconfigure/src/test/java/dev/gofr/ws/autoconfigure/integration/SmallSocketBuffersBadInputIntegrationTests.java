package dev.gofr.ws.autoconfigure.integration;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The broken and fragmented frames again, with Tomcat's socket buffers at their smallest
 * ({@code gofr.ws.container.socket-buffer-size}): a frame header or a fragment split across reads
 * gets the same answer.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "gofr.ws.container.socket-buffer-size=512B")
class SmallSocketBuffersBadInputIntegrationTests extends BadInputIntegrationTests {

}
