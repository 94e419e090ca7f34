package dev.gofr.ws.autoconfigure;

import java.util.Map;

import dev.gofr.ws.client.ReconnectStrategy;
import dev.gofr.ws.client.ReconnectingClient;
import dev.gofr.ws.client.ReconnectingClientListener;
import dev.gofr.ws.client.ReconnectingClients;
import dev.gofr.ws.codec.PayloadCodec;
import dev.gofr.ws.metrics.ClientMetrics;
import dev.gofr.ws.time.Ticker;
import io.micrometer.core.instrument.binder.MeterBinder;

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
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
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
		 * bean definition, the others are injected.
		 */
		static ReconnectingClient client(String name, GofrWsProperties properties,
				ObjectProvider<ReconnectingClientCustomizer> customizers,
				ObjectProvider<ReconnectingClientListener> listeners, ObjectProvider<ReconnectStrategy> strategy,
				ObjectProvider<PayloadCodec> codec, ObjectProvider<Ticker> ticker) {
			ClientFactory factory = new ClientFactory(customizers.orderedStream().toList(),
					listeners.orderedStream().toList(), strategy.getIfUnique(), codec.getIfUnique(),
					ticker.getIfUnique(Ticker::system));
			return factory.create(name, properties.getClients().get(name));
		}

	}

}
