package com.onward.account;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.onward.shared.FormErrors;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.ContactRole;
import com.onward.shared.Currency;
import com.onward.shared.InvalidInputException;
import com.onward.shared.Segment;

import jakarta.validation.Valid;

/** Account page, the sign-a-contract form and the CSV import page. */
@Controller
class AccountController {

	private final Accounts accounts;
	private final Contracts contracts;
	private final AccountImport imports;
	private final Clock clock;

	private final AccountsProperties props;
	private final Renewals renewals;

	AccountController(Accounts accounts, Contracts contracts, AccountImport imports, Clock clock,
			AccountsProperties props, Renewals renewals) {
		this.props = props;
		this.renewals = renewals;
		this.accounts = accounts;
		this.contracts = contracts;
		this.imports = imports;
		this.clock = clock;
	}

	@GetMapping("/accounts/{id}")
	String account(@PathVariable UUID id, Model model) {
		Account account = accounts.get(id);
		if (!model.containsAttribute("factsForm")) model.addAttribute("factsForm", AccountFactsForm.of(account));
		return accountPage(account, model);
	}

	@PostMapping("/accounts/{id}/facts")
	String correctFacts(@PathVariable UUID id, @Valid @ModelAttribute("factsForm") AccountFactsForm form,
			BindingResult errors, Model model, RedirectAttributes redirect) {
		Account account = accounts.get(id);
		if (errors.hasErrors()) {
			// The page again with what was typed and the errors next to the fields.
			model.addAttribute("factsOpen", true);
			return accountPage(account, model);
		}
		accounts.correctFacts(id, form);
		redirect.addFlashAttribute("factsSaved", true);
		return "redirect:/accounts/" + id;
	}

