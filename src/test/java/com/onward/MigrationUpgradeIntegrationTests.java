package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Upgrades of existing databases across the per-module migration layout ({@code db/migration/<module>/V…}).
 * Installations created before the layout applied the same files from one flat folder: Flyway must accept
 * their history (same versions, descriptions and checksums) and carry their data to the latest version.
 * Each test migrates a database of its own on the embedded PostgreSQL server.
 */
class MigrationUpgradeIntegrationTests extends IntegrationTest {

	static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	/** Migrations that belong to several modules (or none) and stay in db/migration itself. */
	static final Set<String> CROSS_MODULE = Set.of("V1__platform.sql", "V42__ops_sessions.sql", "V46__bi_views.sql",
			"V66__published_views.sql");

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDatabaseOfAnEarlierReleaseKeepsItsDataWhenMigratedToTheLatestVersion(@TempDir Path flat) throws IOException {
		// An earlier release: every migration up to V50, from the flat folder it shipped in.
		copyFlat(flat, 50);
		JdbcClient db = freshDatabase("onward_upgrade_v50");
		Flyway before = flyway(db, "filesystem:" + flat);
		before.migrate();
		assertThat(before.info().current().getVersion()).isEqualTo(MigrationVersion.fromVersion("50"));

		UUID account = UUID.randomUUID();
		UUID contract = UUID.randomUUID();
		db.sql("""
				insert into account (id, external_id, name, employees, acv_amount, acv_currency, product_type, language,
				  segment, touch_model, created_at)
				values (:id, 'upgrade-1', 'PT Upgrade Lestari', 120, 48000, 'IDR', 'DAILY', 'id', 'MID_MARKET', 'LOW_TOUCH',
				  now())""").param("id", account).update();
		db.sql("""
				insert into contract (id, external_id, account_id, signed_at, acv_amount, acv_currency, project_id, source,
				  created_at)
				values (:id, 'upgrade-c1', :a, now(), 48000, 'IDR', gen_random_uuid(), 'API', now())""")
			.param("id", contract).param("a", account).update();

		// Today's layout, exactly as the application configures it.
		// The applied V1–V50 match the moved files (versions, descriptions, checksums); later ones are pending.
		Flyway.configure().configuration(flyway(db, "classpath:db/migration").getConfiguration())
			.ignoreMigrationPatterns("*:pending").load().validate();
		Flyway after = flyway(db, "classpath:db/migration");
		int applied = after.migrate().migrationsExecuted;
		assertThat(applied).as("migrations after V50").isEqualTo(pendingAfter(50));
		assertThat(after.info().pending()).isEmpty();

		assertThat(db.sql("select name, language, segment from account_v where account_id = :a").param("a", account)
			.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3)).single())
			.isEqualTo("PT Upgrade Lestari/id/MID_MARKET");
		assertThat(db.sql("select external_id from contract where id = :id").param("id", contract).query(String.class)
			.single()).isEqualTo("upgrade-c1");
		drop("onward_upgrade_v50");
	}

	@Test
	void aDatabaseMigratedFromTheFlatFolderValidatesAgainstTheModuleFolders(@TempDir Path flat) throws IOException {
		copyFlat(flat, Integer.MAX_VALUE);
		JdbcClient db = freshDatabase("onward_upgrade_flat");
		flyway(db, "filesystem:" + flat).migrate();

		Flyway layout = flyway(db, "classpath:db/migration");
		layout.validate();
		assertThat(layout.info().pending()).isEmpty();
		// The history holds the same checksum for each version as the moved file has.
		for (MigrationInfo m : layout.info().applied()) {
			assertThat(m.getState().isFailed()).as(m.getScript()).isFalse();
			assertThat(m.getState().name()).as(m.getScript()).isEqualTo("SUCCESS");
		}
		drop("onward_upgrade_flat");
	}

	@Test
	void everyModuleMigrationLivesInItsModulesFolder() throws IOException {
		var misplaced = new TreeSet<String>();
		var versions = new TreeSet<Integer>();
		var duplicates = new TreeSet<Integer>();
		Set<String> modules = DataBoundaryTests.modules();
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
				String name = f.getFileName().toString();
				String module = name.substring(name.indexOf("__") + 2).replace(".sql", "").split("_")[0];
				Path folder = MIGRATIONS.relativize(f).getParent();
				if (folder == null ? !CROSS_MODULE.contains(name) : !folder.toString().equals(module)
						|| !modules.contains(module)) {
					misplaced.add(MIGRATIONS.relativize(f).toString());
				}
				if (!versions.add(version(name))) {
					duplicates.add(version(name));
				}
			}
		}
		assertThat(misplaced).as("migrations belong in db/migration/<module>/V<n>__<module>_<what>.sql "
				+ "(db/migration itself only holds the cross-module ones " + CROSS_MODULE + ")").isEmpty();
		assertThat(duplicates).as("versions used twice").isEmpty();
	}

	private JdbcClient freshDatabase(String name) {
		drop(name);
		jdbc.sql("create database " + name).update();
		return JdbcClient.create(new DriverManagerDataSource(url(name), "postgres", password()));
	}

	private void drop(String name) {
		jdbc.sql("drop database if exists " + name + " with (force)").update();
	}

	private Flyway flyway(JdbcClient db, String location) {
		String url = db.sql("select current_database()").query(String.class).single();
		return Flyway.configure().dataSource(url(url), "postgres", password()).locations(location).load();
	}

	private String url(String database) {
		String primary = ((HikariDataSource) dataSource).getJdbcUrl();
		String url = primary.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
		assertThat(url).contains("/" + database);
		return url;
	}

	private String password() {
		return ((HikariDataSource) dataSource).getPassword();
	}

	/** The migrations as the releases before the module folders shipped them: one flat folder. */
	private static void copyFlat(Path target, int upToVersion) throws IOException {
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
				if (version(f.getFileName().toString()) <= upToVersion) {
					Files.copy(f, target.resolve(f.getFileName()));
				}
			}
		}
	}

	private static int pendingAfter(int version) throws IOException {
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			List<Integer> later = files.filter(p -> p.toString().endsWith(".sql"))
				.map(p -> version(p.getFileName().toString())).filter(v -> v > version).toList();
			return later.size();
		}
	}

	private static int version(String name) {
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}
}
