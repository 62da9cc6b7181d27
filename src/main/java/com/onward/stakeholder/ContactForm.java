package com.onward.stakeholder;

import java.time.LocalDate;

import com.onward.shared.ContactRole;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A contact to add or the new state of one. */
public record ContactForm(@NotBlank @Size(max = 200) String name, @Email @Size(max = 200) String email,
		@Size(max = 50) String phone, @Size(max = 100) String title, @NotNull ContactRole role, Engagement engagement,
		Sentiment sentiment, LocalDate lastContactOn) {
}
