package com.onward.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.onward.IntegrationTest;

import tools.jackson.databind.JsonNode;

class TeamAssignmentIntegrationTests extends IntegrationTest {

	@Test
	void assignsBySegmentAndSpareCapacityAndFlagsOverCapacityInsteadOfOverloading() {
		// Mid-market contracts: tech-touch SMB gets no specialist.
		// Only the members of this test serve the specialist role from here on.
		for (JsonNode m : get("/api/v1/team/members").body())
			if (m.get("role").asString().equals("IMPLEMENTATION_SPECIALIST"))
				call("PATCH", "/api/v1/team/members/" + m.get("id").asString(), Map.of("active", false));
		String busy = post("/api/v1/team/members", Map.of("name", unique("Busy"), "role", "IMPLEMENTATION_SPECIALIST",
				"segments", List.of("MID_MARKET"), "capacity", 1)).body().get("id").asString();
		String free = post("/api/v1/team/members", Map.of("name", unique("Free"), "role", "IMPLEMENTATION_SPECIALIST",
				"segments", List.of("MID_MARKET"), "capacity", 2)).body().get("id").asString();
		String enterprise = post("/api/v1/team/members", Map.of("name", unique("Enterprise only"),
				"role", "IMPLEMENTATION_SPECIALIST", "segments", List.of("ENTERPRISE"), "capacity", 50)).body().get("id").asString();

		String p1 = sign(), p2 = sign(), p3 = sign(), p4 = sign();
		// Lowest utilisation first: free (0/2), busy (0/1) by name, then whoever has spare capacity.
		assertThat(List.of(specialist(p1), specialist(p2), specialist(p3))).containsExactlyInAnyOrder(busy, free, free);
		JsonNode fourth = assignment(p4, "IMPLEMENTATION_SPECIALIST");
		assertThat(fourth.get("overCapacity").asBoolean()).as("nobody had capacity").isTrue();
		assertThat(fourth.get("memberId").asString()).isIn(busy, free);

		JsonNode members = get("/api/v1/team/members").body();
		for (JsonNode m : members)
			if (m.get("id").asString().equals(free)) assertThat(m.get("load").asInt()).isBetween(2, 3);

		// Reassignment by a manager; a member of the wrong role is refused.
		String other = post("/api/v1/team/members", Map.of("name", unique("New"), "role", "IMPLEMENTATION_SPECIALIST",
				"capacity", 10)).body().get("id").asString();
		Response moved = call("PUT", "/api/v1/projects/" + p4 + "/team/IMPLEMENTATION_SPECIALIST", Map.of("memberId", other));
		assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
		assertThat(moved.body().get("overCapacity").asBoolean()).isFalse();
		assertThat(moved.body().get("warnings")).as("a member with room who serves every segment").isEmpty();

		// What the UI asks to confirm, the API says: asked first (nothing changes) and in the answer.
		String path = "/api/v1/projects/" + p4 + "/team/IMPLEMENTATION_SPECIALIST";
		JsonNode full = get(path + "/check?memberId=" + busy).body();
		assertThat(full.get("warnings").findValuesAsString("code")).containsExactly("OVER_CAPACITY");
		assertThat(full.get("warnings").get(0).get("message").asString()).contains("capacity of 1");
		assertThat(full.get("currentMemberId").asString()).isEqualTo(other);
		assertThat(assignment(p4, "IMPLEMENTATION_SPECIALIST").get("memberId").asString()).as("a check changes nothing")
			.isEqualTo(other);
		Response outside = call("PUT", path, Map.of("memberId", enterprise));
		assertThat(outside.status()).as(outside.raw()).isEqualTo(200);
		assertThat(outside.body().get("memberId").asString()).isEqualTo(enterprise);
		assertThat(outside.body().get("warnings").findValuesAsString("code")).containsExactly("OUTSIDE_SEGMENT");
		assertThat(outside.body().get("warnings").get(0).get("message").asString()).endsWith("serves ENTERPRISE, not MID_MARKET");
		Response overloaded = call("PUT", path, Map.of("memberId", busy));
		assertThat(overloaded.body().get("warnings").findValuesAsString("code")).containsExactly("OVER_CAPACITY");
		assertThat(overloaded.body().get("overCapacity").asBoolean()).isTrue();
		assertThat(get(path + "/check?memberId=" + busy).body().get("warnings")).as("the holder of the role").isEmpty();
		assertProblem(get(path + "/check"), 400, "memberId");
		call("PUT", path, Map.of("memberId", other));
		String csm = post("/api/v1/team/members", Map.of("name", unique("Csm"), "role", "CSM", "capacity", 10)).body()
			.get("id").asString();
		assertProblem(call("PUT", "/api/v1/projects/" + p4 + "/team/IMPLEMENTATION_SPECIALIST", Map.of("memberId", csm)),
				422, "memberId");
		assertThat(get("/api/v1/projects/" + p4 + "/team").body().get("hoursPerWeek").get("CSM").get("min").asInt())
			.isEqualTo(5);
	}

