package com.onward.bi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.onward.usage.UsageTestSupport;

/** The BI layer (docs/bi.md): every view answers as the read-only role, and that role cannot write. */
class BiViewsIntegrationTests extends UsageTestSupport {

	static final List<String> VIEWS = List.of("accounts", "adoption_daily", "health_components", "health_history",
			"milestones", "projects", "red_flags", "renewals", "schema_version", "success_criteria", "surveys", "tickets");

	@Autowired
	DataSource dataSource;

	@Test
	void everyViewIsReadableAsTheReadOnlyRoleWhichCannotWrite() throws Exception {
		var account = account(10, "DAILY", LocalDate.now().minusDays(5));
		sendOk(List.of(event(account, "bi-user", "LOGIN", java.time.Instant.now().minusSeconds(3600))));
		assertThat(post("/api/v1/tickets", Map.of("tickets", List.of(Map.of("externalId", unique("bi"), "accountId",
				account.toString(), "subject", "Export", "category", "how-to", "status", "open", "createdAt",
				java.time.Instant.now().minusSeconds(600).toString())))).status()).isEqualTo(202);
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
			c.setAutoCommit(true);
			s.execute("set role onward_bi_reader");
			try {
				var found = new ArrayList<String>();
				try (ResultSet rs = s.executeQuery(
						"select table_name from information_schema.views where table_schema = 'onward_bi' order by 1")) {
					while (rs.next()) found.add(rs.getString(1));
				}
				assertThat(found).containsExactlyInAnyOrderElementsOf(VIEWS);
				for (String view : VIEWS) {
					try (ResultSet rs = s.executeQuery("select * from onward_bi." + view + " limit 5")) {
						assertThat(rs.getMetaData().getColumnCount()).as(view).isPositive();
					}
				}
				assertThat(count(s, "select count(*) from onward_bi.accounts where account_id = '" + account + "'")).isEqualTo(1);
				assertThat(count(s, "select count(*) from onward_bi.milestones where account_id = '" + account + "'")).isPositive();
				assertThat(count(s, "select count(*) from onward_bi.adoption_daily where account_id = '" + account + "'")).isEqualTo(1);
				assertThat(count(s, "select count(*) from onward_bi.tickets where account_id = '" + account + "'")).isEqualTo(1);
				assertThat(count(s, "select version from onward_bi.schema_version")).isEqualTo(1);

				denied(s, "update onward_bi.tickets set status = 'CLOSED'");
				denied(s, "delete from onward_bi.accounts");
				denied(s, "insert into onward_bi.surveys (survey_id) values (gen_random_uuid())");
				denied(s, "create table onward_bi.mine (x int)");
				denied(s, "select count(*) from public.account");
				denied(s, "update public.support_ticket set status = 'CLOSED'");
			}
			finally {
				s.execute("reset role");
			}
		}
		assertThat(get("/api/v1/accounts/" + account + "/tickets").body().get(0).get("status").asString()).isEqualTo("OPEN");
	}

	private static long count(Statement s, String sql) throws SQLException {
		try (ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void denied(Statement s, String sql) {
		assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
			.satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
	}
}
