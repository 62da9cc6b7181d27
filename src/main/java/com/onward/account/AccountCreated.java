package com.onward.account;

import java.util.List;
import java.util.UUID;

/** An account was created, with the contacts given at creation (the stakeholder module keeps them). */
public record AccountCreated(UUID accountId, List<NewAccount.NewContact> contacts) {
}
