package dev.gofr.ws.autoconfigure;

import java.util.Map;

import dev.gofr.ws.client.ReconnectStrategy;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClientListener;
import dev.gofr.ws.client.ReconnectingClients;
import dev.gofr.ws.metrics.ClientMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetricsPublisher;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The reconnecting clients declared under {@code gofr.ws.clients.<name>}: one
 * {@link ReconnectingClient} bean each, named {@code gofr.ws.clients.<name>} and qualified
 * {@code <name>}, so {@code @Qualifier("feed") ReconnectingClient feed} injects the client
 * {@code feed}; {@link ReconnectingClients} finds every client bean by name; and their meters.
 * Each client connects when the context starts and closes with 1000 when it stops.
 * <p>
 * Every {@link ReconnectingClientListener} bean hears every declared client; a
 * {@link ReconnectStrategy} bean replaces their backoff; {@link ReconnectingClientCustomizer}
 * beans set the rest, such as message handlers.
 * <p>
 * Each declared client's Resilience4j {@code Retry} ({@code gofr-ws-client-<name>}) is
 * registered in the application's {@link RetryRegistry}, or in one of gofr-ws's when it has none;
 * with resilience4j-micrometer on the class path, the retries of that registry have meters,
 * unless Resilience4j's own Spring Boot integration binds them already.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"io.github.resilience4j.springboot.retry.autoconfigure.RetryAutoConfiguration",
		"io.github.resilience4j.springboot.retry.autoconfigure.RetryMetricsAutoConfiguration",
		"io.github.resilience4j.springboot3.retry.autoconfigure.RetryAutoConfiguration",
		"io.github.resilience4j.springboot3.retry.autoconfigure.RetryMetricsAutoConfiguration" })
@ConditionalOnClass(ReconnectingClient.class)
@EnableConfigurationProperties(GofrWsProperties.class)
@Import(GofrWsClientAutoConfiguration.DeclaredClients.class)
public final class GofrWsClientAutoConfiguration {

	/** The prefix of the clients' properties, and of their bean names. */
	static final String PREFIX = "gofr.ws.clients";

	@Bean
	@ConditionalOnMissingBean
	ReconnectingClients gofrWsReconnectingClients(ObjectProvider<ReconnectingClient> clients) {
		return new ReconnectingClients(clients.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	RetryRegistry gofrWsRetryRegistry() {
		return RetryRegistry.ofDefaults();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class ClientMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClientMetrics gofrWsClientMetrics(ObjectProvider<ReconnectingClient> clients) {
			return new ClientMetrics(() -> clients.orderedStream().toList());
		}

	}

	/**
	 * Resilience4j's meters of the retries in the registry the clients use
	 * ({@code resilience4j.retry.calls}, tagged with each retry's name), unless the application
	 * binds them itself, as Resilience4j's Spring Boot integration does.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterBinder.class, TaggedRetryMetrics.class })
	static class RetryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean({ TaggedRetryMetrics.class, TaggedRetryMetricsPublisher.class })
		MeterBinder gofrWsRetryMetrics(ObjectProvider<RetryRegistry> retryRegistry) {
			return (meters) -> retryRegistry
				.ifUnique((registry) -> TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters));
		}

	}

	/**
	 * Registers a bean per declared client. The names come from the environment, as bean
	 * definitions must exist before beans do; each client is built, and its properties checked,
	 * when its bean is created, by {@link #client}. A definition names its factory method and
	 * holds the client name as an argument, rather than a callback, so that AOT processing can
	 * write code that registers it: with AOT, the clients declared when the application was
	 * processed are the ones that exist, and their settings are read when it runs.
	 */
	static class DeclaredClients implements ImportBeanDefinitionRegistrar {

		private final Environment environment;

		DeclaredClients(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			Map<String, ClientProperties> declared = Binder.get(this.environment)
				.bind(PREFIX, Bindable.mapOf(String.class, ClientProperties.class))
				.orElse(Map.of());
			for (String name : declared.keySet()) {
				String beanName = PREFIX + "." + name;
				if (!registry.containsBeanDefinition(beanName)) {
					registry.registerBeanDefinition(beanName, definition(name));
				}
			}
		}

		private static RootBeanDefinition definition(String name) {
			RootBeanDefinition definition = new RootBeanDefinition(DeclaredClients.class);
			definition.setFactoryMethodName("client");
			definition.setTargetType(ReconnectingClient.class);
			definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
			definition.setDestroyMethodName("close");
			return definition;
		}

		/**
		 * The factory method of a declared client's bean: its first argument comes from the
		 * bean definition, the others are injected; the factory finds the beans a client may
		 * use (customizers, listeners, SSL bundles, OAuth 2.0 registrations...) in the bean
		 * factory, as some of their types may be missing from the class path.
		 */
		static ReconnectingClient client(String name, GofrWsProperties properties, BeanFactory beans) {
			return new ClientFactory(beans).create(name, properties.getClients().get(name));
		}

	}

}
