package com.onward.usage;

import java.util.List;
import java.util.UUID;

/** A committed batch of usage events touched these accounts (published once per batch). */
public record UsageRecorded(List<UUID> accountIds) {
}
