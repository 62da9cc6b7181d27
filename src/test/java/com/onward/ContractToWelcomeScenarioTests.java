package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import com.onward.account.ContractSigned;
import com.onward.account.Contracts;
import com.onward.account.SignContract;
import com.onward.onboarding.ProjectCreated;

/**
 * One flow across four modules with Spring Modulith's {@link Scenario}: a contract is signed (account), which
 * creates the onboarding project in the same transaction (onboarding) and, once committed, has automation
 * enqueue the welcome email (messaging). The scenario waits for the events and the state change instead of
 * polling by hand.
 */
@EnableScenarios
class ContractToWelcomeScenarioTests extends IntegrationTest {

	@Autowired
	Contracts contracts;

	@Autowired
	Clock clock;

	private SignContract contract(String externalId) {
		return json.convertValue(contract(externalId, clock.instant().toString(), 40, 5_000, "en"), SignContract.class);
	}

	@Test
	void aSignedContractPublishesContractSignedWithTheProjectItCreated(Scenario scenario) {
		String externalId = unique("scenario");
		scenario.stimulate(() -> contracts.sign(contract(externalId), "test"))
			.andWaitForEventOfType(ContractSigned.class)
			.matching(e -> contracts.findByExternalId(externalId).map(s -> s.contractId().equals(e.contractId())).orElse(false))
			.toArriveAndVerify((event, signed) -> {
				assertThat(event.projectId()).isEqualTo(signed.projectId());
				assertThat(event.accountId()).isEqualTo(signed.accountId());
				assertThat(event.historical()).isFalse();
			});
	}

	@Test
	void theProjectIsCreatedFromThePlaybook(Scenario scenario) {
		String externalId = unique("scenario");
		scenario.stimulate(() -> contracts.sign(contract(externalId), "test"))
			.andWaitForEventOfType(ProjectCreated.class)
			.matching(e -> contracts.findByExternalId(externalId).map(s -> s.projectId().equals(e.projectId())).orElse(false))
			.toArriveAndVerify((created, signed) -> {
				assertThat(created.accountId()).isEqualTo(signed.accountId());
				assertThat(created.phases()).isNotEmpty();
				assertThat(get("/api/v1/projects/" + signed.projectId()).status()).isEqualTo(200);
			});
	}

	@Test
	void theWelcomeIsEnqueuedAfterTheSigningCommits(Scenario scenario) {
		String externalId = unique("scenario");
		scenario.stimulate(() -> contracts.sign(contract(externalId), "test"))
			.andWaitForStateChange(() -> welcomes(externalId), queued -> queued > 0)
			.andVerify((queued, signed) -> {
				assertThat(queued).isEqualTo(1);
				var message = get("/api/v1/messages?accountId=" + signed.accountId() + "&template=welcome").body()
					.get("items").get(0);
				assertThat(message.get("recipient").asString()).isEqualTo("siti@acme.example");
			});
	}

	/** The welcome emails queued for the account of the contract (none while it is not signed). */
	private long welcomes(String externalId) {
		return contracts.findByExternalId(externalId)
			.map(s -> get("/api/v1/messages?accountId=" + s.accountId() + "&template=welcome").body().get("total").asLong())
			.orElse(0L);
	}
}
