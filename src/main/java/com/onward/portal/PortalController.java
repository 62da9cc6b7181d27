package com.onward.portal;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import com.onward.identity.AuditLog;
import com.onward.shared.BusinessRuleException;
import com.onward.shared.InvalidInputException;
import com.onward.shared.NotFoundException;
import com.onward.success.SuccessPlans;
import com.onward.survey.Surveys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The customer portal's pages (API.md, "Customer portal"); every id is checked by {@link PortalScope} first. */
@Controller
class PortalController {

	private final MagicLinks links;
	private final PortalSessions sessions;
	private final PortalHome home;
	private final Homework homework;
	private final Surveys surveys;
	private final SuccessPlans success;
	private final Branding branding;
	private final AuditLog audit;
	private final PortalProperties props;
	private final JdbcClient jdbc;
	private final PortalHomePage homePage;

	PortalController(MagicLinks links, PortalSessions sessions, PortalHome home, Homework homework, Surveys surveys,
			SuccessPlans success, Branding branding, AuditLog audit, PortalProperties props, JdbcClient jdbc,
			PortalHomePage homePage) {
		this.homePage = homePage;
		this.links = links;
		this.sessions = sessions;
		this.home = home;
		this.homework = homework;
		this.surveys = surveys;
		this.success = success;
		this.branding = branding;
		this.audit = audit;
		this.props = props;
		this.jdbc = jdbc;
	}

	@GetMapping("/portal/sign-in")
	String signIn(Model model) {
		model.addAttribute("brand", branding.current());
		return "portal/sign-in";
	}

	/** The same page for every address, known or not, limited or not (PLT-4). */
	@PostMapping("/portal/sign-in")
	String requestLink(@RequestParam(required = false) String email, HttpServletRequest request, Model model) {
		links.request(email, request.getRemoteAddr());
		model.addAttribute("brand", branding.current());
		return "portal/check-inbox";
	}

	/** A confirmation page, so that mail scanners opening the link do not use it up. */
	@GetMapping("/portal/magic/{token}")
	String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
		model.addAttribute("brand", branding.current());
		if (links.peek(token).isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "portal/link-invalid";
		}
		model.addAttribute("token", token);
		return "portal/confirm";
	}

	@PostMapping("/portal/magic/{token}")
	String useLink(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
		var binding = links.redeem(token).orElse(null);
		if (binding == null) {
			model.addAttribute("brand", branding.current());
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return "portal/link-invalid";
		}
		String session = sessions.open(binding.contactId(), binding.accountId(), request.getRemoteAddr());
		response.addHeader(HttpHeaders.SET_COOKIE,
				PortalSecurity.cookie(session, props.sessionTtl(), props.secureCookie() || request.isSecure()).toString());
		// The audit entry names the contact who signed in.
		sessions.find(session).ifPresent(user -> {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new UsernamePasswordAuthenticationToken(user, null,
					java.util.List.of(new SimpleGrantedAuthority(PortalSecurity.ROLE))));
			SecurityContextHolder.setContext(context);
			audit.record("portal.sign-in", "account", user.accountId(), user.email());
		});
		return "redirect:/portal";
	}

	@PostMapping("/portal/sign-out")
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		sessions.signOut(PortalScope.user().sessionHash());
		response.addHeader(HttpHeaders.SET_COOKIE,
				PortalSecurity.cookie("", Duration.ZERO, props.secureCookie() || request.isSecure()).toString());
		return "redirect:/portal/sign-in?signedOut";
	}

	/** The page is rendered from {@code v} and kept for the next view of the same state ({@link PortalHomePage}). */
	@GetMapping("/portal")
	ResponseEntity<byte[]> home(HttpServletRequest request, HttpServletResponse response) {
		PortalUser user = PortalScope.user();
		PortalHome.View v = home.view(user);
		var model = new java.util.HashMap<String, Object>();
		model.put("brand", v.brand());
		model.put("user", user);
		model.put("v", v);
		model.put("digest", v.digest());
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.body(homePage.html(v, user, model, request, response));
	}

	/** API.md: {@code status=DONE} completes the contact's own homework item; any other item → 404. */
	@PostMapping("/portal/homework/{itemId}")
	String complete(@PathVariable UUID itemId, @RequestParam(required = false) String status) {
		if (!"DONE".equals(status)) throw InvalidInputException.of("status", "must be DONE");
		homework.complete(PortalScope.user(), itemId);
		return "redirect:/portal#item-" + itemId;
	}

	@PostMapping("/portal/homework/{itemId}/comments")
	String comment(@PathVariable UUID itemId, @RequestParam(required = false) String comment) {
		homework.comment(PortalScope.user(), itemId, comment);
		return "redirect:/portal#item-" + itemId;
	}

	@PostMapping("/portal/homework/{itemId}/files")
	String upload(@PathVariable UUID itemId, @RequestParam(required = false) MultipartFile file) throws IOException {
		homework.upload(PortalScope.user(), itemId, file == null ? null
				: new Homework.Upload(file.getOriginalFilename(), file.getContentType(), file.getBytes()));
		return "redirect:/portal#item-" + itemId;
	}

	/** A file of the contact's account, always as a download in a sandbox. */
	@GetMapping("/portal/files/{fileId}")
	ResponseEntity<byte[]> file(@PathVariable UUID fileId) {
		var file = homework.file(PortalScope.user().accountId(), fileId)
			.orElseThrow(() -> new NotFoundException("File", fileId));
		return download(file);
	}

	static ResponseEntity<byte[]> download(Homework.StoredFile file) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.header("Content-Security-Policy", "sandbox").header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.contentType(MediaType.parseMediaType(file.contentType())).body(file.data());
	}

	@GetMapping("/portal/criteria/{criterionId}")
	String criterion(@PathVariable UUID criterionId, Model model) {
		PortalUser user = PortalScope.user();
		var criterion = success.criterion(criterionId);
		if (!criterion.accountId().equals(user.accountId())) throw new NotFoundException("Criterion", criterionId);
		model.addAttribute("brand", branding.current());
		model.addAttribute("user", user);
		model.addAttribute("criterion", criterion);
		return "portal/criterion";
	}

	@PostMapping("/portal/surveys/{surveyId}")
	String answer(@PathVariable UUID surveyId, @RequestParam(required = false) Integer score,
			@RequestParam(required = false) String comment) {
		surveys.answer(PortalScope.user().accountId(), surveyId, score, comment);
		return "redirect:/portal?answered#surveys";
	}

	@PostMapping("/portal/digest")
	String digest(@RequestParam(defaultValue = "false") boolean enabled) {
		PortalUser user = PortalScope.user();
		jdbc.sql("update portal_contact set digest = :d where contact_id = :c and account_id = :a").param("d", enabled)
			.param("c", user.contactId()).param("a", user.accountId()).update();
		return "redirect:/portal#digest";
	}

	@ExceptionHandler(InvalidInputException.class)
	String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
		return problem(model, response, HttpStatus.BAD_REQUEST, e.errors().isEmpty() ? null : e.errors().get(0).field());
	}

	@ExceptionHandler(BusinessRuleException.class)
	String rule(BusinessRuleException e, Model model, HttpServletResponse response) {
		return problem(model, response, HttpStatus.CONFLICT, e.field());
	}

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException e, Model model, HttpServletResponse response) {
		return problem(model, response, HttpStatus.NOT_FOUND, null);
	}

	private String problem(Model model, HttpServletResponse response, HttpStatus status, String field) {
		response.setStatus(status.value());
		model.addAttribute("brand", branding.current());
		model.addAttribute("status", status.value());
		model.addAttribute("field", field);
		return "portal/problem";
	}
}
