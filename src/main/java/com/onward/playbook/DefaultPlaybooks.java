package com.onward.playbook;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.onward.shared.LocalizedText;
import com.onward.shared.Segment;

import tools.jackson.databind.ObjectMapper;

/**
 * Loads the shipped default playbooks of PLAN-2 ({@code classpath:playbooks/*.json}) on
 * start-up, each as version 1 of its family when that family does not exist yet. Runs
 * before the demo data, which signs contracts against them.
 */
@Component
@Order(0)
class DefaultPlaybooks implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DefaultPlaybooks.class);

	record Shipped(String family, Segment segment, LocalizedText name, LocalizedText description,
			PlaybookDefinition definition) {
	}

	private final Playbooks playbooks;
	private final ObjectMapper json;
	private final TransactionTemplate tx;

	DefaultPlaybooks(Playbooks playbooks, ObjectMapper json, TransactionTemplate tx) {
		this.playbooks = playbooks;
		this.json = json;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:playbooks/*.json")) {
			Shipped shipped;
			try (InputStream in = resource.getInputStream()) {
				shipped = json.readValue(in, Shipped.class);
			}
			try {
				tx.executeWithoutResult(status -> {
					if (!playbooks.familyExists(shipped.family())) {
						playbooks.create(shipped.family(), shipped.segment(), shipped.name(), shipped.description(),
								shipped.definition());
						log.info("Loaded default playbook {}", shipped.family());
					}
				});
			}
			catch (org.springframework.dao.DuplicateKeyException raced) {
				// Another instance starting at the same moment loaded it first.
				log.info("Default playbook {} was loaded by another instance", shipped.family());
			}
		}
	}
}
