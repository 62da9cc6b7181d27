package com.onward.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The clock and the three product languages: {@code ?lang=id} switches and a cookie remembers. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	/** Notes every bad field of a request body instead of stopping at the first (see RequestBodyFieldErrors). */
	@Bean
	org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer fieldErrorCollector() {
		return builder -> builder.addHandler(new RequestBodyFieldErrors.Collector());
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock(@Value("${onward.time-zone}") String zone) {
		return Clock.system(ZoneId.of(zone));
	}

	/**
	 * Switches off the resource-URL rewriting that the webjars locator turns on: it would try
	 * every link on every page as a static resource in the jar (a measured 80 % of the
	 * portfolio page's time), and our webjar links are version-agnostic already.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	LocaleResolver localeResolver() {
		var resolver = new CookieLocaleResolver("onward-lang");
		resolver.setDefaultLocale(Locale.ENGLISH);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void extendHandlerExceptionResolvers(java.util.List<org.springframework.web.servlet.HandlerExceptionResolver> resolvers) {
		resolvers.addFirst(new FormErrors.Resolver());
	}

	@Override
	public void addFormatters(org.springframework.format.FormatterRegistry registry) {
		NumberInput.register(registry);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		var interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor).excludePathPatterns("/api/**");
	}
}
