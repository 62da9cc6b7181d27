package com.onward.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The UI's texts, from the bundles listed in {@code spring.messages.basename}, merged into one table
 * per product language when first asked for. Spring Boot's default message source asks each bundle
 * in turn for every code (eighteen bundles here, each with its language's fallback chain), which made
 * the message look-ups of a page with many rows one of the larger costs of rendering it; here a code
 * is one look-up in the merged table. The files are read once (they are in the jar and do not change,
 * unless {@code spring.messages.cache-duration} asks for reloading); earlier bundles in the list win
 * over later ones, and a language's own file over the default file, as before.
 */
@Configuration(proxyBeanMethods = false)
class MessagesConfiguration {

	@Bean(name = AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(Environment environment) {
		MessageSourceProperties properties = Binder.get(environment)
			.bind("spring.messages", MessageSourceProperties.class)
			.orElseGet(MessageSourceProperties::new);
		var source = new ProductLanguages();
		source.setBasenames(properties.getBasename().stream().map(name -> "classpath:" + name).toArray(String[]::new));
		source.setDefaultEncoding(properties.getEncoding().name());
		source.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
		source.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
		source.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
		// Negative: never reloaded, and the merged table per language answers each code.
		source.setCacheMillis(properties.getCacheDuration() == null ? -1 : properties.getCacheDuration().toMillis());
		if (properties.getCommonMessages() != null) {
			var common = new Properties();
			properties.getCommonMessages().forEach(resource -> {
				try {
					PropertiesLoaderUtils.fillProperties(common, resource);
				}
				catch (IOException e) {
					throw new UncheckedIOException("Cannot read " + resource, e);
				}
			});
			source.setCommonMessages(common);
		}
		return source;
	}

	/**
	 * Every locale asked for is one of the three product languages before it reaches the tables: a
	 * request may name any locale ({@code ?lang=…}, the language cookie, {@code Accept-Language}), and
	 * each distinct one would otherwise get a merged table and message formats of its own, kept forever.
	 */
	static final class ProductLanguages extends ReloadableResourceBundleMessageSource {

		@Override
		protected String resolveCodeWithoutArguments(String code, Locale locale) {
			return super.resolveCodeWithoutArguments(code, LocalizedText.productLocale(locale));
		}

		@Override
		protected MessageFormat resolveCode(String code, Locale locale) {
			return super.resolveCode(code, LocalizedText.productLocale(locale));
		}
	}
}
