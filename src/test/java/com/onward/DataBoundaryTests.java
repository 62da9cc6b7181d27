package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The SQL counterpart of {@link ModularityTests}: a module's SQL touches only its own tables and the
 * {@code *_v} views other modules publish. The owner of each table and view comes from the migrations: the
 * module a migration is named for ({@code V9__health.sql}), or the module named by the comment right above the
 * {@code create} ({@code -- account: renewals …}) when a migration creates something for another module. Every
 * string literal and text block in a module's main code is scanned for {@code from|join|into|update <table>}.
 */
class DataBoundaryTests {

	static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	static final Path SOURCES = Path.of("src/main/java/com/onward");

	/** Tables of the frameworks (event registry, job locks, sessions), not of a module. */
	static final Set<String> INFRASTRUCTURE = Set.of("event_publication", "shedlock", "spring_session",
			"spring_session_attributes", "flyway_schema_history");

	private static final Pattern CREATE = Pattern.compile(
			"create\\s+(?:or\\s+replace\\s+)?(?:unlogged\\s+)?(table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_.]*)");

	private static final Pattern OWNER_COMMENT = Pattern.compile("^--\\s*([a-z]+):");

	private static final Pattern STRINGS = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

	private static final Pattern ACCESS = Pattern.compile("\\b(from|join|into|update)\\s+([a-z_][a-z0-9_]*)\\b");

	@Test
	void modulesReadOtherModulesDataOnlyThroughTheirPublishedViews() {
		Map<String, String> owners = owners();
		var foreign = new TreeSet<String>();
		accesses(owners).forEach((module, tables) -> tables.forEach(table -> {
			if (!table.endsWith("_v")) {
				foreign.add(module + " uses " + owners.get(table) + "'s table " + table);
			}
		}));
		assertThat(foreign).as("reads or writes of another module's tables (publish a *_v view in the owner's migration)")
			.isEmpty();
	}

	@Test
	void everyPublishedViewIsOwnedByAModule() {
		Set<String> modules = modules();
		owners().forEach((name, owner) -> {
			if (name.endsWith("_v")) {
				assertThat(modules).as("owner of view " + name).contains(owner);
			}
		});
	}

	@Test
	void theTableOwnerMapKnowsTheCoreTables() {
		Map<String, String> owners = owners();
		assertThat(owners).containsEntry("project", "onboarding").containsEntry("account", "account")
			.containsEntry("account_renewal", "account").containsEntry("onboarding_project_v", "onboarding")
			.containsEntry("red_flag", "health");
	}

	/**
	 * Each module writes its dependencies down in its {@code package-info.java} ({@code allowedDependencies}, which
	 * {@link ModularityTests} enforces for code); the modules whose views it reads must be among them too.
	 */
	@Test
	void everyModuleDeclaresItsDependenciesIncludingTheViewsItReads() {
		Map<String, String> owners = owners();
		Map<String, Set<String>> reads = accesses(owners);
		Pattern allowed = Pattern.compile("allowedDependencies\\s*=\\s*\\{([^}]*)}");
		for (String module : modules()) {
			String info = read(SOURCES.resolve(module).resolve("package-info.java"));
			Matcher m = allowed.matcher(info);
			assertThat(m.find()).as(module + " declares allowedDependencies in package-info.java").isTrue();
			var declared = new TreeSet<String>();
			for (String name : m.group(1).split(",")) {
				if (!name.isBlank()) {
					declared.add(name.strip().replace("\"", ""));
				}
			}
			for (String view : reads.getOrDefault(module, Set.of())) {
				assertThat(declared).as(module + " reads " + view + " of " + owners.get(view)).contains(owners.get(view));
			}
		}
	}

	/**
	 * The declared module graph has no cycle. It holds the code dependencies ({@link ModularityTests}) and, by the
	 * test above, every module whose views a module reads, so a cycle through SQL (which
	 * {@code ApplicationModules.verify()} cannot see) fails here: a module that needs data of a module depending on
	 * it takes it through an interface it owns and the other implements, or through an event.
	 */
	@Test
	void theDeclaredModuleGraphHasNoCycles() {
		Map<String, Set<String>> graph = declaredDependencies();
		var cycles = new TreeSet<String>();
		for (String start : graph.keySet()) {
			var path = new java.util.ArrayList<String>(List.of(start));
			cycleFrom(start, graph, path, new java.util.HashSet<>(), cycles);
		}
		assertThat(graph).as("modules with declared dependencies").hasSizeGreaterThan(10);
		assertThat(cycles).as("cycles between modules (code or data)").isEmpty();
	}

