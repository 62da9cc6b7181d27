package com.onward;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Onward: the system a Customer Success team runs every new customer's onboarding in.
 * One deployable application made of business modules (one per direct sub-package).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OnwardApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnwardApplication.class, args);
	}
}
