package com.onward.stakeholder;

import java.time.LocalDate;
import java.util.UUID;

import com.onward.shared.ContactRole;

public record Contact(UUID id, UUID accountId, String name, String email, String phone, String title, ContactRole role,
		Engagement engagement, Sentiment sentiment, LocalDate lastContactOn) {
}
