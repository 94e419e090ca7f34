package dev.gofr.ws.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The {@code Authorization} header of a client whose {@code oauth2.client-registration-id} names
 * a client registration of Spring Security's OAuth 2.0 client: a bearer access token from the
 * registration's client credentials grant, asked for on each attempt, and fetched again from the
 * token endpoint only once the one held has expired (or is about to, within the manager's clock
 * skew of 60 seconds).
 * <p>
 * The tokens are kept in the application's {@link OAuth2AuthorizedClientService} by an
 * {@link AuthorizedClientServiceOAuth2AuthorizedClientManager}, which needs no HTTP request around
 * it: a connection attempt has none. The class is loaded only when Spring Security's OAuth 2.0
 * client is on the class path.
 */
final class OAuth2ClientCredentials {

	/** The manager's class, whose presence tells that Spring Security's OAuth 2.0 client is there. */
	static final String MANAGER = "org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager";

	private OAuth2ClientCredentials() {
	}

	/**
	 * The headers of each attempt of one client.
	 * @param beans where the registrations and the authorized client service are
	 * @param property the property that named the registration, for errors
	 * @param registrationId the registration's id
	 * @param clientName the WebSocket client's name; its tokens are held for the principal
	 * {@code gofr-ws-client-<name>}
	 * @return the supplier; it throws when no token can be had, which fails the attempt
	 * @throws InvalidConfigurationPropertyValueException when the application has no such
	 * registration, or it is not a client credentials one
	 */
	static Supplier<Map<String, String>> headers(BeanFactory beans, String property, String registrationId,
			String clientName) {
		ClientRegistrationRepository registrations = beans.getBeanProvider(ClientRegistrationRepository.class)
			.getIfUnique();
		OAuth2AuthorizedClientService service = beans.getBeanProvider(OAuth2AuthorizedClientService.class).getIfUnique();
		if (registrations == null || service == null) {
			throw new InvalidConfigurationPropertyValueException(property, registrationId,
					"The application has no OAuth 2.0 client registrations: declare this one under "
							+ "spring.security.oauth2.client.registration." + registrationId
							+ " (with spring-boot-starter-security-oauth2-client), or give it a "
							+ "ClientRegistrationRepository and an OAuth2AuthorizedClientService bean.");
		}
		ClientRegistration registration = registrations.findByRegistrationId(registrationId);
		if (registration == null) {
			throw new InvalidConfigurationPropertyValueException(property, registrationId,
					"No client registration of that id under spring.security.oauth2.client.registration.");
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType())) {
			throw new InvalidConfigurationPropertyValueException(property, registrationId,
					"The registration's authorization-grant-type is "
							+ registration.getAuthorizationGrantType().getValue()
							+ ": a WebSocket client, which acts for no user, needs client_credentials.");
		}
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, service);
		OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
			.principal("gofr-ws-client-" + clientName)
			.build();
		return () -> {
			OAuth2AuthorizedClient authorized = manager.authorize(request);
			if (authorized == null) {
				throw new IllegalStateException("The client registration '" + registrationId + "' gave no access token");
			}
			return Map.of("Authorization", "Bearer " + authorized.getAccessToken().getTokenValue());
		};
	}

}
