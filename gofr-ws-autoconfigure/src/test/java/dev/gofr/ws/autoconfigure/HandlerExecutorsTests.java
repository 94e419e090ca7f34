package dev.gofr.ws.autoconfigure;

import java.util.concurrent.Executor;

import dev.gofr.ws.route.WsRoute;
import dev.gofr.ws.server.HandlerExecution;
import dev.gofr.ws.server.Routes;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlerExecutors}: where each route's handler runs, from
 * {@code gofr.ws.handler.*}, {@code gofr.ws.endpoints.<name>.handler.*} and
 * {@code spring.threads.virtual.enabled}. Virtual threads exist from Java 21 on: the tests that ask
 * for them check either that they are used or that the startup fails, as the JVM they run on
 * allows; {@code VirtualThreadHandlersIntegrationTests} runs them on Java 21 or later.
 */
class HandlerExecutorsTests {

	private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GofrWsAutoConfiguration.class))
		.withUserConfiguration(TwoRoutes.class);

	@Test
	void handlersRunOnTheContainersThreadByDefault() {
		this.runner.run((context) -> {
			assertThat(execution(context, "echo")).isEqualTo(HandlerExecution.CONTAINER);
			assertThat(execution(context, "chat")).isEqualTo(HandlerExecution.CONTAINER);
		});
		this.runner.withPropertyValues("gofr.ws.handler.executor=container")
			.run((context) -> assertThat(execution(context, "echo").onContainer()).isTrue());
	}

	@Test
	void aNamedExecutorBeanRunsTheHandlersWithTheQueueBoundSet() {
		this.runner.withUserConfiguration(Executors.class)
			.withPropertyValues("gofr.ws.handler.executor=handlerPool", "gofr.ws.handler.max-queued-messages=4")
			.run((context) -> {
				HandlerExecution execution = execution(context, "echo");
				assertThat(execution.executor()).isSameAs(context.getBean("handlerPool"));
				assertThat(execution.maxQueuedMessages()).isEqualTo(4);
			});
	}

	@Test
	void aRouteMayRunItsHandlerElsewhereThanTheNodes() {
		this.runner.withUserConfiguration(Executors.class)
			.withPropertyValues("gofr.ws.endpoints.chat.handler.executor=handlerPool",
					"gofr.ws.endpoints.chat.handler.max-queued-messages=2")
			.run((context) -> {
				assertThat(execution(context, "echo")).isEqualTo(HandlerExecution.CONTAINER);
				assertThat(execution(context, "chat").executor()).isSameAs(context.getBean("handlerPool"));
				assertThat(execution(context, "chat").maxQueuedMessages()).isEqualTo(2);
			});
		this.runner.withUserConfiguration(Executors.class)
			.withPropertyValues("gofr.ws.handler.executor=handlerPool", "gofr.ws.endpoints.chat.handler.executor=container")
			.run((context) -> {
				assertThat(execution(context, "echo").executor()).isSameAs(context.getBean("handlerPool"));
				assertThat(execution(context, "chat").onContainer()).isTrue();
			});
	}

	@Test
	void anUnknownExecutorNameFailsTheStartupNamingThePropertyAndTheName() {
		this.runner.withPropertyValues("gofr.ws.handler.executor=noSuchPool").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("gofr.ws.handler.executor")
				.hasMessageContaining("noSuchPool")
				.hasMessageContaining("container, virtual, or the name of a TaskExecutor bean");
		});
		this.runner.withPropertyValues("gofr.ws.endpoints.chat.handler.executor=noSuchPool").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.endpoints.chat.handler.executor")
				.hasMessageContaining("noSuchPool");
		});
	}

	@Test
	void aBeanThatIsNoExecutorFailsTheStartupNamingTheProperty() {
		this.runner.withUserConfiguration(Executors.class)
			.withPropertyValues("gofr.ws.handler.executor=notAnExecutor")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("gofr.ws.handler.executor")
					.hasMessageContaining("not a TaskExecutor");
			});
	}

	@Test
	void fewerThanOneQueuedMessageFailsTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.handler.max-queued-messages=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gofr.ws.handler.max-queued-messages")
				.hasMessageContaining("at least 1");
		});
	}

	@Test
	void virtualRunsTheHandlersOnVirtualThreadsFromJava21OrFailsTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("gofr.ws.handler.executor=virtual").run((context) -> {
			if (VIRTUAL_THREADS) {
				assertThat(execution(context, "echo").executor()).isInstanceOf(VirtualThreadTaskExecutor.class);
				assertThat(execution(context, "chat").executor()).as("one executor for the node")
					.isSameAs(execution(context, "echo").executor());
			}
			else {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("gofr.ws.handler.executor")
					.hasMessageContaining("Virtual threads need Java 21 or later")
					.hasMessageContaining("Java " + Runtime.version().feature());
			}
		});
	}

	@Test
	void unsetItFollowsSpringBootsVirtualThreads() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			HandlerExecution execution = execution(context, "echo");
			if (VIRTUAL_THREADS) {
				assertThat(execution.executor()).isInstanceOf(VirtualThreadTaskExecutor.class);
			}
			else {
				assertThat(execution.onContainer()).as("Spring Boot ignores it before Java 21").isTrue();
			}
		});
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true", "gofr.ws.handler.executor=container")
			.run((context) -> assertThat(execution(context, "echo").onContainer()).isTrue());
	}

	private static HandlerExecution execution(AssertableWebApplicationContext context, String route) {
		return context.getBean(Routes.class).find(route).orElseThrow().settings().execution();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRoutes {

		@Bean
		WsRoute echoRoute() {
			return WsRoute.of("/ws/echo", (connection, message) -> message.payload()).withName("echo");
		}

		@Bean
		WsRoute chatRoute() {
			return WsRoute.of("/ws/chat", (connection, message) -> null).withName("chat");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Executors {

		@Bean
		Executor handlerPool() {
			return new SyncTaskExecutor();
		}

		@Bean
		String notAnExecutor() {
			return "plain";
		}

	}

}
