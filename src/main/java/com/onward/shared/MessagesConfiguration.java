package com.onward.shared;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.env.Environment;

/**
 * The UI's texts, from the bundles listed in {@code spring.messages.basename}, merged into one table
 * per language when first asked for. Spring Boot's default message source asks each bundle in turn
 * for every code (eighteen bundles here, each with its language's fallback chain), which made the
 * message look-ups of a page with many rows one of the larger costs of rendering it; here a code is
 * one look-up in the merged table. The files are read once (they are in the jar and do not change);
 * earlier bundles in the list win over later ones, and a language's own file over the default file,
 * as before.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

	@Bean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(Environment environment) {
		MessageSourceProperties properties = Binder.get(environment)
			.bind("spring.messages", MessageSourceProperties.class)
			.orElseGet(MessageSourceProperties::new);
		var source = new ReloadableResourceBundleMessageSource();
		source.setBasenames(properties.getBasename().stream().map(name -> "classpath:" + name).toArray(String[]::new));
		source.setDefaultEncoding(properties.getEncoding().name());
		source.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
		source.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
		source.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
		// Negative: never reloaded, and the merged table per language is what answers each code.
		source.setCacheMillis(-1);
		return source;
	}
}
