package com.onward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.docs.Documenter;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Keeps {@code docs/modules.md} (each module's purpose, API, dependencies, the events it publishes and listens to,
 * the views it publishes and reads) and {@code docs/modules.puml} (Spring Modulith's component diagram of all
 * modules) in step with the code and the migrations. When they drift the test writes the new versions and fails,
 * so the change is reviewed and committed with the code that caused it.
 */
class ModuleDocumentationTests {

	static final Path MODULES_MD = Path.of("docs/modules.md");

	static final Path MODULES_PUML = Path.of("docs/modules.puml");

	private static final String BASE = "com.onward.";

	@Test
	void theModuleReferenceMatchesTheCode() throws IOException {
		String expected = reference();
		assertThat(expected).contains("## onboarding", "`ContractSigned`", "`onboarding_project_v`");
		// The page is for users: features, not the tracker's issue numbers or the spec's requirement ids.
		assertThat(expected).doesNotContainPattern("(?i)\\bissue #?\\d").doesNotContainPattern("\\b[A-Z]{2,5}-\\d");
		assertCurrent(MODULES_MD, expected);
	}

	@Test
	void theComponentDiagramMatchesTheCode() throws IOException {
		Path folder = Path.of("target/module-docs");
		new Documenter(ModularityTests.modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml();
		String diagram = stable(Files.readString(folder.resolve("components.puml")));
		assertThat(diagram).contains("@startuml", "\"Onboarding\"");
		assertCurrent(MODULES_PUML, diagram);
	}

	/**
	 * The diagram with its elements and relations in a fixed order: the Documenter lists them in the order of a
	 * hash set, which differs from run to run, so each run of consecutive element or relation lines is sorted.
	 */
	static String stable(String diagram) {
		var out = new StringBuilder();
		var run = new java.util.ArrayList<String>();
		for (String line : diagram.split("\n", -1)) {
			String t = line.strip();
			if (t.startsWith("Rel(") || t.startsWith("Component(")) {
				run.add(line);
				continue;
			}
			run.stream().sorted().forEach(l -> out.append(l).append('\n'));
			run.clear();
			out.append(line).append('\n');
		}
		run.stream().sorted().forEach(l -> out.append(l).append('\n'));
		return out.substring(0, out.length() - 1);
	}

	/** Fails when {@code file} does not hold {@code expected}, after writing it there for the next commit. */
	private static void assertCurrent(Path file, String expected) throws IOException {
		String current = Files.exists(file) ? Files.readString(file) : "";
		if (!current.equals(expected)) {
			Files.writeString(file, expected);
		}
		assertThat(current).as(file + " was out of date with the code; it has been regenerated: review and commit it")
			.isEqualTo(expected);
	}

	/** The markdown reference of every module. */
	static String reference() throws IOException {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.onward");
		Set<String> modules = DataBoundaryTests.modules();
		Map<String, Set<String>> declared = DataBoundaryTests.declaredDependencies();
		Map<String, String> owners = DataBoundaryTests.owners();
		Map<String, Set<String>> reads = DataBoundaryTests.accesses(owners);

		// Events: an event type belongs to (is published by) the module it lives in; listeners name their modules.
		Map<String, Set<String>> listenersOf = new TreeMap<>(); // event type → listening modules
		Map<String, Set<String>> listensTo = new TreeMap<>(); // module → event types (with their module)
		for (JavaClass c : classes) {
			String module = module(c);
			if (module == null) continue;
			for (JavaMethod m : c.getMethods()) {
				if (!m.isAnnotatedWith(EventListener.class) && !m.isMetaAnnotatedWith(EventListener.class)) continue;
				for (JavaClass parameter : m.getRawParameterTypes()) {
					String owner = module(parameter);
					if (owner == null) continue;
					listenersOf.computeIfAbsent(owner + "." + parameter.getSimpleName(), k -> new TreeSet<>()).add(module);
					listensTo.computeIfAbsent(module, k -> new TreeSet<>())
						.add("`" + parameter.getSimpleName() + "`" + (owner.equals(module) ? "" : " (" + owner + ")"));
				}
			}
		}

		var md = new StringBuilder();
		md.append("# Modules\n\n");
		md.append("""
				Onward's business modules: what each is for, its API (the public types of its root package; everything
				else is internal), the modules it may depend on (its `package-info.java`), the events it publishes and
				listens to, and the database views it publishes for other modules and reads from them. How the modules
				work together is described in [architecture.md](architecture.md); [modules.puml](modules.puml) is
				Spring Modulith's component diagram of all modules.

				Generated by `ModuleDocumentationTests` from the code and the migrations: the test fails when this
				page no longer matches them, and writes the new version to commit.

				""");
		md.append("| Module | Depends on | Publishes events | Publishes views |\n|---|---|---|---|\n");
		for (String module : modules) {
			md.append("| [").append(module).append("](#").append(module).append(") | ")
				.append(declared.getOrDefault(module, Set.of()).isEmpty() ? "none"
						: String.join(", ", declared.getOrDefault(module, Set.of()))).append(" | ")
				.append(publishedEvents(module, listenersOf).size()).append(" | ")
				.append(publishedViews(module, owners).size()).append(" |\n");
		}
		for (String module : modules) {
			md.append("\n## ").append(module).append("\n\n");
			String purpose = purpose(module);
			if (!purpose.isEmpty()) md.append(purpose).append("\n\n");
			var api = new TreeSet<String>();
			for (JavaClass c : classes) {
				if (c.getPackageName().equals(BASE + module) && c.isTopLevelClass()
						&& c.getModifiers().contains(JavaModifier.PUBLIC) && !c.getSimpleName().equals("package-info")) {
					api.add(c.getSimpleName());
				}
			}
			line(md, "API", code(api));
			line(md, "Depends on", declared.getOrDefault(module, Set.of()));
			var published = new TreeSet<String>();
			publishedEvents(module, listenersOf).forEach((event, listeners) -> published
				.add("`" + event + "` (to " + String.join(", ", listeners) + ")"));
			line(md, "Publishes events", published);
			line(md, "Listens to", listensTo.getOrDefault(module, Set.of()));
			var views = new TreeSet<String>();
			publishedViews(module, owners).forEach(v -> views.add("`" + v + "`"));
			line(md, "Publishes views", views);
			var read = new TreeSet<String>();
			reads.getOrDefault(module, Set.of()).forEach(v -> read.add("`" + v + "` (" + owners.get(v) + ")"));
			line(md, "Reads views", read);
		}
		return md.toString();
	}

	private static Map<String, Set<String>> publishedEvents(String module, Map<String, Set<String>> listenersOf) {
		var result = new TreeMap<String, Set<String>>();
		listenersOf.forEach((event, listeners) -> {
			if (event.startsWith(module + ".")) result.put(event.substring(module.length() + 1), listeners);
		});
		return result;
	}

	private static Set<String> publishedViews(String module, Map<String, String> owners) {
		var views = new TreeSet<String>();
		owners.forEach((name, owner) -> {
			if (owner.equals(module) && name.endsWith("_v")) views.add(name);
		});
		return views;
	}

	/** Names as code, in their own order (not the order of their backquotes). */
	private static Set<String> code(Set<String> names) {
		var result = new java.util.LinkedHashSet<String>();
		names.forEach(n -> result.add("`" + n + "`"));
		return result;
	}

	private static void line(StringBuilder md, String label, Set<String> values) {
		md.append("- **").append(label).append(":** ").append(values.isEmpty() ? "none" : String.join(", ", values))
			.append('\n');
	}

	/** The module of a type of ours (its first package below com.onward), or null. */
	private static String module(JavaClass c) {
		String pkg = c.getPackageName();
		if (!pkg.startsWith(BASE)) return null;
		String rest = pkg.substring(BASE.length());
		int dot = rest.indexOf('.');
		return dot < 0 ? rest : rest.substring(0, dot);
	}

	/** The first sentence of the module's package-info Javadoc, on one line. */
	private static String purpose(String module) throws IOException {
		Path info = DataBoundaryTests.SOURCES.resolve(module).resolve("package-info.java");
		if (!Files.exists(info)) return "";
		Matcher m = Pattern.compile("(?s)/\\*\\*(.*?)\\*/").matcher(Files.readString(info));
		if (!m.find()) return "";
		String text = m.group(1).replaceAll("(?m)^\\s*\\*\\s?", " ").replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`")
			.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
		int end = text.indexOf(". ");
		return end < 0 ? text : text.substring(0, end + 1);
	}
}