	private static void cycleFrom(String node, Map<String, Set<String>> graph, List<String> path, Set<String> seen,
			Set<String> cycles) {
		for (String next : graph.getOrDefault(node, Set.of())) {
			if (next.equals(path.get(0))) {
				cycles.add(String.join(" -> ", path) + " -> " + next);
			}
			else if (!path.contains(next) && seen.add(path.get(0) + ">" + next)) {
				path.add(next);
				cycleFrom(next, graph, path, seen, cycles);
				path.remove(path.size() - 1);
			}
		}
	}

	/** Module → the modules its package-info.java allows it to depend on. */
	static Map<String, Set<String>> declaredDependencies() {
		Pattern allowed = Pattern.compile("allowedDependencies\\s*=\\s*\\{([^}]*)}");
		var result = new TreeMap<String, Set<String>>();
		for (String module : modules()) {
			Path info = SOURCES.resolve(module).resolve("package-info.java");
			if (!Files.exists(info)) continue;
			Matcher m = allowed.matcher(read(info));
			var declared = new TreeSet<String>();
			if (m.find()) {
				for (String name : m.group(1).split(",")) {
					if (!name.isBlank()) declared.add(name.strip().replace("\"", ""));
				}
			}
			result.put(module, declared);
		}
		return result;
	}

	/** The module data-dependency graph: which module reads which module's views. Printed for the docs. */
	@Test
	void printsTheDataDependencyGraph() {
		Map<String, String> owners = owners();
		var graph = new TreeMap<String, Set<String>>();
		accesses(owners).forEach((module, tables) -> tables
			.forEach(t -> graph.computeIfAbsent(module, k -> new TreeSet<>()).add(owners.get(t) + " (" + t + ")")));
		graph.forEach((m, uses) -> System.out.println("data: " + m + " -> " + uses));
		assertThat(graph).isNotEmpty();
	}

	/** Per module, the foreign tables and views its main code's SQL names. */
	static Map<String, Set<String>> accesses(Map<String, String> owners) {
		var result = new TreeMap<String, Set<String>>();
		for (String module : modules()) {
			try (Stream<Path> files = Files.walk(SOURCES.resolve(module))) {
				files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(file -> {
					for (String table : sqlTables(read(file))) {
						String owner = owners.get(table);
						if (owner != null && !owner.equals(module) && !INFRASTRUCTURE.contains(table)) {
							result.computeIfAbsent(module, k -> new TreeSet<>()).add(table);
						}
					}
				});
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return result;
	}

	static Set<String> sqlTables(String java) {
		String code = java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
		var tables = new TreeSet<String>();
		Matcher s = STRINGS.matcher(code);
		while (s.find()) {
			String literal = (s.group(1) != null ? s.group(1) : s.group(2)).toLowerCase();
			Matcher a = ACCESS.matcher(literal);
			while (a.find()) {
				tables.add(a.group(2));
			}
		}
		return tables;
	}

	/** Table or view → owning module, from the migrations. */
	static Map<String, String> owners() {
		var owners = new TreeMap<String, String>();
		Set<String> modules = modules();
		// db/migration/<module>/V…, and the few cross-module migrations in db/migration itself
		try (Stream<Path> files = Files.walk(MIGRATIONS)) {
			files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted(Comparator.comparingInt(DataBoundaryTests::version)).forEach(file -> {
				String name = file.getFileName().toString();
				String fileModule = name.substring(name.indexOf("__") + 2).replace(".sql", "").split("_")[0];
				String commentOwner = null;
				for (String line : read(file).toLowerCase().split("\n")) {
					String trimmed = line.strip();
					Matcher c = OWNER_COMMENT.matcher(trimmed);
					if (c.find() && modules.contains(c.group(1))) {
						commentOwner = c.group(1);
					}
					else if (trimmed.isEmpty() || !trimmed.startsWith("--")) {
						Matcher m = CREATE.matcher(trimmed);
						if (m.find()) {
							owners.putIfAbsent(m.group(2), commentOwner != null ? commentOwner : fileModule);
						}
						if (!trimmed.startsWith("--")) {
							commentOwner = null;
						}
					}
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return owners;
	}

	static Set<String> modules() {
		try (Stream<Path> dirs = Files.list(SOURCES)) {
			return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
				.collect(java.util.stream.Collectors.toCollection(TreeSet::new));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int version(Path migration) {
		String name = migration.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.indexOf("__")));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