	@Test
	void aMemberIsLinkedToOneStaffUserAtMost() {
		String member = post("/api/v1/team/members", Map.of("name", unique("Linked"), "role", "CSM", "capacity", 10)).body()
			.get("id").asString();
		String other = post("/api/v1/team/members", Map.of("name", unique("Other"), "role", "CSM", "capacity", 10)).body()
			.get("id").asString();
		String user = post("/api/v1/admin/users", Map.of("username", unique("link"), "displayName", "Link", "role", "CSM",
				"password", "link-password-123")).body().get("id").asString();
		Response linked = call("PUT", "/api/v1/team/members/" + member + "/user", Map.of("userId", user));
		assertThat(linked.status()).as(linked.raw()).isEqualTo(200);
		assertThat(linked.body().get("userId").asString()).isEqualTo(user);
		assertProblem(call("PUT", "/api/v1/team/members/" + other + "/user", Map.of("userId", user)), 422, "userId");
		assertProblem(call("PUT", "/api/v1/team/members/" + other + "/user",
				Map.of("userId", java.util.UUID.randomUUID().toString())), 422, "userId");
		var unlink = new java.util.HashMap<String, Object>();
		unlink.put("userId", null);
		JsonNode unlinked = call("PUT", "/api/v1/team/members/" + member + "/user", unlink).body().path("userId");
		assertThat(unlinked.isNull() || unlinked.isMissingNode()).as("unlinked").isTrue();
		assertThat(call("PUT", "/api/v1/team/members/" + other + "/user", Map.of("userId", user)).status()).isEqualTo(200);
		call("PATCH", "/api/v1/team/members/" + member, Map.of("active", false));
		call("PATCH", "/api/v1/team/members/" + other, Map.of("active", false));
	}

	@org.springframework.beans.factory.annotation.Autowired
	Team team;

	@Test
	void aStaffUserIsTheMembersLinkedToThemAndTheUnlinkedOnesWithTheirEmail() {
		String email = unique("pat") + "@vendor.example";
		String user = post("/api/v1/admin/users", Map.of("username", unique("pat"), "displayName", "Pat", "role", "CSM",
				"email", email, "password", "pat-password-123")).body().get("id").asString();
		String linked = post("/api/v1/team/members", Map.of("name", unique("Pat linked"), "role", "CSM", "capacity", 10))
			.body().get("id").asString();
		assertThat(call("PUT", "/api/v1/team/members/" + linked + "/user", Map.of("userId", user)).status()).isEqualTo(200);
		String byEmail = post("/api/v1/team/members", Map.of("name", unique("Pat by email"), "role", "IMPLEMENTATION_SPECIALIST",
				"email", email.toUpperCase(), "capacity", 10)).body().get("id").asString();
		String someoneElse = post("/api/v1/admin/users", Map.of("username", unique("sam"), "displayName", "Sam", "role", "CSM",
				"password", "sam-password-123")).body().get("id").asString();
		String othersWithTheEmail = post("/api/v1/team/members", Map.of("name", unique("Sam"), "role", "CSM",
				"email", email, "capacity", 10)).body().get("id").asString();
		assertThat(call("PUT", "/api/v1/team/members/" + othersWithTheEmail + "/user", Map.of("userId", someoneElse)).status())
			.isEqualTo(200);

		assertThat(team.memberIdsOf(java.util.UUID.fromString(user), email)).map(java.util.UUID::toString)
			.as("linked to them, or linked to nobody with their email (any case); not someone else's with the same email")
			.containsExactlyInAnyOrder(linked, byEmail);
		assertThat(team.memberIdsOf(java.util.UUID.randomUUID(), null)).isEmpty();
		for (String m : List.of(linked, byEmail, othersWithTheEmail))
			call("PATCH", "/api/v1/team/members/" + m, Map.of("active", false));
	}

	@Test
	void capacityDefaultsComeFromTheRoleAndSegment() {
		JsonNode m = post("/api/v1/team/members", Map.of("name", unique("Def"), "role", "CSM", "segments", List.of("MID_MARKET")))
			.body();
		assertThat(m.get("capacity").asInt()).isEqualTo(60);
		assertProblem(post("/api/v1/team/members", Map.of("name", "X", "role", "CSM", "capacity", 0)), 400, "capacity");
	}

	String sign() {
		return post("/api/v1/contracts", contract(unique("opp"), "2026-03-01T09:00:00Z", 200, 20_000, "en")).body()
			.get("projectId").asString();
	}

	JsonNode assignment(String projectId, String role) {
		for (JsonNode a : get("/api/v1/projects/" + projectId + "/team").body().get("assignments"))
			if (a.get("role").asString().equals(role)) return a;
		throw new AssertionError(role);
	}

	String specialist(String projectId) {
		return assignment(projectId, "IMPLEMENTATION_SPECIALIST").get("memberId").asString();
	}
}
