package dev.gofr.ws.autoconfigure;

import dev.gofr.ws.time.ManualTicker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A node on a {@link ManualTicker} that the test moves, and sweeps, instead of waiting, with a
 * {@link SimpleMeterRegistry} whose meters the test reads. Import it into a {@code @GofrWsTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ManualTimeConfiguration {

	@Bean
	ManualTicker manualTicker() {
		return new ManualTicker();
	}

	@Bean
	SimpleMeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
