package com.onward.testing;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The settable {@link TestClock} in place of the system clock, in every test context. */
@Configuration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean
	@Primary
	TestClock testClock(@Value("${onward.time-zone:UTC}") String zone) {
		return new TestClock(ZoneId.of(zone));
	}
}