	private String accountPage(Account account, Model model) {
		UUID id = account.id();
		model.addAttribute("account", account);
		model.addAttribute("currencies", Currency.values());
		model.addAttribute("rulesSegment", accounts.segmentFor(account.employees(), account.acv()));
		model.addAttribute("history", accounts.segmentHistory(id));
		model.addAttribute("contracts", contracts.forAccount(id));
		model.addAttribute("renewals", renewals.list(id));
		model.addAttribute("outcomes", RenewalOutcome.values());
		if (!model.containsAttribute("renewalForm")) {
			model.addAttribute("renewalForm", java.util.Map.of("date", LocalDate.now(clock).toString()));
		}
		model.addAttribute("segments", Segment.values());
		model.addAttribute("vendorZone", clock.getZone().getId());
		model.addAttribute("timeZones", new java.util.TreeSet<>(java.time.ZoneId.getAvailableZoneIds()).stream()
			.filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).toList());
		return "account/account";
	}

	/**
	 * The renewal form: each field is checked and named in the user's language (message codes
	 * {@code renewal.error.*}); nothing is stored while any field is wrong.
	 */
	@PostMapping("/accounts/{id}/renewals")
	String recordRenewal(@PathVariable UUID id, @RequestParam(required = false) String date,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String acvAfter,
			RedirectAttributes redirect) {
		Account account = accounts.get(id);
		var errors = new java.util.LinkedHashMap<String, String>();
		LocalDate on = null;
		if (date == null || date.isBlank()) errors.put("date", "renewal.error.date.required");
		else {
			try {
				on = LocalDate.parse(date.strip());
				if (on.isAfter(LocalDate.now(clock).plusYears(1))) errors.put("date", "renewal.error.date.tooLate");
			}
			catch (java.time.format.DateTimeParseException e) {
				errors.put("date", "renewal.error.date.invalid");
			}
		}
		RenewalOutcome result = null;
		if (outcome == null || outcome.isBlank()) errors.put("outcome", "renewal.error.outcome.required");
		else {
			try {
				result = RenewalOutcome.valueOf(outcome.strip());
			}
			catch (IllegalArgumentException e) {
				errors.put("outcome", "renewal.error.outcome.invalid");
			}
		}
		java.math.BigDecimal amount = null;
		if (acvAfter != null && !acvAfter.isBlank()) {
			try {
				amount = new java.math.BigDecimal(acvAfter.strip().replace(",", ""));
				if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
					errors.put("acvAfter", "renewal.error.acvAfter.invalid");
				}
			}
			catch (NumberFormatException e) {
				errors.put("acvAfter", "renewal.error.acvAfter.invalid");
			}
		}
		if (!errors.isEmpty()) {
			redirect.addFlashAttribute("renewalErrors", errors);
			var form = new java.util.HashMap<String, String>();
			form.put("date", date == null ? "" : date);
			form.put("outcome", outcome == null ? "" : outcome);
			form.put("acvAfter", acvAfter == null ? "" : acvAfter);
			redirect.addFlashAttribute("renewalForm", form);
			return "redirect:/accounts/" + id + "#renewals";
		}
		Currency currency = account.acv() == null ? Currency.USD : account.acv().currency();
		renewals.record(id, new Renewals.NewRenewal(on, result,
				amount == null ? null : new NewAccount.MoneyInput(amount, currency)), "UI");
		redirect.addFlashAttribute("renewalRecorded", true);
		return "redirect:/accounts/" + id + "#renewals";
	}

	@PostMapping("/accounts/{id}/time-zone")
	String changeTimeZone(@PathVariable UUID id, @RequestParam String timeZone, RedirectAttributes redirect) {
		try {
			accounts.changeTimeZone(id, null, timeZone);
		}
		catch (com.onward.shared.InvalidInputException e) {
			redirect.addFlashAttribute("timeZoneError", true);
		}
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/segment-override")
	String overrideSegment(@PathVariable UUID id, @RequestParam Segment segment, @RequestParam String reason,
			RedirectAttributes redirect) {
		try {
			accounts.overrideSegment(id, segment, reason);
		}
		catch (BusinessRuleException e) {
			redirect.addFlashAttribute("overrideError", FormErrors.describe(e).message());
		}
		return "redirect:/accounts/" + id;
	}

	@GetMapping("/contracts/new")
	String newContract(Model model) {
		model.addAttribute("form", ContractForm.empty(LocalDate.now(clock)));
		return formPage(model);
	}

	@PostMapping("/contracts")
	String sign(@Valid @ModelAttribute("form") ContractForm form, BindingResult errors, Model model) {
		if (form.contractExternalId() != null && !form.contractExternalId().isBlank()) {
			// Re-submitting a known contract id changes nothing: say so next to the field, with the way to its project.
			contracts.findByExternalId(form.contractExternalId().strip()).ifPresent(known -> {
				errors.rejectValue("contractExternalId", "contract.known");
				model.addAttribute("knownContract", known);
			});
		}
		if (errors.hasErrors()) {
			return formPage(model);
		}
		try {
			Contracts.Signed signed = contracts.sign(form.toCommand(), "ui");
			return "redirect:/projects/" + signed.projectId();
		}
		catch (BusinessRuleException e) {
			errors.rejectValue(e.field() == null ? "name" : e.field(), "invalid", FormErrors.describe(e).message());
		}
		catch (InvalidInputException e) {
			e.errors().forEach(f -> errors.reject("invalid", f.field() + ": " + f.message()));
		}
		return formPage(model);
	}

	private String formPage(Model model) {
		model.addAttribute("currencies", Currency.values());
		model.addAttribute("productTypes", ProductType.values());
		model.addAttribute("levels", OnboardingFactors.Level.values());
		model.addAttribute("contactRoles", ContactRole.values());
		return "account/contract-form";
	}

	@GetMapping("/imports")
	String importPage(Model model) {
		model.addAttribute("columns", AccountImport.COLUMNS);
		model.addAttribute("historicalDays", props.historicalImportAfterDays());
		return "account/import";
	}

	@PostMapping("/imports")
	String importFile(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean preview,
			Model model) throws IOException {
		model.addAttribute("columns", AccountImport.COLUMNS);
		model.addAttribute("historicalDays", props.historicalImportAfterDays());
		model.addAttribute("report",
				imports.importCsv(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), preview));
		return "account/import";
	}
}
