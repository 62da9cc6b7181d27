package com.onward.onboarding;

import java.time.LocalDate;

import jakarta.validation.constraints.Size;

/** A change to one item: any field left out stays as it is. */
public record ItemUpdate(ItemStatus status, LocalDate dueDate, @Size(max = 200) String assignee,
		@Size(max = 4000) String notes) {
}
