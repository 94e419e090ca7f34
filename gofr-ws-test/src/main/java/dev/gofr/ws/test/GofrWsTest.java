package dev.gofr.ws.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A Spring Boot test of a gofr-ws application over real sockets: it starts the application on a
 * random port, as {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} does, and gives the test
 * a {@link WsClients} pointed at it, as a parameter or in a field:
 *
 * <pre class="code">
 * &#64;GofrWsTest(properties = { "gofr.ws.heartbeat.ping-interval=300ms", "gofr.ws.heartbeat.pong-wait=1s" })
 * class HeartbeatTests {
 *
 *     &#64;Test
 *     void reapsAClientThatNeverAnswers(WsClients clients) {
 *         WsTestClient silent = clients.to("echo").autoPong(false).connect();
 *         assertThat(silent.awaitClose()).hasCode(4408);
 *     }
 *
 * }
 * </pre>
 *
 * The clients a test connects through its {@code WsClients} are closed after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(WsClientsExtension.class)
public @interface GofrWsTest {

	/**
	 * Properties for the test's application, as {@code key=value}.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

	/**
	 * The classes to build the application from; by default the {@code @SpringBootConfiguration}
	 * found from the test's package up.
	 * @return the classes
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "classes")
	Class<?>[] classes() default {};

	/**
	 * Application arguments.
	 * @return the arguments
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "args")
	String[] args() default {};

}
