package com.onward.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.LocalizedText;
import com.onward.shared.OwnerRole;

/**
 * Playbook list and editor. The editor posts one row per item (parallel form fields) and
 * saves the result as the next version; a blank "new item" row per phase adds an item.
 */
@Controller
class PlaybookController {

	private final Playbooks playbooks;

	PlaybookController(Playbooks playbooks) {
		this.playbooks = playbooks;
	}

	@GetMapping("/playbooks")
	String list(Model model) {
		model.addAttribute("playbooks", playbooks.latestVersions());
		return "playbook/list";
	}

	@GetMapping("/playbooks/{id}")
	String show(@PathVariable UUID id, Model model) {
		Playbook playbook = playbooks.get(id);
		model.addAttribute("playbook", playbook);
		model.addAttribute("versions", playbooks.versions(playbook.family()));
		model.addAttribute("roles", OwnerRole.values());
		model.addAttribute("kinds", ItemKind.values());
		return "playbook/edit";
	}

	@PostMapping("/playbooks/{id}")
	String save(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		try {
			Playbook base = playbooks.get(id);
			LocalizedText name = new LocalizedText(form.getFirst("nameEn"), form.getFirst("nameId"), form.getFirst("nameMs"));
			Playbook saved = playbooks.saveNewVersion(id, name, base.description(), definition(base, form));
			redirect.addFlashAttribute("saved", saved.version());
			return "redirect:/playbooks/" + saved.id();
		}
		catch (InvalidInputException e) {
			redirect.addFlashAttribute("errors", e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
		}
		catch (IllegalArgumentException e) {
			redirect.addFlashAttribute("errors", List.of(e.getMessage()));
		}
		return "redirect:/playbooks/" + id;
	}

	@PostMapping("/playbooks/{id}/clone")
	String cloneAs(@PathVariable UUID id, @RequestParam String family, @RequestParam String name,
			RedirectAttributes redirect) {
		try {
			Playbook copy = playbooks.cloneAs(id, family.strip(), LocalizedText.of(name.isBlank() ? family : name.strip()));
			return "redirect:/playbooks/" + copy.id();
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("errors", List.of(e.field() + ": " + FormErrors.describe(e).message()));
			return "redirect:/playbooks/" + id;
		}
	}

	@PostMapping("/playbooks")
	String create(@RequestParam String family, @RequestParam String name, RedirectAttributes redirect) {
		try {
			var item = new PlaybookDefinition.Item("kickoff", ItemKind.MILESTONE, LocalizedText.of("Kickoff"), 0, 1,
					OwnerRole.CSM, false, List.of(), false);
			var definition = new PlaybookDefinition(List.of(new PlaybookDefinition.Phase("start",
					LocalizedText.of("Kickoff & planning"), List.of(item))));
			Playbook created = playbooks.create(family.strip(), null, LocalizedText.of(name.isBlank() ? family : name.strip()),
					null, definition);
			return "redirect:/playbooks/" + created.id();
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("errors", List.of(e.field() + ": " + FormErrors.describe(e).message()));
			return "redirect:/playbooks";
		}
	}

	/** Rebuilds the definition from the editor's rows, keeping phase order and row order. */
	static PlaybookDefinition definition(Playbook base, MultiValueMap<String, String> form) {
		List<String> phaseKeys = form.getOrDefault("phaseKey", List.of());
		Map<String, List<PlaybookDefinition.Item>> itemsByPhase = new LinkedHashMap<>();
		phaseKeys.forEach(k -> itemsByPhase.put(k, new ArrayList<>()));
		List<String> keys = form.getOrDefault("key", List.of());
		List<String> removed = form.getOrDefault("remove", List.of());
		List<String> homework = form.getOrDefault("homework", List.of());
		List<String> csat = form.getOrDefault("csat", List.of());
		String goLive = form.getFirst("goLive");
		for (int i = 0; i < keys.size(); i++) {
			String key = keys.get(i).strip();
			String nameEn = at(form, "itemNameEn", i);
			if (removed.contains(key) || (key.isEmpty() && nameEn.isBlank())) continue;
			if (key.isEmpty()) key = nameEn.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
			List<String> deps = at(form, "dependsOn", i).isBlank() ? List.of()
					: java.util.Arrays.stream(at(form, "dependsOn", i).split(",")).map(String::strip)
						.filter(s -> !s.isEmpty()).toList();
			var item = new PlaybookDefinition.Item(key, ItemKind.valueOf(at(form, "kind", i)),
					new LocalizedText(nameEn, blank(at(form, "itemNameId", i)), blank(at(form, "itemNameMs", i))),
					number(at(form, "dayOffset", i), "dayOffset", key), number(at(form, "durationDays", i), "durationDays", key),
					OwnerRole.valueOf(at(form, "ownerRole", i)), homework.contains(keys.get(i).isBlank() ? key : keys.get(i)),
					deps, key.equals(goLive),
					// An existing row always has its CSAT box (unticked = no); a new row takes the default.
					keys.get(i).isBlank() ? null : csat.contains(keys.get(i)));
			itemsByPhase.computeIfAbsent(at(form, "itemPhase", i), k -> new ArrayList<>()).add(item);
		}
		List<PlaybookDefinition.Phase> phases = new ArrayList<>();
		for (int p = 0; p < phaseKeys.size(); p++) {
			String pk = phaseKeys.get(p);
			phases.add(new PlaybookDefinition.Phase(pk, new LocalizedText(at(form, "phaseNameEn", p),
					blank(at(form, "phaseNameId", p)), blank(at(form, "phaseNameMs", p))), itemsByPhase.get(pk)));
		}
		String newPhase = form.getFirst("newPhaseName");
		if (newPhase != null && !newPhase.isBlank()) {
			String key = newPhase.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
			phases.add(new PlaybookDefinition.Phase(key.isEmpty() ? "phase-" + (phases.size() + 1) : key,
					LocalizedText.of(newPhase.strip()), List.of()));
		}
		return new PlaybookDefinition(phases);
	}

	private static String at(MultiValueMap<String, String> form, String field, int i) {
		List<String> values = form.getOrDefault(field, List.of());
		return i < values.size() && values.get(i) != null ? values.get(i) : "";
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	private static int number(String value, String field, String key) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw InvalidInputException.of("item " + key + "." + field, "'" + value + "' is not a whole number");
		}
	}
}
