package com.onward.testing;

import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import into a test to make the application's clock a {@link MutableClock} (its own context). */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean
	@Primary
	MutableClock testClock(@Value("${onward.time-zone:UTC}") String zone) {
		return new MutableClock(ZoneId.of(zone));
	}
}
